import BridgeSupport
import Foundation
import Simulators
import Testing

@testable import Cin7Core

@Suite(.serialized) struct Cin7ClientSimulatorTests {
    @Test func meAndObserverNeverSeesSecrets() async throws {
        let harness = try await Cin7Harness.start()
        defer { Task { await harness.stop() } }
        let me = try await harness.client.me()
        #expect(me.Company == "Harbour Outdoor Co")
        let record = try #require(harness.records.all.first)
        #expect(record.service == "cin7")
        #expect(record.method == "GET")
        #expect(record.path == "/ExternalApi/v2/me")
        #expect(record.status == 200)
        #expect(record.outcome == "ok")
        let key = harness.simulator.configuration.applicationKey
        #expect(!harness.records.all.contains { "\($0)".contains(key) })
        await harness.stop()
    }

    @Test func pagingAcrossThreePagesAndShortPageStop() async throws {
        let harness = try await Cin7Harness.start()
        harness.simulator.addLocation(name: "Main Warehouse")
        harness.simulator.addProduct(sku: "A", name: "A")
        for _ in 0..<2_500 {
            let ref = harness.simulator.createSale(SimSaleDraft(customer: "C", location: "Main Warehouse", lines: [SimLine(sku: "A", quantity: 1)]))
            harness.simulator.authorise(saleID: ref.saleID)
        }
        let all = try await harness.client.saleList(SaleListFilter(orderStatus: .authorised), limit: 1000)
        #expect(all.count == 2_500)
        #expect(Set(all.map(\.SaleID)).count == 2_500)
        #expect(harness.simulator.stats.count("GET", "saleList") == 3)

        harness.simulator.resetStats()
        let pageOfFive = try await harness.client.saleList(SaleListFilter(), limit: 1000)
        #expect(pageOfFive.count == 2_500)
        // Short page: 700 of 1000 on a page means the end, even before Total is checked.
        harness.simulator.resetStats()
        let some = try await harness.client.saleListPage(SaleListFilter(), page: 3, limit: 1000)
        #expect(some.items.count == 500)
        #expect(some.total == 2_500)

        // Exactly Total = Page*Limit stops without an empty extra page.
        harness.simulator.resetStats()
        _ = try await harness.client.saleList(SaleListFilter(), limit: 500)
        #expect(harness.simulator.stats.count("GET", "saleList") == 5)
        await harness.stop()
    }

    @Test func saleDetailsSimpleSale() async throws {
        let harness = try await Cin7Harness.start()
        let before = Date().addingTimeInterval(-1)
        let ref = harness.seedSimpleSale()
        let list = try await harness.client.saleList(SaleListFilter(updatedSince: before, orderStatus: .authorised))
        let item = try #require(list.first)
        #expect(item.SaleID == Cin7ID(ref.saleID))
        #expect(item.OrderNumber == ref.orderNumber)
        #expect(item.Status == .ordered)
        #expect(item.type == .simple)
        #expect(item.OrderLocationID != nil)
        let sale = try await harness.client.sale(id: ref.saleID.uppercased())
        #expect(sale.ID == Cin7ID(ref.saleID))
        #expect(sale.type == .simple)
        #expect(sale.Location == "Main Warehouse")
        #expect(sale.ShippingAddress?.Country == "AU")
        #expect(sale.ShippingAddress?.Company == "Harbour Outdoor Ltd")
        #expect(sale.ShippingNotes == "Deliver to dock 2")
        #expect(sale.Order?.Memo == "Fragile")
        #expect(sale.CustomerReference == "PO-7781")
        #expect(sale.Phone == "03 3189080")
        #expect(sale.Email == "orders@harbour.example")
        #expect(sale.ShipBy == CalendarDate(year: 2026, month: 12, day: 1))
        #expect(sale.Order?.Lines?.map(\.SKU) == ["TENT-2P", "MAT"])
        #expect(sale.Order?.AdditionalCharges?.first?.Description == "Freight")
        #expect(sale.Fulfilments?.count == 1)
        // Only a Service Sale's TaskID is its SaleID (cin7-core-api-v2.apib ~L20040).
        #expect(sale.Fulfilments?.first?.TaskID == Cin7ID(harness.taskID(ref)))
        #expect(sale.Fulfilments?.first?.TaskID != sale.ID)
        #expect(sale.Fulfilments?.first?.Pick?.Status == .draft)
        let regular = try await harness.client.sale(id: ref.saleID, countryFormat: .regular)
        #expect(regular.ShippingAddress?.Country == "Australia")
        await #expect(throws: Cin7Error.self) { _ = try await harness.client.sale(id: UUID().uuidString) }
        await harness.stop()
    }

