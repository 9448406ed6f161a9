import BridgeSupport
import CartonCloud
import EngineTestSupport
import Foundation
import Simulators
import SyncEngine
import Synchronization
import Testing

/// The engine against a CartonCloud simulator as strict as cartoncloud-api.md (issue 11, CartonCloud items).
@Suite(.serialized) struct CartonCloudFidelityTests {
    /// Item 1: consignment items are transport items (`CARTON`), not the order's SKUs: a dispatched order is a full
    /// shipment and is written back, not "Short-shipped: … 0 of N".
    @Test func transportItemsOnTheConsignmentAreAFullShipment() async throws {
        try await EngineBed.with { bed in
            let ref = bed.sale(lines: [SimLine(sku: "TENT-2P", quantity: 3), SimLine(sku: "BAG-35L", quantity: 1)])
            try await bed.waitForState(ref, .inWarehouse)
            try bed.dispatch(ref)
            try await bed.waitForState(ref, .completed)
            #expect(bed.cin7.snapshot(saleID: ref.saleID)?.fulfilments.first?.shipStatus == "AUTHORISED")
        }
    }

    /// Issue 16: retrying a shipment the warehouse reported short writes back what was shipped, not the full order.
    @Test func retryOfAShortShipmentWritesBackWhatWasShipped() async throws {
        var configuration = EngineBed.fastCartonCloud()
        configuration.consignmentItems = .orderProducts
        try await EngineBed.with(cartonCloudConfiguration: configuration) { bed in
            let ref = bed.sale(lines: [SimLine(sku: "TENT-2P", quantity: 3), SimLine(sku: "BAG-35L", quantity: 1)])
            try await bed.waitForState(ref, .inWarehouse)
            try bed.dispatch(ref, shortShip: ["TENT-2P": 2, "BAG-35L": 0])
            try await bed.waitForState(ref, .needsAttention)
            #expect(bed.unit(ref)?.reasonCode == .shortShipped)
            try retry(bed, ref)
            try await bed.waitForState(ref, .completed)
            let fulfilment = try #require(bed.cin7.snapshot(saleID: ref.saleID)?.fulfilments.first)
            #expect(fulfilment.pickLineCount == 1)
            #expect(fulfilment.packLineCount == 1)
        }
    }

    /// Item 2 and 16: tracking that arrives later on the consignment (the order's `modified` does not move) reaches
    /// Cin7 after the order left the poll overlap, and consignments are read in one search per poll, not one per order.
    @Test func lateTrackingOnTheConsignmentReachesCin7InBatchedSearches() async throws {
        try await EngineBed.with { bed in
            let refs = (0..<3).map { _ in bed.sale() }
            for ref in refs { try await bed.waitForState(ref, .inWarehouse) }
            for ref in refs { try bed.dispatch(ref, tracking: nil) }
            for ref in refs { try await bed.waitForState(ref, .completed) }

            // Batched: over a few polls, at most one consignment search per poll (each poll makes two order searches).
            let start = bed.cartonCloud.stats.byEndpoint
            let pollsBefore = (start["POST outbound-orders/search"] ?? 0) / 2
            try await bed.wait("six more polls") { (bed.cartonCloud.stats.byEndpoint["POST outbound-orders/search"] ?? 0) / 2 >= pollsBefore + 6 }
            let end = bed.cartonCloud.stats.byEndpoint
            let polls = (end["POST outbound-orders/search"] ?? 0) / 2 - pollsBefore
            let consignmentSearches = (end["POST consignments/search"] ?? 0) - (start["POST consignments/search"] ?? 0)
            #expect(consignmentSearches <= polls + 1, "\(consignmentSearches) consignment searches in \(polls) polls")

            // A later order moves the watermark well past the first ones' dispatch (overlap 5 s).
            bed.cartonCloud.advanceTime(by: 60)
            let later = bed.sale()
            try await bed.waitForState(later, .inWarehouse)
            let first = refs[0]
            let orderID = try #require(bed.unit(first)?.warehouseOrderID)
            bed.cartonCloud.setTracking(
                orderID: orderID,
                tracking: SimTracking(number: "LATE1", carrier: "StarTrack", url: "https://track.example/LATE1")
            )
            try await bed.wait("tracking LATE1 in Cin7") {
                bed.cin7.snapshot(saleID: first.saleID)?.fulfilments.first?.shipLines.contains { $0.trackingNumber == "LATE1" } == true
            }
        }
    }

