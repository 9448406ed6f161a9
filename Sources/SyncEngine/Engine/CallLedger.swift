import BridgeSupport
import Foundation
import Synchronization

/// Collects the external calls the clients report (through `APICallObserver`), counts Cin7 calls by purpose and
/// hands the calls made for an order to the audit log in batches.
final class CallLedger: Sendable {
    struct Counts: Sendable, Equatable {
        var intake = 0
        var writeback = 0
        var other = 0
        var throttled = 0
    }

    /// Whether a service answered its last call, so an outage shows at the first failed call rather than after a
    /// client has used up its retries.
    struct Reachability: Sendable, Equatable {
        var answering: Bool
        /// Why not, in words (nil while answering).
        var problem: String?
    }

    private struct State {
        var pending: [APICallRecord] = []
        var cin7 = Counts()
        var cin7Reachability: Reachability?
        var warehouseReachability: Reachability?
        var reachabilityChanged: (@Sendable () -> Void)?
    }

    private let state = Mutex(State())
    /// The integration's name, the `integration` label of the call metrics.
    let integration: String

    init(integration: String = "") {
        self.integration = integration
    }

    /// The observer to give a client.
    var observer: APICallObserver {
        { [weak self] record in self?.record(record) }
    }

    /// Calls `body` whenever a service starts or stops answering, so the status can say so at once.
    func whenReachabilityChanges(_ body: @escaping @Sendable () -> Void) {
        state.withLock { $0.reachabilityChanged = body }
    }

    func record(_ record: APICallRecord) {
        BridgeMetrics.record(record, integration: integration)
        let changed = state.withLock { state -> (@Sendable () -> Void)? in
            var flipped = false
            if record.service == "cin7" {
                let context = record.context ?? ""
                if context.hasPrefix(CallPurpose.intake) {
                    state.cin7.intake += 1
                } else if context.hasPrefix(CallPurpose.writeback) {
                    state.cin7.writeback += 1
                } else {
                    state.cin7.other += 1
                }
                if record.outcome == "throttled" { state.cin7.throttled += 1 }
            }
            if let reachability = Self.reachability(after: record) {
                let before = record.service == "cin7" ? state.cin7Reachability : state.warehouseReachability
                flipped = before?.answering != reachability.answering
                if record.service == "cin7" { state.cin7Reachability = reachability } else { state.warehouseReachability = reachability }
            }
            state.pending.append(record)
            if state.pending.count > 10_000 { state.pending.removeFirst(state.pending.count - 10_000) }
            return flipped ? state.reachabilityChanged : nil
        }
        changed?()
    }

    var cin7Counts: Counts { state.withLock { $0.cin7 } }

    /// Whether Cin7 answered its last call; nil before the first.
    var cin7Reachability: Reachability? { state.withLock { $0.cin7Reachability } }
    /// Whether the warehouse answered its last call; nil before the first.
    var warehouseReachability: Reachability? { state.withLock { $0.warehouseReachability } }

    /// What a call says about its service: no answer or a 5xx that is not throttling means it is not answering;
    /// any other answer (refusals included: the service is there) means it is. A cancelled call says nothing.
    static func reachability(after record: APICallRecord) -> Reachability? {
        if record.outcome == "cancelled" { return nil }
        guard let status = record.status else {
            return Reachability(answering: false, problem: "no answer (the connection was refused, failed or timed out)")
        }
        if status >= 500 && record.outcome != "throttled" { return Reachability(answering: false, problem: "it answers with HTTP \(status)") }
        return Reachability(answering: true, problem: nil)
    }

    /// Takes the calls recorded since the last drain.
    func drain() -> [APICallRecord] {
        state.withLock { state in
            defer { state.pending.removeAll(keepingCapacity: true) }
            return state.pending
        }
    }
}

/// Labels for `APICallContext`, so calls are counted and audited by what they were for.
enum CallPurpose {
    static let intake = "intake"
    static let writeback = "writeback"
    static let other = "other"

    /// `writeback unit:42` / `intake unit:42`: the part after `unit:` ties a call to an order's timeline.
    static func forUnit(_ purpose: String, _ unitID: Int64?) -> String {
        unitID.map { "\(purpose) unit:\($0)" } ?? purpose
    }

    static func unitID(in context: String?) -> Int64? {
        guard let context, let range = context.range(of: "unit:") else { return nil }
        return Int64(context[range.upperBound...])
    }
}
