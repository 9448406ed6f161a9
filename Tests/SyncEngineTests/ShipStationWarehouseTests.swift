import BridgeSupport
import Foundation
import ShipStation
import Simulators
import SyncEngine
import Synchronization
import Testing

/// `ShipStationWarehouse` against the ShipStation simulator (shipstation-api.md).
@Suite("ShipStation warehouse adapter", .serialized)
struct ShipStationWarehouseTests {
    struct Bed {
        let simulator: ShipStationSimulator
        let warehouse: ShipStationWarehouse

        static func start(storeID: Int? = nil, _ configure: (inout ShipStationSimulatorConfiguration) -> Void = { _ in }) async throws -> Bed {
            var configuration = ShipStationSimulatorConfiguration()
            configure(&configuration)
            let simulator = ShipStationSimulator(configuration: configuration)
            let url = try await simulator.start()
            let client = ShipStationClient(
                configuration: ShipStationConfiguration(
                    baseURL: url,
                    apiKey: configuration.apiKey,
                    apiSecret: Secret(configuration.apiSecret),
                    retry: RetryPolicy(maxAttempts: 3, backoff: Backoff(base: 0.01, cap: 0.05)),
                    timeout: 5
                )
            )
            return Bed(simulator: simulator, warehouse: ShipStationWarehouse(client: client, storeID: storeID))
        }

        func request(
            _ reference: String,
            warehouse: IntegrationConfig.WarehouseRef = .init(id: "456789"),
            lines: [(String, Double)] = [("A", 2), ("B", 1)]
        )
            -> WarehouseOrderRequest
        {
            var address = WarehouseOrderRequest.Address()
            address.contactName = "Jane Buyer"
            address.address1 = "1 Main St"
            address.city = "Austin"
            address.stateCode = "TX"
            address.postcode = "78701"
            address.countryCode = "US"
            address.email = "jane@example.com"
            return WarehouseOrderRequest(
                reference: reference,
                warehouse: warehouse,
                address: address,
                instructions: "Leave at the door",
                requiredDate: CalendarDate(year: 2026, month: 3, day: 14),
                customerReference: "PO-7",
                cin7OrderNumber: "SO-00123",
                lines: lines.map { .init(sku: $0.0, name: "Item \($0.0)", quantity: $0.1) }
            )
        }

        func create(_ reference: String) async throws -> WarehouseOrder {
            guard case .created(let order) = try await warehouse.createOrder(request(reference)) else {
                throw WarehouseError.permanent(code: .rejected, message: "not created")
            }
            return order
        }
    }

    @Test func createTwiceWithTheSameReferenceKeepsOneLiveOrder() async throws {
        let bed = try await Bed.start()
        let first = try await bed.create("SO-00123-F1")
        let second = try await bed.create("SO-00123-F1")
        #expect(first.id == second.id)
        #expect(first.status == .open && first.reference == "SO-00123-F1")
        #expect(bed.simulator.liveOrderCount(orderKey: "SO-00123-F1") == 1)
        #expect(bed.simulator.liveOrderCounts() == ["SO-00123-F1": 1])
        let stored = try #require(bed.simulator.order(id: Int(first.id)!))
        #expect(stored.warehouseId == 456_789)
        #expect(stored.body["advancedOptions"]?["customField1"] == .string("SO-00123"))
        #expect(stored.body["shipTo"]?["country"] == .string("US"))
        await bed.simulator.stop()
    }