    @Test func advancedSaleFulfilments() async throws {
        let harness = try await Cin7Harness.start()
        harness.seedSimpleSale()
        let ref = harness.simulator.createSale(
            SimSaleDraft(
                customer: "Alpine",
                location: "Main Warehouse",
                lines: [SimLine(sku: "TENT-2P", quantity: 2), SimLine(sku: "MAT", quantity: 4)],
                advancedFulfilments: [[SimLine(sku: "TENT-2P", quantity: 2)], [SimLine(sku: "MAT", quantity: 4)]]
            )
        )
        harness.simulator.authorise(saleID: ref.saleID)
        let sale = try await harness.client.sale(id: ref.saleID)
        #expect(sale.type == .advanced)
        let tasks = try #require(sale.Fulfilments).map(\.TaskID)
        #expect(tasks.count == 2)
        #expect(Set(tasks).count == 2)
        #expect(!tasks.contains(sale.ID))
        let fulfilments = try await harness.client.fulfilments(saleID: ref.saleID)
        #expect(fulfilments.Fulfilments?.map(\.FulfillmentNumber) == [1, 2])

        // A new fulfilment needs every pick authorised.
        await #expect(throws: Cin7Error.self) { _ = try await harness.client.addFulfilment(saleID: ref.saleID) }
        for task in tasks { _ = try await harness.client.writePick(.autoPick(taskID: task)) }
        let added = try await harness.client.addFulfilment(saleID: ref.saleID)
        #expect(added.Fulfilments?.count == 3)
        // Nobody has picked the new fulfilment: its draft pick is empty (cin7-core-api-v2.apib ~L23230).
        #expect(added.Fulfilments?.last?.Pick?.Status == .draft)
        #expect(added.Fulfilments?.last?.Pick?.Lines?.isEmpty == true)

        // Adding a fulfilment turns a simple sale into an advanced one.
        let simple = harness.seedSimpleSale()
        _ = try await harness.client.writePick(.autoPick(taskID: Cin7ID(harness.taskID(simple))))
        _ = try await harness.client.addFulfilment(saleID: simple.saleID)
        #expect(try await harness.client.sale(id: simple.saleID).type == .advanced)
        await harness.stop()
    }

    @Test func pickPackShipWrittenAndReadBack() async throws {
        let harness = try await Cin7Harness.start()
        let ref = harness.seedSimpleSale()
        let client = harness.client
        let sale = try await client.sale(id: ref.saleID)
        let taskID = try #require(sale.Fulfilments?.first?.TaskID).value

        let pick = try await client.writePick(.autoPick(taskID: Cin7ID(taskID)))
        #expect(pick.Status == .authorised)
        #expect(pick.Lines?.count == 2)
        do {
            _ = try await client.writePick(.autoPick(taskID: Cin7ID(taskID)))
            Issue.record("a second pick must fail")
        } catch let error as Cin7Error {
            #expect(error.isAlreadyAuthorised)
        }

        let packLines = (pick.Lines ?? []).map {
            PickPackLine(ProductID: $0.ProductID, SKU: $0.SKU ?? "", Name: $0.Name, Location: $0.Location, Quantity: $0.Quantity ?? 0, Box: "Box 1")
        }
        let pack = try await client.writePack(PackRequest(TaskID: Cin7ID(taskID), Lines: packLines))
        #expect(pack.Status == .authorised)
        #expect(try await client.pack(taskID: taskID).Lines?.first?.Box == "Box 1")

        #expect(try await client.carriers(description: "Courier").isEmpty)
        let carrier = try await client.createCarrier(description: "Courier Co")
        #expect(carrier.Description == "Courier Co")
        #expect(try await client.carriers(description: "cour").map(\.CarrierID) == [carrier.CarrierID])

        let shipDate = CalendarDate(year: 2026, month: 11, day: 24)
        let ship = try await client.writeShip(
            ShipRequest(
                TaskID: Cin7ID(taskID),
                Lines: [
                    ShipRequestLine(
                        ShipmentDate: shipDate,
                        Carrier: "Courier Co",
                        Box: "Box 1",
                        TrackingNumber: "TRK1",
                        TrackingURL: "https://track.example/TRK1"
                    )
                ]
            )
        )
        #expect(ship.Status == .authorised)
        #expect(ship.Lines?.first?.Boxes == "Box 1")
        #expect(ship.Lines?.first?.ID != nil)
        #expect(ship.Lines?.first?.ShipmentDate == shipDate)
        let snapshot = try #require(harness.simulator.snapshot(saleID: ref.saleID))
        #expect(snapshot.combinedShippingStatus == "SHIPPED")
        #expect(snapshot.fulfilmentStatus == "FULFILLED")
        #expect(snapshot.combinedTrackingNumbers == "TRK1")
        // TrackingURL is read-only (cin7-core-api-v2.apib ~L29865): sent as the examples do, not kept.
        #expect(snapshot.fulfilments.first?.shipLines.first?.trackingURL == "")
        #expect(harness.simulator.stats.shipPostsBySale[ref.saleID] == 1)

        do {
            _ = try await client.writeShip(ShipRequest(TaskID: Cin7ID(taskID), Lines: []))
            Issue.record("a second ship must fail")
        } catch let error as Cin7Error {
            #expect(error.isAlreadyAuthorised)
        }

        // Tracking changes after shipping.
        _ = try await client.writeShip(
            ShipRequest(
                TaskID: Cin7ID(taskID),
                Lines: [
                    ShipRequestLine(
                        ShipmentDate: shipDate,
                        Carrier: "Courier Co",
                        Box: "Box 1",
                        TrackingNumber: "TRK2",
                        TrackingURL: "https://track.example/TRK2"
                    )
                ],
                AddTrackingNumbers: true
            ),
            method: .put
        )
        let reread = try await client.sale(id: ref.saleID)
        #expect(reread.CombinedTrackingNumbers == "TRK2")
        #expect(reread.CombinedShippingStatus == .shipped)
        #expect(reread.Fulfilments?.first?.Ship?.Lines?.first?.TrackingURL == "")
        #expect(try await client.ship(taskID: taskID).Lines?.first?.TrackingNumber == "TRK2")
        await harness.stop()
    }

