import BridgeSupport
import Foundation

/// The order lifecycle as pure transitions on a `ShipmentUnit`. Each returns the timeline message for the change,
/// or throws `Lifecycle.Refused` when the unit is not in a state the event applies to. The engine performs I/O,
/// then applies the event and saves unit and message together.
public enum Lifecycle {
    /// An event that does not apply to the unit's state.
    public struct Refused: Error, Sendable, Equatable, CustomStringConvertible {
        public var state: ShipmentState
        public var event: String
        /// What to do instead, when the reason the order is held for rules the event out.
        public var advice: String? = nil
        public var description: String { "cannot \(event) an order that is \(state.label)" + (advice.map { ": \($0)" } ?? "") }
    }

    /// How transient failures are retried.
    public struct RetrySchedule: Sendable, Equatable {
        public var backoff: Backoff

        public init(base: TimeInterval, cap: TimeInterval) {
            backoff = Backoff(base: base, cap: cap)
        }
    }
}

extension ShipmentUnit {
    private mutating func move(to state: ShipmentState, now: Date) {
        if self.state != state { stateChangedAt = now }
        self.state = state
        updatedAt = now
    }

    private func require(_ states: Set<ShipmentState>, _ event: String) throws {
        guard states.contains(state) else { throw Lifecycle.Refused(state: state, event: event) }
    }

    /// Forgets a failure once the unit has moved on: no attempts, no retry due, no reason, nothing to resume.
    private mutating func clearFailure() {
        attempts = 0
        nextAttemptAt = nil
        lastError = nil
        reason = nil
        reasonCode = nil
        resumeState = nil
    }

    /// States from which work continues once a retry is due.
    static let workStates: Set<ShipmentState> = [.pending, .creating, .inWarehouse, .dispatched, .writingBack, .completed]

    // MARK: Create

    /// The create call is about to be sent: the intent is recorded first, so a crash leaves `creating` with
    /// `createUncertain`, and the next attempt searches the warehouse before creating again.
    public mutating func beginCreate(now: Date) throws -> String {
        try require([.pending, .creating], "create")
        let wasUncertain = state == .creating || createUncertain
        createUncertain = true
        move(to: .creating, now: now)
        return wasUncertain ? "Checking the warehouse for \(reference) before creating it again" : "Creating warehouse order \(reference)"
    }

    /// The warehouse order exists (created now, or found by reference and adopted).
    public mutating func created(orderID: String, status: String, adopted: Bool, now: Date) throws -> String {
        try require([.creating, .pending], "record the warehouse order of")
        warehouseOrderID = orderID
        warehouseStatus = status
        createUncertain = false
        clearFailure()
        move(to: .inWarehouse, now: now)
        return adopted
            ? "Adopted existing warehouse order \(orderID) with reference \(reference) (not created twice)"
            : "Warehouse order \(orderID) created (\(status))"
    }

    /// The warehouse created the order but rejected it: a person must fix the cause, then retry.
    public mutating func rejected(orderID: String, reasons: [String], now: Date) throws -> String {
        try require([.creating, .pending], "reject")
        warehouseOrderID = orderID
        warehouseStatus = "REJECTED"
        createUncertain = false
        let detail = reasons.isEmpty ? "no reason given" : reasons.joined(separator: "; ")
        let unknownProduct = reasons.contains {
            $0.localizedCaseInsensitiveContains("product not found") || $0.localizedCaseInsensitiveContains("unknown product")
        }
        reasonCode = unknownProduct ? .unknownSKU : .rejected
        reason =
            unknownProduct
            ? "The warehouse rejected the order: \(detail). Add the product to the warehouse (SKU = product code), then retry."
            : "The warehouse rejected the order: \(detail). Fix it in the warehouse or in Cin7, then retry."
        lastError = detail
        resumeState = .pending
        nextAttemptAt = nil
        move(to: .needsAttention, now: now)
        return "Warehouse order \(orderID) REJECTED: \(detail)"
    }