    /// Item 3: a rejected order that warehouse staff deleted answers 404 to our DELETE: it is gone, so re-create.
    @Test func rejectedOrderDeletedByStaffIsRecreatedOnRetry() async throws {
        try await EngineBed.with { bed in
            let ref = bed.sale(lines: [SimLine(sku: "MYSTERY-1", quantity: 1)])
            try await bed.waitForState(ref, .needsAttention)
            let rejectedID = try #require(bed.unit(ref)?.warehouseOrderID)
            bed.cartonCloud.addProduct(code: "MYSTERY-1", name: "Mystery")
            bed.cartonCloud.staffDelete(orderID: rejectedID)
            try retry(bed, ref)
            try await bed.waitForState(ref, .inWarehouse)
            let unit = try #require(bed.unit(ref))
            #expect(unit.warehouseOrderID != rejectedID)
            #expect(unit.reference == ref.orderNumber)
        }
    }

    /// Item 4: a live order deleted in the warehouse (404 on GET) needs a person, with a reason to act on; the other
    /// quiet orders are still reconciled.
    @Test func liveOrderDeletedInTheWarehouseNeedsAttentionAndOthersCarryOn() async throws {
        let clock = ShiftedClock()
        try await EngineBed.with(clock: clock) { bed in
            let deleted = bed.sale()
            try await bed.waitForState(deleted, .inWarehouse)
            let other = bed.sale()
            try await bed.waitForState(other, .inWarehouse)
            let deletedID = try #require(bed.unit(deleted)?.warehouseOrderID)
            bed.cartonCloud.staffDelete(orderID: deletedID)
            // The other order is dispatched with timestamps an hour old: the bulk search cannot see it, only the
            // one-by-one reconciliation of quiet orders can.
            bed.cartonCloud.advanceTime(by: -3600)
            try bed.dispatch(other)
            clock.shift(by: 120)
            try await bed.waitForState(deleted, .needsAttention)
            #expect(bed.unit(deleted)?.reasonCode == ReasonCode.warehouseOrderNotFound)
            #expect(bed.unit(deleted)?.reason?.contains("deleted in CartonCloud") == true)
            // status --check names the reason.
            let problems = try IntegrationHealth.evaluate(store: bed.store).flatMap(\.problems)
            #expect(problems.contains { $0.contains("need") && $0.contains("deleted in CartonCloud") })
            try await bed.waitForState(other, .completed)
        }
    }

    /// Item 5: contact details CartonCloud would refuse are cleaned, not parked; the timeline says so.
    @Test func severalEmailsSendTheFirstValidOne() async throws {
        try await EngineBed.with { bed in
            let ref = bed.cin7.createSale(
                SimSaleDraft(
                    customer: "Harbour Outdoor Ltd",
                    location: "Main Warehouse",
                    lines: [SimLine(sku: "TENT-2P", quantity: 1)],
                    shippingAddress: SimAddress(company: "Harbour Outdoor Ltd", contact: "Receiving"),
                    phone: "03 9000 0001",
                    email: "a@x.com; b@y.com"
                )
            )
            bed.cin7.authorise(saleID: ref.saleID)
            try await bed.waitForState(ref, .inWarehouse)
            let unit = try #require(bed.unit(ref))
            let orderID = try #require(unit.warehouseOrderID)
            let order = try #require(bed.cartonCloud.order(id: orderID))
            #expect(order.request.at(pointer: "/details/deliver/address/email")?.stringValue == "a@x.com")
            let timeline = try bed.store.timeline(unitID: unit.id ?? 0).map(\.message)
            #expect(timeline.contains { $0.contains("a@x.com; b@y.com") && $0.contains("sent a@x.com") })
        }
    }