    /// A create whose answer is lost or garbled is sent again with the same `orderKey`: an upsert (L146), so the
    /// retries never make a second live order.
    @Test func lostAnswersOnCreateNeverDuplicate() async throws {
        let bed = try await Bed.start()
        bed.simulator.faults = SimulatorFaults(serverErrorRate: 0.2, malformedRate: 0.2, dropRate: 0.2)
        for n in 1...8 {
            var attempts = 0
            while true {
                attempts += 1
                do {
                    _ = try await bed.warehouse.createOrder(bed.request("LOST-\(n)"))
                    break
                } catch WarehouseError.transient where attempts < 10 {
                    continue
                }
            }
        }
        bed.simulator.faults = .none
        let injected = bed.simulator.stats.faultsInjected
        #expect(injected["drop", default: 0] + injected["malformed", default: 0] > 0)
        for n in 1...8 { #expect(bed.simulator.liveOrderCount(orderKey: "LOST-\(n)") == 1) }
        await bed.simulator.stop()
    }

    @Test func findOrdersMatchesTheReferenceExactly() async throws {
        let bed = try await Bed.start()
        _ = try await bed.create("SO-1")
        _ = try await bed.create("SO-10")
        let found = try await bed.warehouse.findOrders(reference: "SO-1")
        #expect(found.map(\.reference) == ["SO-1"])
        #expect(try await bed.warehouse.findOrders(reference: "SO-9").isEmpty)
        await bed.simulator.stop()
    }

    @Test func warehouseByNameAndUnknownName() async throws {
        let bed = try await Bed.start()
        guard case .created(let order) = try await bed.warehouse.createOrder(bed.request("WH-1", warehouse: .init(name: "east coast dc"))) else {
            Issue.record("create by name")
            return
        }
        #expect(bed.simulator.order(id: Int(order.id)!)?.warehouseId == 456_790)
        await #expect { try await bed.warehouse.createOrder(bed.request("WH-2", warehouse: .init(name: "Mars"))) } throws: { error in
            guard case WarehouseError.permanent(let code, let message) = error else { return false }
            return code == .configuration && message.contains("Main Warehouse")
        }
        await #expect { try await bed.warehouse.createOrder(bed.request("WH-3", lines: [("A", 1.5)])) } throws: { error in
            if case WarehouseError.permanent(.rejected, _) = error { return true }
            return false
        }
        await bed.simulator.stop()
    }

    @Test func shipmentsOfManyOrdersInOneBulkCall() async throws {
        let bed = try await Bed.start()
        var orders: [WarehouseOrder] = []
        for n in 1...6 {
            let order = try await bed.create("BULK-\(n)")
            bed.simulator.shipOrder(orderID: Int(order.id)!, packages: [.init(carrierCode: "ups", trackingNumber: "1Z\(n)")])
            orders.append(order)
        }
        let changed = try await bed.warehouse.ordersChanged(since: Date().addingTimeInterval(-60))
        let dispatched = changed.filter { $0.status == .dispatched }
        #expect(dispatched.count == 6)
        #expect(dispatched.allSatisfy { $0.dispatchedAt != nil })
        let before = bed.simulator.stats
        let shipments = try await bed.warehouse.shipments(for: dispatched)
        let after = bed.simulator.stats
        #expect(after.requests - before.requests == 1)
        #expect(after.byEndpoint["GET /shipments", default: 0] - before.byEndpoint["GET /shipments", default: 0] == 1)
        #expect(shipments.count == 6)
        for (n, order) in orders.enumerated() {
            #expect(shipments[order.id]?.trackingNumber == "1Z\(n + 1)")
            #expect(shipments[order.id]?.carrier == "UPS")
            #expect(shipments[order.id]?.trackingURL?.hasPrefix("https://www.ups.com/") == true)
            #expect(shipments[order.id]?.shippedQuantities == ["A": 2, "B": 1])
        }
        await bed.simulator.stop()
    }

    @Test func ordersTheEngineKnowsOnlyByIdUseTheLookback() async throws {
        let bed = try await Bed.start()
        let order = try await bed.create("WATCH-1")
        bed.simulator.shipOrder(orderID: Int(order.id)!, packages: [.init(carrierCode: "fedex", trackingNumber: "FX1")])
        let bare = WarehouseOrder(id: order.id, reference: order.reference, status: .dispatched, statusText: "DISPATCHED")
        let shipments = try await bed.warehouse.shipments(for: [bare])
        #expect(shipments[order.id]?.trackingNumber == "FX1")
        #expect(shipments[order.id]?.carrier == "FedEx")
        await bed.simulator.stop()
    }

    @Test func severalLabelsAreSeveralPackages() async throws {
        let bed = try await Bed.start()
        let order = try await bed.create("MULTI-1")
        bed.simulator.shipOrder(
            orderID: Int(order.id)!,
            packages: [
                .init(carrierCode: "ups", trackingNumber: "1ZA", items: ["A": 2]),
                .init(carrierCode: "stamps_com", trackingNumber: "9400B", items: ["B": 1]),
            ]
        )
        let dispatched = try await bed.warehouse.order(id: order.id)
        #expect(dispatched.status == .dispatched)
        let shipment = try #require(try await bed.warehouse.shipment(for: dispatched))
        #expect(shipment.trackingNumber == "1ZA")
        #expect(shipment.carrier == "UPS")
        #expect(shipment.packages?.map(\.trackingNumber) == ["1ZA", "9400B"])
        #expect(shipment.packages?.last?.carrier == "USPS")
        #expect(shipment.packages?.last?.trackingURL?.contains("usps.com") == true)
        #expect(shipment.shippedQuantities == ["A": 2, "B": 1])
        await bed.simulator.stop()
    }

    @Test func markedShippedWithoutLabelComesFromFulfilments() async throws {
        let bed = try await Bed.start()
        let labelled = try await bed.create("FUL-1")
        let marked = try await bed.create("FUL-2")
        bed.simulator.shipOrder(orderID: Int(labelled.id)!, packages: [.init(carrierCode: "ups", trackingNumber: "1ZL")])
        bed.simulator.markShipped(orderID: Int(marked.id)!, carrierCode: "UPS", trackingNumber: "MAN-1")
        let dispatched = try await bed.warehouse.ordersChanged(since: Date().addingTimeInterval(-60)).filter { $0.status == .dispatched }
        let before = bed.simulator.stats
        let shipments = try await bed.warehouse.shipments(for: dispatched)
        let after = bed.simulator.stats
        #expect(after.requests - before.requests == 2)
        #expect(after.byEndpoint["GET /fulfillments", default: 0] - before.byEndpoint["GET /fulfillments", default: 0] == 1)
        #expect(shipments[labelled.id]?.trackingNumber == "1ZL")
        #expect(shipments[marked.id]?.trackingNumber == "MAN-1")
        #expect(shipments[marked.id]?.carrier == "UPS")
        await bed.simulator.stop()
    }

    @Test func voidedLabelsAreNotShipments() async throws {
        let bed = try await Bed.start { $0.voidReopensOrder = false }
        let order = try await bed.create("VOID-1")
        let labels = bed.simulator.shipOrder(
            orderID: Int(order.id)!,
            packages: [.init(carrierCode: "ups", trackingNumber: "1ZVOID"), .init(carrierCode: "ups", trackingNumber: "1ZGOOD")]
        )
        bed.simulator.voidLabel(shipmentID: labels[0])
        let dispatched = try await bed.warehouse.order(id: order.id)
        let shipment = try #require(try await bed.warehouse.shipment(for: dispatched))
        #expect(shipment.trackingNumber == "1ZGOOD")
        #expect(shipment.packages == nil)
        await bed.simulator.stop()
    }

    /// shipstation-api.md L244: a voided label is not a shipment. When every label of a shipped order is voided, the
    /// shipment says so (the engine flags a person if it had already written it back) instead of vanishing.
    @Test func anOrderWhoseEveryLabelIsVoidedSaysSo() async throws {
        let bed = try await Bed.start { $0.voidReopensOrder = false }
        let order = try await bed.create("VOID-2")
        let labels = bed.simulator.shipOrder(orderID: Int(order.id)!, packages: [.init(carrierCode: "ups", trackingNumber: "1ZGONE")])
        let dispatched = try await bed.warehouse.order(id: order.id)
        #expect(try await bed.warehouse.shipment(for: dispatched)?.labelsVoided == nil)
        bed.simulator.voidLabel(shipmentID: labels[0])
        let shipment = try #require(try await bed.warehouse.shipments(for: [dispatched])[order.id])
        #expect(shipment.labelsVoided == true)
        #expect(shipment.trackingNumbers == ["1ZGONE"])
        await bed.simulator.stop()
    }

    @Test func cancelOpenOrderButNotShippedOne() async throws {
        let bed = try await Bed.start()
        let open = try await bed.create("CAN-1")
        #expect(try await bed.warehouse.cancelOrder(id: open.id) == .cancelled)
        #expect(try await bed.warehouse.order(id: open.id).status == .cancelled)
        #expect(try await bed.warehouse.cancelOrder(id: open.id) == .cancelled)
        let shipped = try await bed.create("CAN-2")
        bed.simulator.shipOrder(orderID: Int(shipped.id)!, packages: [.init(carrierCode: "ups", trackingNumber: "1Z")])
        #expect(try await bed.warehouse.cancelOrder(id: shipped.id) == .notAllowed(status: "shipped"))
        await bed.simulator.stop()
    }

    @Test func resendOntoALockedOrderIsADuplicateEitherWay() async throws {
        for locked in [ShipStationLockedUpdate.unchanged, .badRequest] {
            let bed = try await Bed.start { $0.lockedUpdate = locked }
            let order = try await bed.create("LOCK-1")
            bed.simulator.shipOrder(orderID: Int(order.id)!, packages: [.init(carrierCode: "ups", trackingNumber: "1Z")])
            #expect(try await bed.warehouse.createOrder(bed.request("LOCK-1")) == .duplicate(existingID: order.id))
            #expect(bed.simulator.liveOrderCount(orderKey: "LOCK-1") == 1)
            await bed.simulator.stop()
        }
    }

    @Test func deletedOrderIsNotFound() async throws {
        let bed = try await Bed.start()
        let order = try await bed.create("DEL-1")
        bed.simulator.staffDelete(orderID: Int(order.id)!)
        await #expect { try await bed.warehouse.order(id: order.id) } throws: { error in
            if case WarehouseError.permanent(.warehouseOrderNotFound, _) = error { return true }
            return false
        }
        await bed.simulator.stop()
    }

    @Test func connectionReportAndWarehouses() async throws {
        let bed = try await Bed.start(storeID: 12_345)
        let report = await bed.warehouse.testConnection()
        #expect(report.ok)
        #expect(report.checks.map(\.name) == ["API key", "Rate limit", "Warehouses", "Store"])
        #expect(report.checks[2].detail.contains("Main Warehouse (456789)"))
        let known = try await bed.warehouse.knownWarehouses()
        #expect(known == [.init(id: "456789", name: "Main Warehouse"), .init(id: "456790", name: "East Coast DC")])

        var configuration = bed.warehouse.client.configuration
        configuration.apiSecret = "not-the-secret"
        let rejected = await ShipStationWarehouse(client: ShipStationClient(configuration: configuration)).testConnection()
        #expect(!rejected.ok)
        #expect(rejected.firstProblem?.hasPrefix("ShipStation rejected the API key and secret:") == true)
        #expect(rejected.firstProblem?.contains("not-the-secret") == false)

        let wrongStore = try await Bed.start(storeID: 99)
        #expect(await wrongStore.warehouse.testConnection().firstProblem?.contains("no store 99") == true)
        await wrongStore.simulator.stop()
        await bed.simulator.stop()
    }

    @Test func connectSharesTheBudgetAndReportsCalls() async throws {
        let bed = try await Bed.start()
        let calls = Mutex<[APICallRecord]>([])
        let budgets = InMemoryRateBudgetStore()
        let make = {
            ShipStationWarehouse.connect(
                baseURL: bed.simulator.baseURL!,
                apiKey: bed.simulator.apiKey,
                apiSecret: Secret(bed.simulator.apiSecret),
                storeID: nil,
                budgets: budgets,
                observer: { record in calls.withLock { $0.append(record) } }
            )
        }
        let one = make()
        let two = make()
        #expect(one.client.governor.key == two.client.governor.key)
        _ = try await one.knownWarehouses()
        _ = try await two.knownWarehouses()
        #expect(await one.client.governor.usage().used == 2)
        #expect(calls.withLock { $0.map(\.path) } == ["/warehouses", "/warehouses"])
        #expect(calls.withLock { $0.allSatisfy { $0.service == "shipstation" && $0.outcome == "ok" } })
        await bed.simulator.stop()
    }

    @Test func connectionTestSaysWhenTheKeyIsRateLimited() async throws {
        let bed = try await Bed.start()
        bed.simulator.spendRateLimit(calls: 40)
        let started = Date()
        let report = await bed.warehouse.testConnection()
        #expect(Date().timeIntervalSince(started) < 5)
        #expect(report.firstProblem?.contains("40 calls a minute") == true)
        #expect(report.firstProblem?.contains("other apps may share the key") == true)
        await bed.simulator.stop()
    }

    @Test func throttlingIsTransient() async throws {
        let bed = try await Bed.start {
            $0.rateLimit = 1
            $0.rateWindow = 30
        }
        var configuration = bed.warehouse.client.configuration
        configuration.retry = .none
        let warehouse = ShipStationWarehouse(client: ShipStationClient(configuration: configuration))
        bed.simulator.spendRateLimit(calls: 1)
        await #expect { try await warehouse.findOrders(reference: "X") } throws: { error in
            if case WarehouseError.transient = error { return true }
            return false
        }
        await bed.simulator.stop()
    }
}