    /// Before re-creating after a rejection: the rejected order was deleted (same reference) or kept (new `-R<n>`
    /// reference, linked in the timeline).
    public mutating func replaceRejected(deleted: Bool, baseReference: String, now: Date) -> String {
        let old = warehouseOrderID ?? "?"
        warehouseOrderID = nil
        warehouseStatus = nil
        updatedAt = now
        if deleted { return "Deleted rejected warehouse order \(old); re-creating \(reference)" }
        rejectedCount += 1
        reference = "\(baseReference)-R\(rejectedCount)"
        return "Rejected warehouse order \(old) could not be deleted; creating \(reference) in its place"
    }

    /// The warehouse answered DUPLICATE with an order it cancelled: that order is not adopted; the unit is sent
    /// again under a new `-R<n>` reference.
    public mutating func replaceCancelled(orderID: String, baseReference: String, now: Date) throws -> String {
        try require([.creating, .pending], "replace the cancelled warehouse order of")
        let old = reference
        warehouseOrderID = nil
        warehouseStatus = nil
        createUncertain = false
        nextAttemptAt = nil
        rejectedCount += 1
        reference = "\(baseReference)-R\(rejectedCount)"
        move(to: .pending, now: now)
        return "Warehouse order \(orderID) with reference \(old) was cancelled in the warehouse; sending \(reference) in its place"
    }

    // MARK: Warehouse progress

    /// A REJECTED warehouse order was fixed in the warehouse and is live again (`status`): the unit waits for its
    /// dispatch like any other, instead of being replaced.
    public mutating func rejectionResolved(status: String, now: Date) throws -> String {
        try require([.needsAttention, .retrying, .pending], "resume the fixed warehouse order of")
        warehouseStatus = status
        clearFailure()
        move(to: .inWarehouse, now: now)
        return "The rejected warehouse order \(warehouseOrderID ?? "?") was fixed in the warehouse (now \(status)); waiting for its dispatch"
    }

    public mutating func warehouseProgress(status: String, now: Date) -> String? {
        guard warehouseStatus != status else { return nil }
        let old = warehouseStatus
        warehouseStatus = status
        updatedAt = now
        return "Warehouse status \(old ?? "?") → \(status)"
    }

    /// The warehouse dispatched the order. A shortfall against the order needs a person.
    public mutating func dispatched(shipment: WarehouseShipment, shortfall: [String], now: Date) throws -> String {
        try require([.inWarehouse, .retrying, .needsAttention], "dispatch")
        self.shipment = shipment
        warehouseStatus = "DISPATCHED"
        let tracking = shipment.hasTracking ? "\(shipment.carrier ?? "carrier ?") \(shipment.trackingNumber ?? "")" : "no tracking yet"
        if !shortfall.isEmpty {
            reasonCode = .shortShipped
            reason =
                "Short-shipped: \(shortfall.joined(separator: ", ")). Check with the warehouse; fulfil the rest in Cin7 by hand, or retry to write back what was shipped."
            resumeState = .dispatched
            move(to: .needsAttention, now: now)
            return "Dispatched short (\(shortfall.joined(separator: ", "))); \(tracking)"
        }
        attempts = 0
        nextAttemptAt = nil
        reason = nil
        reasonCode = nil
        move(to: .dispatched, now: now)
        return "Dispatched by the warehouse (\(tracking))"
    }

    // MARK: Write back

    public mutating func beginWriteback(now: Date) throws -> String? {
        try require([.dispatched, .writingBack], "write back")
        if state == .writingBack { writebackUncertain = true }
        move(to: .writingBack, now: now)
        return writebackDone == 0 && !writebackUncertain ? "Writing pick, pack and ship to Cin7" : nil
    }

    /// Records that `step` is authorised in Cin7 for the unit's task number `task` (a whole advanced sale writes
    /// each of its fulfilments).
    public mutating func writebackStepDone(_ step: WritebackStep, task: Int = 0, alreadyDone: Bool, now: Date) -> String {
        writebackDone |= step.rawValue << (3 * task)
        updatedAt = now
        let which = task > 0 ? " (fulfilment \(task + 1))" : ""
        return alreadyDone ? "Cin7 \(step.name) was already authorised\(which)" : "Cin7 \(step.name) authorised\(which)"
    }