    /// Item 6: a REJECTED order fixed and dispatched inside CartonCloud is written back without a retry.
    @Test func rejectedOrderFixedInTheWarehouseIsWrittenBack() async throws {
        try await EngineBed.with { bed in
            let ref = bed.sale(lines: [SimLine(sku: "MYSTERY-1", quantity: 1)])
            try await bed.waitForState(ref, .needsAttention)
            let orderID = try #require(bed.unit(ref)?.warehouseOrderID)
            bed.cartonCloud.resolveRejection(orderID: orderID)
            try await bed.waitForState(ref, .inWarehouse)
            bed.cartonCloud.dispatch(orderID: orderID, tracking: SimTracking(number: "FIXED1", carrier: "Aramex"))
            try await bed.waitForState(ref, .completed)
            #expect(bed.unit(ref)?.warehouseOrderID == orderID)
            #expect(bed.cartonCloud.orders(reference: ref.orderNumber).count == 1)
        }
    }

    /// Item 7: a 403 on create for a customer that generates consignments automatically names "TMS Create Jobs".
    @Test func forbiddenCreateNamesTheTransportRole() async throws {
        var configuration = EngineBed.fastCartonCloud()
        configuration.autoGenerateConsignments = true
        try await EngineBed.with(cartonCloudConfiguration: configuration) { bed in
            let ref = bed.sale()
            try await bed.waitForState(ref, .needsAttention)
            #expect(bed.unit(ref)?.reason?.contains("TMS Create Jobs") == true)
        }
    }

    /// Item 8: CANCELLED consignments are ignored, tracking comes from the consignment that has it, and an empty
    /// tracking URL is no URL.
    @Test func severalConsignmentsPerOrder() async throws {
        try await EngineBed.with(start: false) { bed in
            let cartonCloud = bed.cartonCloud
            let client = CartonCloudClient(
                configuration: CartonCloudConfiguration(
                    baseURL: bed.cartonCloudURL,
                    tenantID: cartonCloud.tenantID,
                    clientID: bed.cartonCloudConfiguration.clientID,
                    clientSecret: Secret(bed.cartonCloudConfiguration.clientSecret)
                )
            )
            let warehouse = CartonCloudWarehouse(client: client, customerID: cartonCloud.customerID)
            let request = WarehouseOrderRequest(
                reference: "MULTI-1",
                warehouse: .init(id: bed.seed.mainWarehouse, name: nil),
                address: {
                    var address = WarehouseOrderRequest.Address()
                    address.companyName = "Harbour Outdoor Ltd"
                    return address
                }(),
                instructions: nil,
                requiredDate: nil,
                customerReference: nil,
                cin7OrderNumber: "SO-1",
                lines: [.init(sku: "TENT-2P", name: "Tent", quantity: 2)]
            )
            guard case .created(let created) = try await warehouse.createOrder(request) else {
                Issue.record("create")
                return
            }
            cartonCloud.dispatch(orderID: created.id, tracking: SimTracking(number: "OLD1", carrier: "Aramex", url: "https://old.example/OLD1"))
            let first = try #require(cartonCloud.consignments(orderID: created.id).first?.id)
            cartonCloud.setConsignmentStatus(id: first, status: "CANCELLED")
            cartonCloud.addConsignment(orderID: created.id, tracking: nil)
            cartonCloud.addConsignment(orderID: created.id, tracking: SimTracking(number: "NEW2", carrier: "StarTrack", url: ""))
            let read = try await warehouse.order(id: created.id)
            let shipment = try #require(try await warehouse.shipment(for: read))
            #expect(shipment.trackingNumber == "NEW2")
            #expect(shipment.carrier == "StarTrack")
            #expect(shipment.trackingURL == nil)
            #expect(shipment.shippedQuantities == nil)
        }
    }

