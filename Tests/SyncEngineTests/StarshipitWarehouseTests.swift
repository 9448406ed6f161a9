import BridgeSupport
import Foundation
import Simulators
import Starshipit
import SyncEngine
import Testing

/// `StarshipitWarehouse` against the Starshipit simulator.
@Suite("Starshipit warehouse adapter", .serialized)
struct StarshipitWarehouseTests {
    struct NotCreated: Error {}

    struct Bed {
        let simulator: StarshipitSimulator
        let warehouse: StarshipitWarehouse

        func stop() async { await simulator.stop() }

        /// The simulator's order id of a warehouse order.
        func id(_ order: WarehouseOrder) throws -> Int { try #require(Int(order.id)) }
    }

    func start(
        writebackOn: IntegrationConfig.Fulfilment.WritebackPoint = .labelPrinted,
        _ configure: (inout StarshipitSimulatorConfiguration) -> Void = { _ in }
    ) async throws -> Bed {
        var configuration = StarshipitSimulatorConfiguration()
        configuration.tier = .production
        configuration.requestsPerSecond = 1000
        configure(&configuration)
        let simulator = StarshipitSimulator(configuration: configuration)
        let url = try await simulator.start()
        let client = StarshipitClient(
            configuration: StarshipitConfiguration(
                baseURL: url,
                apiKey: Secret(configuration.apiKey),
                subscriptionKey: Secret(configuration.subscriptionKey),
                tier: .production,
                rate: RatePolicy(limit: 1000, window: 1),
                retry: RetryPolicy(maxAttempts: 3, backoff: Backoff(base: 0.02, cap: 0.1)),
                timeout: 5
            )
        )
        return Bed(simulator: simulator, warehouse: StarshipitWarehouse(client: client, writebackOn: writebackOn, accountName: "Sydney"))
    }

    func request(_ reference: String) -> WarehouseOrderRequest {
        var address = WarehouseOrderRequest.Address()
        address.contactName = "Jolene Smith"
        address.companyName = "Acme Retail Pty Ltd"
        address.address1 = "83 George Street"
        address.address2 = "Level 2"
        address.suburb = "Sydney"
        address.stateCode = "NSW"
        address.postcode = "2000"
        address.countryCode = "AU"
        return WarehouseOrderRequest(
            reference: reference,
            warehouse: .init(name: "Sydney"),
            address: address,
            instructions: "Leave at door",
            requiredDate: nil,
            customerReference: nil,
            cin7OrderNumber: "SO-00042",
            lines: [.init(sku: "TEE-BLK-M", name: "T-Shirt Black M", quantity: 2), .init(sku: "MUG-001", name: "Enamel Mug", quantity: 1)]
        )
    }

    func created(_ result: WarehouseCreateResult) throws -> WarehouseOrder {
        guard case .created(let order) = result else {
            Issue.record("expected .created, got \(result)")
            throw NotCreated()
        }
        return order
    }

    @Test func createThenFindByExactNumber() async throws {
        let bed = try await start()
        defer { Task { await bed.stop() } }
        let order = try created(try await bed.warehouse.createOrder(request("SO-42")))
        #expect(order.status == .open)
        #expect(order.statusText == "Unshipped")
        #expect(order.skus == ["TEE-BLK-M", "MUG-001"])
        _ = try await bed.warehouse.createOrder(request("SO-421"))
        let found = try await bed.warehouse.findOrders(reference: "SO-42")
        #expect(found.map(\.id) == [order.id])
        #expect(try await bed.warehouse.findOrders(reference: "SO-4").isEmpty)
        let stored = try #require(bed.simulator.order(id: try bed.id(order)))
        #expect(stored.reference == "SO-00042")
        #expect(stored.request.at(pointer: "/destination/country")?.stringValue == "Australia")
        #expect(stored.request.at(pointer: "/destination/street")?.stringValue == "83 George Street, Level 2")
        #expect(stored.request.at(pointer: "/destination/suburb")?.stringValue == "Sydney")
        #expect(try await bed.warehouse.order(id: order.id).reference == "SO-42")
    }