    /// Records that the unit's task number `task` was voided in Cin7: nothing is written to it, and it no longer
    /// counts among the steps left (Cin7 refuses writes to a voided fulfilment).
    public mutating func writebackTaskVoided(task: Int, now: Date) -> String {
        for step in [WritebackStep.pick, .pack, .ship] { writebackDone |= step.rawValue << (3 * task) }
        updatedAt = now
        return "Cin7 fulfilment \(task + 1) of this order was voided in Cin7: nothing is written to it"
    }

    public func isDone(_ step: WritebackStep, task: Int = 0) -> Bool { writebackDone & (step.rawValue << (3 * task)) != 0 }

    public mutating func completed(trackingSent: String?, now: Date) throws -> String {
        try require([.writingBack, .dispatched], "complete")
        self.trackingSent = trackingSent
        writebackUncertain = false
        clearFailure()
        trackingDirty = false
        move(to: .completed, now: now)
        return "Completed: shipment authorised in Cin7" + (trackingSent.map { " with tracking \($0)" } ?? "")
    }

    /// Fulfilment write-back is switched off: dispatch is the end.
    public mutating func completedWithoutWriteback(now: Date) throws -> String {
        try require([.dispatched, .writingBack], "complete")
        move(to: .completed, now: now)
        return "Completed in the warehouse (writing fulfilment to Cin7 is switched off)"
    }

    /// Every label was voided after the shipment was written to Cin7: a person checks; retry goes back to watching.
    public mutating func labelVoided(_ shipment: WarehouseShipment, now: Date) throws -> String {
        try require([.completed], "void the label of")
        self.shipment = shipment
        reasonCode = .labelVoided
        reason = "The label \(shipment.trackingNumbers.joined(separator: ", ")) was voided after Cin7 was told the order shipped."
        resumeState = .completed
        move(to: .needsAttention, now: now)
        return "Label voided in the warehouse after write-back: \(shipment.trackingNumbers.joined(separator: ", "))"
    }

    public mutating func trackingUpdated(_ tracking: String, now: Date) -> String {
        trackingSent = tracking
        trackingDirty = false
        updatedAt = now
        return "Tracking updated in Cin7: \(tracking)"
    }

    // MARK: Failures

    /// A failed attempt: transient failures retry with backoff (`retrying`), permanent ones wait for a person
    /// (`needs_attention`). `resume` is the state work continues from.
    public mutating func failed(_ failure: Failure, resume: ShipmentState, schedule: Lifecycle.RetrySchedule, jitter: Double, now: Date) -> String {
        lastError = failure.message
        resumeState = resume
        if failure.isTransient {
            attempts += 1
            let delay = schedule.backoff.delay(forAttempt: attempts, jitter: jitter)
            nextAttemptAt = now.addingTimeInterval(delay)
            reasonCode = failure.code
            reason = "\(failure.message) Retrying automatically (attempt \(attempts + 1))."
            move(to: .retrying, now: now)
            return "Transient failure, retry \(attempts) in \(Int(delay.rounded()))s: \(failure.message)"
        }
        nextAttemptAt = nil
        reasonCode = failure.code
        reason = failure.message
        move(to: .needsAttention, now: now)
        return "Needs attention: \(failure.message)"
    }

    /// A `retrying` unit whose time has come goes back to the state its work continues from.
    public mutating func resume(now: Date) throws {
        try require([.retrying], "resume")
        move(to: resumeState ?? .pending, now: now)
        nextAttemptAt = nil
    }

    // MARK: Changes in Cin7