    /// Issue 16: after the warehouse cancels an order and a person retries, the DUPLICATE answer must not adopt the
    /// cancelled order as the live one: a new `-R1` reference is sent.
    @Test func retryAfterWarehouseCancelDoesNotAdoptTheCancelledOrder() async throws {
        try await EngineBed.with { bed in
            let ref = bed.sale()
            try await bed.waitForState(ref, .inWarehouse)
            let cancelledID = try #require(bed.unit(ref)?.warehouseOrderID)
            bed.cartonCloud.setStatus(orderID: cancelledID, status: "CANCELLED")
            try await bed.waitForState(ref, .needsAttention)
            try retry(bed, ref)
            try await bed.wait("a live warehouse order other than the cancelled one") {
                guard let unit = bed.unit(ref), unit.state == .inWarehouse, let id = unit.warehouseOrderID else { return false }
                return id != cancelledID
            }
            #expect(bed.unit(ref)?.reference == "\(ref.orderNumber)-R1")
        }
    }

    /// Issue 16: a first create is not preceded by a search by reference (only an uncertain one is).
    @Test func firstCreateDoesNotSearchByReference() async throws {
        try await EngineBed.with { bed in
            let refs = (0..<3).map { _ in bed.sale() }
            for ref in refs { try await bed.waitForState(ref, .inWarehouse) }
            #expect(bed.cartonCloud.stats.byEndpoint["POST outbound-orders"] == 3)
            #expect(bed.cartonCloud.stats.byEndpoint["POST outbound-orders/search by reference"] == nil)
        }
    }

    /// Issue 16: an edit seen in Cin7 before sending whose re-read fails is not sent stale; the failure is recorded
    /// and it is tried again later. (The unit's sale does not exist in Cin7, so the re-read always fails.)
    @Test func editBeforeSendingWhoseReReadFailsIsNotSent() async throws {
        try await EngineBed.with(start: false) { bed in
            var address = WarehouseOrderRequest.Address()
            address.companyName = "Harbour Outdoor Ltd"
            let request = WarehouseOrderRequest(
                reference: "SO-STALE",
                warehouse: .init(id: bed.seed.mainWarehouse, name: "Sydney DC"),
                address: address,
                instructions: nil,
                requiredDate: nil,
                customerReference: nil,
                cin7OrderNumber: "SO-STALE",
                lines: [.init(sku: "TENT-2P", name: "Tent", quantity: 1)]
            )
            var unit = ShipmentUnit(
                integrationID: bed.integrationID,
                saleID: UUID().uuidString,
                orderNumber: "SO-STALE",
                reference: "SO-STALE",
                customerName: "Harbour Outdoor Ltd",
                cin7Location: "Main Warehouse",
                warehouse: "Sydney DC",
                state: .pending,
                now: Date()
            )
            unit.orderRequest = request
            unit.cin7Change = "changed: lines changed"
            let inserted = try bed.store.insertUnit(unit)
            let host = bed.host
            let run = Task { await host.run() }
            try await bed.wait("the failed re-read recorded") {
                try bed.store.timeline(unitID: inserted.id ?? 0).contains { $0.message.contains("could not be read") }
            }
            let held = try #require(try bed.store.unit(id: inserted.id ?? 0))
            #expect([.retrying, .needsAttention].contains(held.state))
            #expect(held.cin7Change != nil)
            #expect(bed.cartonCloud.orders(reference: "SO-STALE").isEmpty)
            bed.host.stop()
            await run.value
        }
    }

    private func retry(_ bed: EngineBed, _ ref: SimSaleRef) throws {
        try bed.host.command(
            OperatorCommand(
                integrationID: bed.integrationID,
                unitID: bed.unit(ref)?.id,
                kind: .retry,
                argument: nil,
                actor: "test",
                createdAt: Date()
            )
        )
    }
}

/// Wall-clock time moved forward on demand (the engine's view only), for orders to turn "quiet" without waiting.
final class ShiftedClock: BridgeClock {
    private let offset = Mutex<TimeInterval>(0)

    var now: Date { Date().addingTimeInterval(offset.withLock { $0 }) }

    func shift(by seconds: TimeInterval) { offset.withLock { $0 += seconds } }

    func sleep(until deadline: Date) async throws {
        while true {
            let remaining = deadline.timeIntervalSince(now)
            if remaining <= 0 { return }
            try await Task.sleep(nanoseconds: UInt64(min(remaining, 0.05) * 1_000_000_000))
        }
    }
}