    /// A create whose answer was lost: the engine's search by reference finds the order, so no second one is made.
    @Test(arguments: [true, false])
    func reCreateAfterUnknownOutcomeFindsTheOrder(searchIncludesUnshipped: Bool) async throws {
        let bed = try await start { $0.searchIncludesUnshipped = searchIncludesUnshipped }
        defer { Task { await bed.stop() } }
        bed.simulator.faults = SimulatorFaults(dropRate: 1)
        do {
            _ = try await bed.warehouse.createOrder(request("SO-7"))
            Issue.record("a dropped create answer was taken as an outcome")
        } catch WarehouseError.transient {
            // The outcome is unknown: the engine looks the reference up next.
        }
        bed.simulator.faults = .none
        let found = try await bed.warehouse.findOrders(reference: "SO-7")
        #expect(found.count == 1)
        #expect(found.first?.status == .open)
        #expect(bed.simulator.liveOrderCounts()["SO-7"] == 1)
    }

    @Test func aRefusedDuplicateNamesTheExistingOrder() async throws {
        let bed = try await start { $0.duplicatePolicy = .reject409 }
        defer { Task { await bed.stop() } }
        let first = try created(try await bed.warehouse.createOrder(request("SO-9")))
        #expect(try await bed.warehouse.createOrder(request("SO-9")) == .duplicate(existingID: first.id))
        #expect(bed.simulator.liveOrderCounts()["SO-9"] == 1)
    }

    @Test func duplicatesAllowedAreAllFound() async throws {
        let bed = try await start { $0.duplicatePolicy = .allow }
        defer { Task { await bed.stop() } }
        _ = try await bed.warehouse.createOrder(request("SO-10"))
        _ = try await bed.warehouse.createOrder(request("SO-10"))
        #expect(try await bed.warehouse.findOrders(reference: "SO-10").count == 2)
    }

    @Test func shipmentsOfManyOrdersInOneCall() async throws {
        let bed = try await start(writebackOn: .manifested)
        defer { Task { await bed.stop() } }
        let started = bed.simulator.now
        var orders: [WarehouseOrder] = []
        for index in 1...12 {
            let order = try created(try await bed.warehouse.createOrder(request("SO-B\(index)")))
            bed.simulator.printLabel(orderID: try bed.id(order))
            bed.simulator.manifest(orderID: try bed.id(order))
            orders.append(order)
        }
        let changed = try await bed.warehouse.ordersChanged(since: started)
        #expect(changed.count == 12)
        #expect(changed.allSatisfy { $0.status == .dispatched && $0.dispatchedAt != nil })
        let before = bed.simulator.stats.byEndpoint
        let shipments = try await bed.warehouse.shipments(for: changed)
        #expect(shipments.count == 12)
        #expect(shipments.values.allSatisfy { $0.hasTracking && $0.carrier == "Australia Post" && $0.trackingURL != nil })
        let after = bed.simulator.stats.byEndpoint
        #expect((after["GET /api/orders/shipped"] ?? 0) - (before["GET /api/orders/shipped"] ?? 0) == 1)
        #expect(after["GET /api/orders by order_id"] == before["GET /api/orders by order_id"])
    }

    /// Completed orders the engine watches for late tracking come without a ship date: they are covered by the last
    /// poll's window in the same one list, never read one by one.
    @Test func watchedOrdersWithoutADateShareTheOneList() async throws {
        let bed = try await start(writebackOn: .manifested)
        defer { Task { await bed.stop() } }
        let old = try created(try await bed.warehouse.createOrder(request("SO-W1")))
        bed.simulator.printLabel(orderID: try bed.id(old))
        bed.simulator.manifest(orderID: try bed.id(old))
        bed.simulator.advanceTime(by: 2 * 86_400)
        let recent = try created(try await bed.warehouse.createOrder(request("SO-W2")))
        bed.simulator.printLabel(orderID: try bed.id(recent))
        bed.simulator.manifest(orderID: try bed.id(recent))
        _ = try await bed.warehouse.ordersChanged(since: bed.simulator.now.addingTimeInterval(-60))
        let watched = [old, recent].map { WarehouseOrder(id: $0.id, reference: $0.reference, status: .dispatched, statusText: "DISPATCHED") }
        let before = bed.simulator.stats.byEndpoint
        let shipments = try await bed.warehouse.shipments(for: watched)
        #expect(shipments[recent.id]?.hasTracking == true)
        #expect(shipments[old.id] == nil)
        let after = bed.simulator.stats.byEndpoint
        #expect((after["GET /api/orders/shipped"] ?? 0) - (before["GET /api/orders/shipped"] ?? 0) == 1)
        #expect(after["GET /api/orders by order_id"] == nil)
    }