    /// Voided in Cin7. Before the warehouse has it: cancelled. In the warehouse: cancelled when the warehouse
    /// allowed it, else a person must act. After dispatch: a person must act.
    public mutating func voided(cancelledInWarehouse: Bool?, warehouseStatus status: String?, now: Date) -> String {
        cin7Change = nil
        switch state {
        case .skipped, .cancelled:
            return "Voided in Cin7"
        case .dispatched, .writingBack, .completed:
            reasonCode = .voidedAfterDispatch
            reason =
                "Voided in Cin7 after the warehouse dispatched it. Recover the goods or reverse the void in Cin7, then skip this order with a note."
            resumeState = state
            move(to: .needsAttention, now: now)
            return "Voided in Cin7 after dispatch"
        default:
            if warehouseOrderID == nil || cancelledInWarehouse == true {
                reason = "Voided in Cin7" + (warehouseOrderID == nil ? " before it reached the warehouse." : "; the warehouse order was cancelled.")
                reasonCode = .voided
                nextAttemptAt = nil
                move(to: .cancelled, now: now)
                return warehouseOrderID == nil
                    ? "Voided in Cin7 before sending: cancelled" : "Voided in Cin7: warehouse order \(warehouseOrderID!) cancelled"
            }
            reasonCode = .voidedInWarehouse
            reason =
                "Voided in Cin7, but the warehouse order is \(status ?? "in progress") and cannot be cancelled through the API. Cancel it in the warehouse, then skip this order with a note."
            resumeState = .inWarehouse
            move(to: .needsAttention, now: now)
            return "Voided in Cin7; the warehouse would not cancel (\(status ?? "?"))"
        }
    }

    /// Lines or address changed in Cin7 after the warehouse got the order.
    public mutating func changedAfterSending(_ summary: String, now: Date) -> String {
        cin7Change = nil
        reasonCode = .changedAfterSend
        reason = "Changed in Cin7 after it was sent to the warehouse: \(summary). Update the warehouse order by hand, then retry to carry on."
        resumeState = state == .needsAttention ? resumeState : state
        move(to: .needsAttention, now: now)
        return "Changed in Cin7 after sending: \(summary)"
    }

    // MARK: Operator

    /// States an operator's retry applies to.
    public static let retryableStates: Set<ShipmentState> = [.needsAttention, .retrying, .skipped]
    /// States an operator's skip applies to: nothing is in the warehouse yet, or it failed there.
    public static let skippableStates: Set<ShipmentState> = [.needsAttention, .retrying, .pending, .skipped]

    /// Whether an operator's retry or skip applies to this unit now: its state allows it and the reason it is held
    /// for does not rule it out (a sale voided after dispatch can be dismissed, not retried). Other actions always do.
    public func allows(_ action: OperatorAction) -> Bool {
        let states: Set<ShipmentState>
        switch action {
        case .retry: states = Self.retryableStates
        case .skip: states = Self.skippableStates
        default: return true
        }
        return states.contains(state) && (reasonCode?.actions.contains(action) ?? true)
    }

    /// An operator retry: work resumes now from where it stopped.
    public mutating func operatorRetry(now: Date) throws -> String {
        try require(Self.retryableStates, "retry")
        guard allows(.retry) else { throw Lifecycle.Refused(state: state, event: "retry", advice: reasonCode?.advice) }
        let target: ShipmentState = state == .skipped ? .pending : (resumeState ?? .pending)
        attempts = 0
        nextAttemptAt = nil
        reason = nil
        reasonCode = nil
        move(to: target, now: now)
        return "Retry requested: back to \(target.label)"
    }

    public mutating func operatorSkip(note: String, now: Date) throws -> String {
        try require(Self.skippableStates, "skip")
        guard allows(.skip) else { throw Lifecycle.Refused(state: state, event: "skip", advice: reasonCode?.advice) }
        reasonCode = .operatorSkip
        reason = "Skipped by an operator: \(note)"
        nextAttemptAt = nil
        move(to: .skipped, now: now)
        return "Skipped by operator: \(note)"
    }

    /// Marks a sale skipped (from routing).
    public mutating func skip(_ skip: Router.Skip, now: Date) -> String {
        reasonCode = skip.code
        reason = skip.reason
        move(to: .skipped, now: now)
        return "Skipped: \(skip.reason)"
    }
}
