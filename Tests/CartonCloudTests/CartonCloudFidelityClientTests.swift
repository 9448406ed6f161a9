import BridgeSupport
import CartonCloud
import Foundation
import Simulators
import Testing

/// The client against a simulator as strict as cartoncloud-api.md (issue 11, CartonCloud items).
@Suite struct CartonCloudFidelityClientTests {
    /// Item 7: a create refused for a missing "TMS Create Jobs" (consignments generated automatically,
    /// cartoncloud-api.md ~L928-930) keeps CartonCloud's own message and names that role.
    @Test func forbiddenCreateKeepsCartonCloudsMessageAndNamesTransportRole() async throws {
        let h = try await Harness.start { $0.autoGenerateConsignments = true }
        await #expect { try await h.client.createOutboundOrder(h.order("TMS-1")) } throws: { error in
            guard let error = error as? CartonCloudError, case .forbidden(_, let message) = error else { return false }
            return message.contains("TMS Create Jobs") && error.userMessage.contains("TMS Create Jobs")
                && error.userMessage.contains(message)
        }
        h.simulator.updateConfiguration { $0.roles.insert("TMS Create Jobs") }
        guard case .created = try await h.client.createOutboundOrder(h.order("TMS-2")) else {
            Issue.record("create with the role")
            return
        }
        await h.simulator.stop()
    }

    /// Item 3: a DELETE answering 404 on the first try (warehouse staff deleted the order) counts as done.
    @Test func deleteOfAnOrderStaffDeletedIsDone() async throws {
        let h = try await Harness.start()
        guard case .rejected(let order, _) = try await h.client.createOutboundOrder(h.order("DEL-1", codes: ["NOPE-1"])) else {
            Issue.record("expected a rejected create")
            return
        }
        h.simulator.staffDelete(orderID: order.id)
        await #expect(throws: CartonCloudError.self) { try await h.client.outboundOrder(id: order.id) }
        try await h.client.deleteOutboundOrder(id: order.id)
        await h.simulator.stop()
    }

    /// Item 2: consignments of many orders in one search (an OrCondition of /generatedFromTask/id).
    @Test func consignmentsOfManyOrdersInOneSearch() async throws {
        let h = try await Harness.start()
        var ids: [String] = []
        for n in 1...3 {
            guard case .created(let order) = try await h.client.createOutboundOrder(h.order("BATCH-\(n)")) else {
                Issue.record("create")
                return
            }
            h.simulator.dispatch(orderID: order.id, tracking: SimTracking(number: "T\(n)", carrier: "Aramex"))
            ids.append(order.id)
        }
        let before = h.simulator.stats.requests
        let found = try await h.client.consignments(generatedFromOrderIDs: ids)
        #expect(h.simulator.stats.requests - before == 1)
        #expect(Set(found.compactMap(\.generatedFromTask?.id)) == Set(ids))
        #expect(Set(found.compactMap(\.trackingNumber)) == ["T1", "T2", "T3"])
        await h.simulator.stop()
    }
}

/// Where the documents are silent the simulator has a switch; both ways.
@Suite struct CartonCloudSimulatorSwitchTests {
    /// Nothing documented says a tracking change moves the sale order's `modified`: off by default (tested in
    /// ClientAgainstSimulatorTests), on here.
    @Test func trackingChangeCanTouchTheOrderWhenSwitchedOn() async throws {
        let h = try await Harness.start { $0.trackingChangeTouchesOrder = true }
        guard case .created(let order) = try await h.client.createOutboundOrder(h.order("TT-1")) else {
            Issue.record("create")
            return
        }
        h.simulator.dispatch(orderID: order.id, tracking: nil)
        h.simulator.advanceTime(by: 10)
        h.simulator.setTracking(orderID: order.id, tracking: SimTracking(number: "NEW-1", carrier: "NZ Post"))
        let modified = try await h.client.outboundOrders(customerID: h.simulator.customerID, modifiedSince: Date().addingTimeInterval(5))
        #expect(modified.map(\.id) == [order.id])
        await h.simulator.stop()
    }

    /// Consignment items: transport items by default; the order's products (with what was dispatched) when switched.
    @Test func consignmentItemsBothWays() async throws {
        for items in [SimConsignmentItems.transport, .orderProducts] {
            let h = try await Harness.start { $0.consignmentItems = items }
            guard case .created(let order) = try await h.client.createOutboundOrder(h.order("CI-1")) else {
                Issue.record("create")
                return
            }
            h.simulator.dispatch(orderID: order.id, tracking: nil, shortShip: ["MUG-001": 1])
            let codes = try await h.client.consignments(generatedFromOrderID: order.id).flatMap { $0.items ?? [] }
            switch items {
            case .transport: #expect(codes.compactMap(\.productCode) == ["CARTON"])
            case .orderProducts:
                #expect(codes.compactMap(\.productCode) == ["TEE-BLK-M", "MUG-001"])
                #expect(codes.compactMap(\.quantity) == [2, 1])
            }
            await h.simulator.stop()
        }
    }
}

/// The simulator itself refuses what the documents refuse.
@Suite struct CartonCloudSimulatorStrictnessTests {
    /// cartoncloud-api.md ~L3589: emails must not start with a full stop, contain spaces, and need text both sides
    /// of an @; ~L3588 phone 0-64 characters.
    @Test func addressContactDetailsAreValidated() async throws {
        let h = try await Harness.start()
        for bad in ["a@x.com; b@y.com", ".a@x.com", "nobody", "@x.com", "a@"] {
            var order = h.order("EM-\(bad.count)-\(bad.hashValue)")
            order.address.email = bad
            await #expect(throws: CartonCloudError.self, "email \(bad)") { try await h.client.createOutboundOrder(order) }
        }
        var long = h.order("PH-1")
        long.address.phone = String(repeating: "1", count: 65)
        await #expect(throws: CartonCloudError.self) { try await h.client.createOutboundOrder(long) }
        var good = h.order("EM-OK")
        good.address.email = "a.b@x.com"
        good.address.phone = String(repeating: "1", count: 64)
        guard case .created = try await h.client.createOutboundOrder(good) else {
            Issue.record("a valid address was refused")
            return
        }
        await h.simulator.stop()
    }
}