    @Test func writeBackOnPrint() async throws {
        let bed = try await start(writebackOn: .labelPrinted)
        defer { Task { await bed.stop() } }
        let started = bed.simulator.now
        let order = try created(try await bed.warehouse.createOrder(request("SO-P1")))
        let numbers = try #require(bed.simulator.printLabel(orderID: try bed.id(order), carrier: "StarTrack", carrierName: "StarTrack"))
        let changed = try await bed.warehouse.ordersChanged(since: started)
        let printed = try #require(changed.first { $0.id == order.id })
        #expect(printed.status == .dispatched)
        #expect(printed.statusText == "Printed")
        let shipment = try #require(try await bed.warehouse.shipment(for: printed))
        #expect(shipment.trackingNumber == numbers.first)
        #expect(shipment.carrier == "StarTrack")
        #expect(try await bed.warehouse.order(id: order.id).status == .dispatched)
    }

    /// `since_created_date` may filter on the order's creation (undocumented): an order created days before its label
    /// is printed is still seen as dispatched, either way.
    @Test(arguments: [false, true])
    func anOldOrderPrintedTodayIsSeen(sinceComparesOrderDate: Bool) async throws {
        let bed = try await start(writebackOn: .labelPrinted) { $0.shipmentsSinceComparesOrderDate = sinceComparesOrderDate }
        defer { Task { await bed.stop() } }
        let order = try created(try await bed.warehouse.createOrder(request("SO-OLD")))
        bed.simulator.advanceTime(by: 3 * 86_400)
        let now = bed.simulator.now
        bed.simulator.printLabel(orderID: try bed.id(order))
        let changed = try #require(try await bed.warehouse.ordersChanged(since: now.addingTimeInterval(-60)).first { $0.id == order.id })
        #expect(changed.status == .dispatched)
        #expect(try await bed.warehouse.shipments(for: [changed])[order.id]?.hasTracking == true)
    }

    @Test func writeBackOnManifest() async throws {
        let bed = try await start(writebackOn: .manifested)
        defer { Task { await bed.stop() } }
        let started = bed.simulator.now
        let order = try created(try await bed.warehouse.createOrder(request("SO-M1")))
        bed.simulator.printLabel(orderID: try bed.id(order))
        // Printed is not dispatched yet: not in the changes (no printed list is read) and packed when read.
        #expect(try await bed.warehouse.ordersChanged(since: started).allSatisfy { $0.status != .dispatched })
        let read = try await bed.warehouse.order(id: order.id)
        #expect(read.status == .packed)
        #expect(try await bed.warehouse.shipment(for: read) == nil)
        #expect(bed.simulator.stats.byEndpoint["GET /api/orders/shipments"] == nil)
        bed.simulator.manifest(orderID: try bed.id(order))
        let shipped = try #require(try await bed.warehouse.ordersChanged(since: started).first { $0.id == order.id })
        #expect(shipped.status == .dispatched)
        #expect(try await bed.warehouse.shipment(for: shipped)?.hasTracking == true)
    }