    @Test func validationErrorsInEveryShape() async throws {
        for shape in Cin7ErrorShape.allCases {
            let harness = try await Cin7Harness.start { $0.errorShape = shape }
            let ref = harness.seedSimpleSale()
            // Pack before pick: refused.
            do {
                _ = try await harness.client.writePack(
                    PackRequest(
                        TaskID: Cin7ID(harness.taskID(ref)),
                        Lines: [
                            PickPackLine(SKU: "TENT-2P", Location: "Main Warehouse", Quantity: 3, Box: "Box 1")
                        ]
                    )
                )
                Issue.record("pack before pick must fail (\(shape))")
            } catch let error as Cin7Error {
                guard case .validation(let message) = error else {
                    Issue.record("\(shape): \(error)")
                    continue
                }
                #expect(message.contains("Pick status is DRAFT"))
                #expect(!error.isTransient)
            }
            await harness.stop()
        }
    }

    @Test func referenceDataAndWebhooks() async throws {
        let harness = try await Cin7Harness.start()
        harness.seedSimpleSale()
        let locations = try await harness.client.locations()
        let main = try #require(locations.first { $0.Name == "Main Warehouse" })
        let bin = try #require(locations.first { $0.Name == "Main Warehouse: A-01" })
        #expect(bin.ParentID == main.ID)
        #expect(main.Bins?.map(\.ID) == [bin.ID])
        let products = try await harness.client.products(sku: "TENT")
        #expect(products.map(\.SKU) == ["TENT-2P"])
        #expect(try await harness.client.products().first { $0.SKU == "INSTALL" }?.type == .service)

        #expect(try await harness.client.customers(name: "harbour").map(\.Name) == ["Harbour Outdoor Ltd"])

        let hook = try await harness.client.createWebhook(Webhook(type: "Sale/OrderAuthorised", ExternalURL: "https://bridge.example/hook"))
        let id = try #require(hook.ID)
        #expect(try await harness.client.webhooks().count == 1)
        var changed = hook
        changed.IsActive = false
        #expect(try await harness.client.updateWebhook(changed).IsActive == false)
        for _ in 0..<4 { _ = try await harness.client.createWebhook(Webhook(type: "Sale/OrderAuthorised", ExternalURL: "https://b.example")) }
        await #expect(throws: Cin7Error.self) {
            _ = try await harness.client.createWebhook(Webhook(type: "Sale/OrderAuthorised", ExternalURL: "https://b.example"))
        }
        try await harness.client.deleteWebhook(id: id.value)
        #expect(try await harness.client.webhooks().count == 4)
        await harness.stop()
    }

    @Test func badCredentialsAndWrongBaseURL() async throws {
        let harness = try await Cin7Harness.start(
            { $0.unknownPathAnswer = .htmlPage },
            client: {
                $0.credentials.applicationKey = Secret("11111111-2222-3333-4444-555555555555")
            }
        )
        do {
            _ = try await harness.client.me()
            Issue.record("bad credentials must fail")
        } catch let error as Cin7Error {
            #expect(error == .credentialsRejected)
            #expect(error.userMessage.contains("Account ID or Application Key"))
            #expect(!error.userMessage.contains("11111111"))
            #expect(!error.isTransient)
        }
        #expect(harness.simulator.stats.rejectedCredentials == 1)

        let root = try #require(URL(string: "/", relativeTo: harness.simulator.baseURL)?.absoluteURL)
        let config = Cin7Configuration(
            baseURL: root,
            credentials: Cin7Credentials(
                accountID: harness.simulator.configuration.accountID,
                applicationKey: Secret(harness.simulator.configuration.applicationKey)
            )
        )
        let wrong = Cin7Client(configuration: config)
        do {
            _ = try await wrong.me()
            Issue.record("an HTML page must not pass as the API")
        } catch let error as Cin7Error {
            guard case .notTheAPI = error else {
                Issue.record("\(error)")
                return
            }
            #expect(error.userMessage.contains("does not answer as the Cin7 Core API"))
        }

        let insecure = Cin7Client(
            configuration: Cin7Configuration(
                baseURL: URL(string: "http://cin7.example.com/ExternalApi/v2/")!,
                credentials: config.credentials
            )
        )
        await #expect(throws: Cin7Error.insecureURL("http://cin7.example.com/ExternalApi/v2/")) { _ = try await insecure.me() }
        await harness.stop()
    }
}
