import BridgeSupport
import Foundation
import Synchronization

/// A budget store that batches finished calls, like the database stores, and counts its changes.
final class CountingBudgetStore: RateBudgetStore {
    private let inner = InMemoryRateBudgetStore()
    private let counts = Mutex((changes: 0, finished: 0))

    var changes: Int { counts.withLock { $0.changes } }
    var finished: Int { counts.withLock { $0.finished } }
    var batchesFinishes: Bool { true }

    func acquire(key: String, policy: RatePolicy, reserve: Int, now: Date) -> Result<UInt64, RateWindow.RetryAt> {
        acquire(key: key, policy: policy, reserve: reserve, now: now, finishing: [])
    }

    func acquire(
        key: String,
        policy: RatePolicy,
        reserve: Int,
        now: Date,
        finishing finished: [RateWindow.FinishedCall]
    )
        -> Result<UInt64, RateWindow.RetryAt>
    {
        counts.withLock {
            $0.changes += 1
            $0.finished += finished.count
        }
        for call in finished { inner.finish(key: key, slot: call.slot, now: call.at, succeeded: call.succeeded) }
        return inner.acquire(key: key, policy: policy, reserve: reserve, now: now)
    }

    func finish(key: String, slot: UInt64, now: Date, succeeded: Bool) {
        finish(key: key, calls: [RateWindow.FinishedCall(slot: slot, at: now, succeeded: succeeded)])
    }

    func finish(key: String, calls: [RateWindow.FinishedCall]) {
        counts.withLock {
            $0.changes += 1
            $0.finished += calls.count
        }
        for call in calls { inner.finish(key: key, slot: call.slot, now: call.at, succeeded: call.succeeded) }
    }

    func block(key: String, until: Date) { inner.block(key: key, until: until) }

    func throttled(key: String, now: Date, base: TimeInterval, cap: TimeInterval) {
        inner.throttled(key: key, now: now, base: base, cap: cap)
    }

    func usage(key: String, policy: RatePolicy, now: Date) -> RateUsage { inner.usage(key: key, policy: policy, now: now) }
}