    @Test(arguments: [IntegrationConfig.Fulfilment.WritebackPoint.labelPrinted, .manifested])
    func severalPackagesKeepEveryTrackingNumber(writebackOn: IntegrationConfig.Fulfilment.WritebackPoint) async throws {
        let bed = try await start(writebackOn: writebackOn)
        defer { Task { await bed.stop() } }
        let started = bed.simulator.now
        let order = try created(try await bed.warehouse.createOrder(request("SO-MP")))
        let numbers = try #require(bed.simulator.printLabel(orderID: try bed.id(order), packages: 3))
        if writebackOn == .manifested { bed.simulator.manifest(orderID: try bed.id(order)) }
        let changed = try #require(try await bed.warehouse.ordersChanged(since: started).first { $0.id == order.id })
        let shipment = try #require(try await bed.warehouse.shipments(for: [changed])[order.id])
        #expect(shipment.trackingNumber == numbers[0])
        #expect(shipment.packages?.map(\.trackingNumber) == numbers)
        #expect(shipment.packages?.allSatisfy { $0.carrier == "Australia Post" } == true)
        if writebackOn == .manifested { #expect(shipment.packages?.allSatisfy { $0.trackingURL != nil } == true) }
    }

    @Test func cancelWhileUnshippedOnly() async throws {
        let bed = try await start()
        defer { Task { await bed.stop() } }
        let open = try created(try await bed.warehouse.createOrder(request("SO-C1")))
        #expect(try await bed.warehouse.cancelOrder(id: open.id) == .cancelled)
        #expect(bed.simulator.liveOrderCounts()["SO-C1"] == nil)
        await #expect(throws: WarehouseError.self) { _ = try await bed.warehouse.order(id: open.id) }
        let printed = try created(try await bed.warehouse.createOrder(request("SO-C2")))
        bed.simulator.printLabel(orderID: try bed.id(printed))
        #expect(try await bed.warehouse.cancelOrder(id: printed.id) == .notAllowed(status: "Printed"))
        bed.simulator.manifest(orderID: try bed.id(printed))
        #expect(try await bed.warehouse.cancelOrder(id: printed.id) == .notAllowed(status: "Shipped"))
    }

    /// Archived after printing but never shipped: cancelled when writing back on manifest (L227-228); already
    /// dispatched when writing back on print.
    @Test(arguments: [IntegrationConfig.Fulfilment.WritebackPoint.labelPrinted, .manifested])
    func archivedBeforeShipping(writebackOn: IntegrationConfig.Fulfilment.WritebackPoint) async throws {
        let bed = try await start(writebackOn: writebackOn)
        defer { Task { await bed.stop() } }
        let order = try created(try await bed.warehouse.createOrder(request("SO-A1")))
        bed.simulator.printLabel(orderID: try bed.id(order))
        bed.simulator.archive(orderID: try bed.id(order))
        #expect(try await bed.warehouse.order(id: order.id).status == (writebackOn == .labelPrinted ? .dispatched : .cancelled))
    }

    @Test func connectionTestSaysWhichKey() async throws {
        let bed = try await start()
        defer { Task { await bed.stop() } }
        let report = await bed.warehouse.testConnection()
        #expect(report.ok)
        #expect(report.checks.map(\.name) == ["Subscription key", "API key", "Rate tier", "Carriers"])
        let url = try #require(bed.simulator.baseURL)
        let wrongAPIKey = StarshipitWarehouse(
            client: StarshipitClient(
                configuration: StarshipitConfiguration(baseURL: url, apiKey: "wrong", subscriptionKey: Secret(bed.simulator.subscriptionKey))
            )
        )
        let apiReport = await wrongAPIKey.testConnection()
        #expect(!apiReport.ok)
        #expect(apiReport.checks.first { !$0.ok }?.name == "API key")
        let wrongSubscription = StarshipitWarehouse(
            client: StarshipitClient(
                configuration: StarshipitConfiguration(baseURL: url, apiKey: Secret(bed.simulator.apiKey), subscriptionKey: "wrong")
            )
        )
        let subscriptionReport = await wrongSubscription.testConnection()
        #expect(subscriptionReport.checks.first?.name == "Subscription key")
        #expect(subscriptionReport.firstProblem?.contains("Subscription key") == true)
        #expect(try await bed.warehouse.knownWarehouses() == [.init(name: "Sydney")])
    }

    @Test func failuresAreClassified() async throws {
        let bed = try await start()
        defer { Task { await bed.stop() } }
        bed.simulator.faults = SimulatorFaults(serverErrorRate: 1)
        do {
            _ = try await bed.warehouse.ordersChanged(since: Date())
            Issue.record("a 5xx was not an error")
        } catch WarehouseError.transient(let code, _) {
            #expect(code == .warehouse(.starshipit, .transient))
        }
        bed.simulator.faults = .none
        bed.simulator.updateConfiguration { $0.planIncludesAPI = false }
        do {
            _ = try await bed.warehouse.createOrder(request("SO-E1"))
            Issue.record("a 403 was not an error")
        } catch WarehouseError.permanent(let code, let message) {
            #expect(code == .warehouse(.starshipit, .forbidden))
            #expect(message.contains("plan"))
        }
        do {
            _ = try await bed.warehouse.order(id: "123456")
        } catch WarehouseError.permanent(let code, _) {
            #expect(code == .warehouse(.starshipit, .forbidden))
        }
        bed.simulator.updateConfiguration { $0.planIncludesAPI = true }
        do {
            _ = try await bed.warehouse.order(id: "123456")
            Issue.record("a missing order was found")
        } catch WarehouseError.permanent(let code, _) {
            #expect(code == .warehouseOrderNotFound)
        }
    }
}
