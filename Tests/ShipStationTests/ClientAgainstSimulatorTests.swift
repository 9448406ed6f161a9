import BridgeSupport
import Foundation
import ShipStation
import Simulators
import Testing

@Suite("ShipStation client against the simulator", .serialized)
struct ClientAgainstSimulatorTests {
    @Test func badCredentialsAreClassifiedWithoutTheSecret() async throws {
        let h = try await Harness.start()
        var configuration = h.client.configuration
        configuration.apiSecret = "wrong-secret-value"
        let client = ShipStationClient(configuration: configuration)
        await #expect(throws: ShipStationError.credentialsRejected) { try await client.warehouses() }
        #expect(ShipStationError.credentialsRejected.userMessage.hasPrefix("ShipStation rejected the API key and secret"))
        #expect(!ShipStationError.credentialsRejected.userMessage.contains("wrong-secret-value"))
        #expect(!"\(configuration.apiSecret)".contains("wrong"))
        #expect(h.simulator.stats.unauthorized == 1)
        await h.simulator.stop()
    }

    @Test func upsertByOrderKeyIsIdempotent() async throws {
        let h = try await Harness.start()
        let first = try await h.client.createOrUpdateOrder(h.order("SO-1-F1"))
        let again = try await h.client.createOrUpdateOrder(h.order("SO-1-F1", skus: ["WIDGET-1", "GADGET-2"]))
        #expect(first.orderId == again.orderId)
        #expect(again.items?.count == 2)
        #expect(h.simulator.liveOrderCount(orderKey: "SO-1-F1") == 1)
        #expect(h.simulator.stats.creates == 1 && h.simulator.stats.updates == 1)
        #expect(first.createDate != nil && first.modifyDate != nil)
        let read = try await h.client.order(id: try #require(first.orderId))
        #expect(read.orderKey == "SO-1-F1")
        #expect(read.advancedOptions?.storeId == 12_345)
        await h.simulator.stop()
    }

    @Test func startsWithSearchIsFilteredToTheExactKey() async throws {
        let h = try await Harness.start()
        _ = try await h.client.createOrUpdateOrder(h.order("SO-1"))
        _ = try await h.client.createOrUpdateOrder(h.order("SO-10"))
        _ = try await h.client.createOrUpdateOrder(h.order("SO-100"))
        let broad = try await h.client.orders(OrderQuery(orderNumber: "SO-1"))
        #expect(broad.count == 3)
        let exact = try await h.client.orders(orderKey: "SO-1", orderNumber: "SO-1")
        #expect(exact.map(\.orderKey) == ["SO-1"])
        await h.simulator.stop()
    }

    @Test func readsEveryPage() async throws {
        let h = try await Harness.start()
        for n in 1...7 { _ = try await h.client.createOrUpdateOrder(h.order("PAGE-\(n)")) }
        let before = h.simulator.stats.byEndpoint["GET /orders", default: 0]
        let all = try await h.client.orders(OrderQuery(orderNumber: "PAGE-", pageSize: 3))
        #expect(all.count == 7)
        #expect(Set(all.compactMap(\.orderKey)).count == 7)
        #expect(h.simulator.stats.byEndpoint["GET /orders", default: 0] - before == 3)
        await h.simulator.stop()
    }

    @Test func modifyDateFilterIsSentInPacificTime() async throws {
        let h = try await Harness.start()
        let old = try await h.client.createOrUpdateOrder(h.order("OLD-1"))
        h.simulator.advanceTime(by: 7200)
        let cut = h.simulator.now.addingTimeInterval(-60)
        let fresh = try await h.client.createOrUpdateOrder(h.order("NEW-1"))
        let changed = try await h.client.orders(OrderQuery(modifyDateStart: PacificDate(cut)))
        #expect(changed.map(\.orderId) == [fresh.orderId])
        #expect(!changed.contains { $0.orderId == old.orderId })
        await h.simulator.stop()
    }

    @Test func followsRateHeadersAndRecoversFrom429() async throws {
        // A small window so the test waits seconds, not a minute.
        let h = try await Harness.start(rate: RatePolicy(limit: 100, window: 2)) {
            $0.rateLimit = 5
            $0.rateWindow = 2
        }
        // Another app spends the key's window (L63): the next call is refused, then sent again after the reset.
        h.simulator.spendRateLimit(calls: 5)
        let started = Date()
        let warehouses = try await h.client.warehouses()
        #expect(!warehouses.isEmpty)
        #expect(h.simulator.stats.rateLimited >= 1)
        #expect(Date().timeIntervalSince(started) >= 0.5)
        let rate = try #require(h.client.rateLimit)
        #expect(rate.limit == 5)
        #expect(rate.remaining < 5)
        await h.simulator.stop()
    }

    @Test func waitsWhenTheWindowIsNearlySpent() async throws {
        let h = try await Harness.start(rate: RatePolicy(limit: 100, window: 2)) {
            $0.rateLimit = 6
            $0.rateWindow = 2
        }
        // Remaining falls to the reserve (2) after four calls; the client then waits for the reset instead of
        // spending the rest and meeting a 429.
        for _ in 0..<10 { _ = try await h.client.carriers() }
        #expect(h.simulator.stats.rateLimited == 0)
        await h.simulator.stop()
    }

    @Test func shipmentsVoidedLabelsAndFulfilments() async throws {
        let h = try await Harness.start()
        let order = try await h.client.createOrUpdateOrder(h.order("SHIP-1", skus: ["A", "B"]))
        let marked = try await h.client.createOrUpdateOrder(h.order("SHIP-2"))
        let id = try #require(order.orderId)
        let labels = h.simulator.shipOrder(
            orderID: id,
            packages: [
                .init(carrierCode: "ups", trackingNumber: "1Z1", items: ["A": 2]),
                .init(carrierCode: "fedex", trackingNumber: "FX2", items: ["B": 3]),
            ]
        )
        h.simulator.voidLabel(shipmentID: labels[1])
        h.simulator.markShipped(orderID: try #require(marked.orderId), carrierCode: "UPS", trackingNumber: "MANUAL1")
        let since = PacificDate(Date().addingTimeInterval(-3600))
        let shipments = try await h.client.shipments(ShipmentQuery(createDateStart: since))
        #expect(shipments.count == 2)
        #expect(shipments.filter(\.isLive).map(\.trackingNumber) == ["1Z1"])
        #expect(shipments.first { $0.voided == true }?.voidDate != nil)
        #expect(shipments.first?.shipmentItems?.first?.sku == "A")
        #expect(!shipments.contains { $0.orderId == marked.orderId })
        let withoutItems = try await h.client.shipments(ShipmentQuery(createDateStart: since, includeShipmentItems: false))
        #expect(withoutItems.allSatisfy { $0.shipmentItems == nil })
        let fulfillments = try await h.client.fulfillments(ShipmentQuery(createDateStart: since))
        #expect(fulfillments.map(\.trackingNumber) == ["MANUAL1"])
        #expect(fulfillments.first?.orderId == marked.orderId)
        #expect(try await h.client.order(id: id).status == .shipped)
        await h.simulator.stop()
    }

    @Test func cancelWhileOpenAndLockedAfterShipping() async throws {
        let h = try await Harness.start()
        let open = try await h.client.createOrUpdateOrder(h.order("CAN-1"))
        let cancelled = try await h.client.cancelOrder(open)
        #expect(cancelled.status == .cancelled)
        #expect(cancelled.orderId == open.orderId)
        let shipped = try await h.client.createOrUpdateOrder(h.order("CAN-2"))
        h.simulator.shipOrder(orderID: try #require(shipped.orderId), packages: [.init(carrierCode: "ups", trackingNumber: "1Z9")])
        let fresh = try await h.client.order(id: try #require(shipped.orderId))
        let after = try await h.client.cancelOrder(fresh)
        #expect(after.status == .shipped)
        await h.simulator.stop()
    }

    @Test func deleteIsSoftAndIdempotent() async throws {
        let h = try await Harness.start()
        let order = try await h.client.createOrUpdateOrder(h.order("DEL-1"))
        let id = try #require(order.orderId)
        try await h.client.deleteOrder(id: id)
        try await h.client.deleteOrder(id: id)
        await #expect { try await h.client.order(id: id) } throws: { error in
            if case ShipStationError.notFound = error { return true }
            return false
        }
        #expect(try await h.client.orders(OrderQuery(orderNumber: "DEL-1")).isEmpty)
        await h.simulator.stop()
    }

    @Test func validationErrorsCarryTheModelState() async throws {
        let h = try await Harness.start()
        var bad = h.order("BAD-1")
        bad.shipTo.country = "United States"
        await #expect { try await h.client.createOrUpdateOrder(bad) } throws: { error in
            guard case ShipStationError.validation(let messages) = error else { return false }
            return messages.contains { $0.contains("apiOrder.shipTo.country") }
        }
        await h.simulator.stop()
    }

    @Test func serverErrorsAreRetried() async throws {
        let h = try await Harness.start()
        h.simulator.faults = SimulatorFaults(serverErrorRate: 0.5)
        for n in 1...6 { _ = try await h.client.createOrUpdateOrder(h.order("RETRY-\(n)")) }
        h.simulator.faults = .none
        #expect(h.simulator.stats.faultsInjected["serverError", default: 0] > 0)
        for n in 1...6 { #expect(h.simulator.liveOrderCount(orderKey: "RETRY-\(n)") == 1) }
        await h.simulator.stop()
    }

    @Test func warehousesStoresAndCarriers() async throws {
        let h = try await Harness.start()
        let warehouses = try await h.client.warehouses()
        #expect(warehouses.map(\.warehouseId) == [456_789, 456_790])
        #expect(warehouses.first?.isDefault == true)
        #expect(try await h.client.stores().map(\.storeId) == [12_345])
        #expect(try await h.client.stores(showInactive: true).count == 2)
        #expect(try await h.client.carriers().map(\.code) == ["stamps_com", "ups", "fedex"])
        await h.simulator.stop()
    }
}
