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

    private struct State {
        var pending: [APICallRecord] = []
        var cin7 = Counts()
    }

    private let state = Mutex(State())

    /// The observer to give a client.
    var observer: APICallObserver {
        { [weak self] record in self?.record(record) }
    }

    func record(_ record: APICallRecord) {
        state.withLock { state in
            if record.service == "cin7" {
                let context = record.context ?? ""
                if context.hasPrefix(CallPurpose.intake) { state.cin7.intake += 1 } else if context.hasPrefix(CallPurpose.writeback) {
                    state.cin7.writeback += 1
                } else { state.cin7.other += 1 }
                if record.outcome == "throttled" { state.cin7.throttled += 1 }
            }
            state.pending.append(record)
            if state.pending.count > 10_000 { state.pending.removeFirst(state.pending.count - 10_000) }
        }
    }

    var cin7Counts: Counts { state.withLock { $0.cin7 } }

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
