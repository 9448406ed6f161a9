import BridgeSupport
import Foundation
import SyncEngine
import Testing

@Suite struct LifecycleTests {
    let now = Date(timeIntervalSince1970: 1_700_000_000)
    let schedule = Lifecycle.RetrySchedule(base: 10, cap: 100)

    func unit(_ state: ShipmentState = .pending) -> ShipmentUnit {
        ShipmentUnit(
            integrationID: 1,
            saleID: "S",
            orderNumber: "SO-1",
            reference: "SO-1",
            customerName: "C",
            cin7Location: "Main",
            state: state,
            now: now
        )
    }

    @Test func createRecordsIntentBeforeTheCall() throws {
        var u = unit()
        _ = try u.beginCreate(now: now)
        #expect(u.state == .creating)
        #expect(u.createUncertain)
        let message = try u.created(orderID: "W1", status: "AWAITING_PICK_AND_PACK", adopted: false, now: now)
        #expect(u.state == .inWarehouse && !u.createUncertain && u.warehouseOrderID == "W1")
        #expect(message.contains("W1"))
    }

    @Test func transientFailuresRetryWithBackoffPermanentOnesWaitForAPerson() {
        var u = unit()
        _ = u.failed(.transient("Cin7 timed out"), resume: .pending, schedule: schedule, jitter: 1, now: now)
        #expect(u.state == .retrying && u.attempts == 1 && u.nextAttemptAt == now.addingTimeInterval(10))
        _ = u.failed(.transient("again"), resume: .pending, schedule: schedule, jitter: 1, now: now)
        #expect(u.nextAttemptAt == now.addingTimeInterval(20))
        try? u.resume(now: now)
        #expect(u.state == .pending)
        _ = u.failed(.permanent(.cin7RejectedCredentials, "Check the key"), resume: .pending, schedule: schedule, jitter: 1, now: now)
        #expect(u.state == .needsAttention && u.nextAttemptAt == nil && u.reason == "Check the key")
    }

    @Test func rejectedOrdersNeedAPersonAndAreReplacedOnRetry() throws {
        var u = unit()
        _ = try u.beginCreate(now: now)
        _ = try u.rejected(orderID: "W1", reasons: ["Mat (MAT-SELF) x 1 UNITS - Product not found"], now: now)
        #expect(u.state == .needsAttention && u.reasonCode == .unknownSKU)
        #expect(u.reason?.contains("Add the product") == true)
        _ = try u.operatorRetry(now: now)
        #expect(u.state == .pending)
        _ = u.replaceRejected(deleted: false, baseReference: "SO-1", now: now)
        #expect(u.reference == "SO-1-R1" && u.warehouseOrderID == nil)
        _ = u.replaceRejected(deleted: false, baseReference: "SO-1", now: now)
        #expect(u.reference == "SO-1-R2")
    }

    @Test func writebackStepsAreRememberedPerTask() throws {
        var u = unit(.dispatched)
        _ = try u.beginWriteback(now: now)
        _ = u.writebackStepDone(.pick, task: 0, alreadyDone: false, now: now)
        _ = u.writebackStepDone(.pack, task: 1, alreadyDone: true, now: now)
        #expect(u.isDone(.pick, task: 0) && !u.isDone(.pick, task: 1) && u.isDone(.pack, task: 1) && !u.isDone(.ship, task: 0))
        // Crash mid-writeback: picking it up again marks the outcome unknown so the fulfilment is read first.
        _ = try u.beginWriteback(now: now)
        #expect(u.writebackUncertain)
        _ = try u.completed(trackingSent: "Aramex T1", now: now)
        #expect(u.state == .completed && !u.writebackUncertain)
    }

    @Test func voidsDependOnHowFarTheOrderGot() {
        var pending = unit(.pending)
        _ = pending.voided(cancelledInWarehouse: nil, warehouseStatus: nil, now: now)
        #expect(pending.state == .cancelled)
        var inWarehouse = unit(.inWarehouse)
        inWarehouse.warehouseOrderID = "W1"
        _ = inWarehouse.voided(cancelledInWarehouse: false, warehouseStatus: "PACKED", now: now)
        #expect(inWarehouse.state == .needsAttention && inWarehouse.reason?.contains("PACKED") == true)
        var completed = unit(.completed)
        _ = completed.voided(cancelledInWarehouse: nil, warehouseStatus: nil, now: now)
        #expect(completed.reasonCode == .voidedAfterDispatch)
    }

    @Test func aLabelVoidedAfterWritebackNeedsAPersonAndRetryGoesBackToWatching() throws {
        var u = unit(.completed)
        let voided = WarehouseShipment(carrier: "UPS", trackingNumber: "1Z", labelsVoided: true)
        _ = try u.labelVoided(voided, now: now)
        #expect(u.state == .needsAttention && u.reasonCode == .labelVoided && u.shipment == voided)
        #expect(u.allows(.retry) && u.allows(.skip))
        _ = try u.operatorRetry(now: now)
        #expect(u.state == .completed)
        var pending = unit(.pending)
        #expect(throws: Lifecycle.Refused.self) { try pending.labelVoided(voided, now: now) }
    }

    @Test func everyPackageKeepsItsTrackingNumber() {
        let one = WarehouseShipment(carrier: "AusPost", trackingNumber: " AP1 ")
        #expect(one.trackingNumbers == ["AP1"])
        let several = WarehouseShipment(
            carrier: "AusPost",
            trackingNumber: "AP1",
            packages: [
                .init(carrier: "AusPost", trackingNumber: "AP1"), .init(carrier: "AusPost", trackingNumber: "AP2"),
                .init(carrier: nil, trackingNumber: ""),
            ]
        )
        #expect(several.trackingNumbers == ["AP1", "AP2"])
        #expect(WarehouseShipment().trackingNumbers.isEmpty)
    }

    @Test func shortShipmentsNeedAttention() throws {
        var u = unit(.inWarehouse)
        _ = try u.dispatched(shipment: WarehouseShipment(carrier: "Aramex", trackingNumber: "T"), shortfall: ["A 1 of 2"], now: now)
        #expect(u.state == .needsAttention && u.reasonCode == .shortShipped)
    }

    @Test func refusesEventsThatDoNotApply() {
        var u = unit(.completed)
        #expect(throws: Lifecycle.Refused.self) { try u.beginCreate(now: now) }
        #expect(throws: Lifecycle.Refused.self) { try u.operatorRetry(now: now) }
    }

    /// The reason an order is held for can rule an action out whatever its state: a sale voided after the
    /// warehouse dispatched it is dismissed with a note, never retried.
    @Test func theReasonDecidesWhichOperatorActionsApply() throws {
        var u = unit(.needsAttention)
        u.reasonCode = .voidedAfterDispatch
        #expect(!u.allows(.retry) && u.allows(.skip))
        do {
            _ = try u.operatorRetry(now: now)
            Issue.record("retried a sale voided after dispatch")
        } catch let refused as Lifecycle.Refused {
            #expect(refused.description.contains("recover the goods"))
        }
        _ = try u.operatorSkip(note: "goods back", now: now)
        #expect(u.state == .skipped && u.reasonCode == .operatorSkip)
        #expect(u.allows(.retry) && !u.allows(.skip))
    }

    @Test func everyStateHasAQueue() {
        for state in ShipmentState.allCases { #expect(state.queue.states.contains(state)) }
        #expect(Queue.allCases.flatMap(\.states).count == ShipmentState.allCases.count)
    }
}
