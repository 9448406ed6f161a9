import Foundation
import Synchronization

/// Paces every call against one budget (one per Cin7 API application, one per CartonCloud user for creates).
/// All callers of a key share it, in this process through the governor and across processes through the store.
public final class RateGovernor: Sendable {
    public let key: String
    private let policyBox: Mutex<RatePolicy>
    private let store: any RateBudgetStore
    private let clock: any BridgeClock
    /// Finished calls not yet recorded (a store that `batchesFinishes`), each with when it finished in real time.
    private let held = Mutex<(calls: [(call: RateWindow.FinishedCall, at: ContinuousClock.Instant)], flushing: Bool)>(([], false))

    public init(key: String, policy: RatePolicy, store: any RateBudgetStore = InMemoryRateBudgetStore(), clock: any BridgeClock = SystemClock()) {
        self.key = key
        self.policyBox = Mutex(policy)
        self.store = store
        self.clock = clock
    }

    /// `service:account:hash`: one budget per API application, named without the secret (FNV-1a of it, so every
    /// process using the same credentials finds the same budget).
    public static func budgetKey(service: String, account: String, secret: String) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in secret.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        return "\(service):\(account.lowercased()):\(String(hash, radix: 16))"
    }

    public var policy: RatePolicy {
        get { policyBox.withLock { $0 } }
        set { policyBox.withLock { $0 = newValue } }
    }

    /// Waits for a slot, runs `body`, and marks the slot finished when `body` returns or throws. A call that
    /// returns ends a run of throttle answers (`ThrottleBackoff`).
    public func withSlot<T: Sendable>(priority: CallPriority = .high, _ body: () async throws -> T) async throws -> T {
        let slot = try await acquire(priority: priority)
        do {
            let value = try await body()
            await finished(slot, succeeded: true)
            return value
        } catch {
            await finished(slot, succeeded: false)
            throw error
        }
    }

    /// Waits until the budget grants a call at `priority`. Finished calls held back go with the request.
    public func acquire(priority: CallPriority = .high) async throws -> UInt64 {
        while true {
            try Task.checkCancellation()
            let policy = self.policy
            let finished = takeHeld()
            let result: Result<UInt64, RateWindow.RetryAt>
            do {
                result = try await store.acquire(key: key, policy: policy, reserve: priority.reserve(in: policy), now: clock.now, finishing: finished)
            } catch {
                hold(finished)
                throw error
            }
            switch result {
            case .success(let slot):
                return slot
            case .failure(let retry):
                try await clock.sleep(until: retry.date)
            }
        }
    }

    /// How long (real time) a finished call may wait to be recorded when no grant carries it: well inside the
    /// time after which an unfinished call counts as abandoned (`RateWindow.abandonedAfter`). Until it is recorded
    /// the call counts as in flight, which uses no more of the budget than a finished one.
    public static func finishDelay(_ policy: RatePolicy) -> TimeInterval {
        min(15, policy.window / 4)
    }

    /// Records a finished call: at once for a store where that costs nothing shared, or for a failed call (it may
    /// have been throttled: every process must see it in order); otherwise held for the next grant or
    /// `finishDelay`, so a call costs one write to a shared store rather than two.
    private func finished(_ slot: UInt64, succeeded: Bool) async {
        let call = RateWindow.FinishedCall(slot: slot, at: clock.now, succeeded: succeeded)
        guard store.batchesFinishes, succeeded else {
            try? await store.finish(key: key, calls: takeHeld() + [call])
            return
        }
        let startFlushing = held.withLock { held -> Bool in
            held.calls.append((call, .now))
            defer { held.flushing = true }
            return !held.flushing
        }
        if startFlushing { scheduleFlush() }
    }

    /// Records held calls once the oldest has waited `finishDelay`, on the process's shared timer (hundreds of
    /// governors each holding a call cost no timer of their own); stops when none is held. Usually the next grant
    /// has carried them by then, and the look finds nothing to write.
    private func scheduleFlush() {
        let delay = Duration.seconds(Self.finishDelay(policy))
        let due = held.withLock { held -> ContinuousClock.Instant? in
            guard let oldest = held.calls.first?.at else {
                held.flushing = false
                return nil
            }
            return oldest + delay
        }
        guard let due else { return }
        let wait = ContinuousClock.now.duration(to: due)
        let seconds = Double(wait.components.seconds) + Double(wait.components.attoseconds) / 1e18
        let tolerance = min(1, Self.finishDelay(policy) / 4)
        RestTimer.realTime.schedule(at: Date().addingTimeInterval(max(0, seconds)), tolerance: tolerance) { [weak self] in
            guard let self else { return }
            let ready = held.withLock { held in held.calls.first.map { ContinuousClock.now >= $0.at + delay } ?? false }
            guard ready else { return scheduleFlush() }
            Task {
                let calls = self.takeHeld()
                if !calls.isEmpty { try? await self.store.finish(key: self.key, calls: calls) }
                self.scheduleFlush()
            }
        }
    }

    private func takeHeld() -> [RateWindow.FinishedCall] {
        held.withLock { held in
            defer { held.calls = [] }
            return held.calls.map(\.call)
        }
    }

    private func hold(_ calls: [RateWindow.FinishedCall]) {
        guard !calls.isEmpty else { return }
        let now = ContinuousClock.now
        held.withLock { $0.calls.insert(contentsOf: calls.map { ($0, now) }, at: 0) }
    }

    /// Records the calls held back, so a throttle answer lands after the calls that finished before it.
    private func recordHeld() async {
        let calls = takeHeld()
        if !calls.isEmpty { try? await store.finish(key: key, calls: calls) }
    }

    /// Called after a throttle response: every caller of this key waits `seconds`.
    public func throttled(cooldown seconds: TimeInterval) async {
        await recordHeld()
        try? await store.block(key: key, until: clock.now.addingTimeInterval(seconds))
    }

    /// Called after a throttle response without `Retry-After`: every caller of this key waits together, `base`
    /// seconds after the first answer, doubling on each answer that follows a cooldown, at most `cap`.
    public func throttled(base: TimeInterval, cap: TimeInterval) async {
        await recordHeld()
        try? await store.throttled(key: key, now: clock.now, base: base, cap: cap)
    }

    public func usage() async -> RateUsage {
        let policy = self.policy
        return (try? await store.usage(key: key, policy: policy, now: clock.now))
            ?? RateUsage(used: 0, limit: policy.limit, window: policy.window)
    }
}
