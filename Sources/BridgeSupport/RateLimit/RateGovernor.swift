import Foundation
import Synchronization

/// Paces every call against one budget (one per Cin7 API application, one per CartonCloud user for creates).
/// All callers of a key share it, in this process through the governor and across processes through the store.
public final class RateGovernor: Sendable {
    public let key: String
    private let policyBox: Mutex<RatePolicy>
    private let store: any RateBudgetStore
    private let clock: any BridgeClock

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
            try? await store.finish(key: key, slot: slot, now: clock.now, succeeded: true)
            return value
        } catch {
            try? await store.finish(key: key, slot: slot, now: clock.now, succeeded: false)
            throw error
        }
    }

    /// Waits until the budget grants a call at `priority`.
    public func acquire(priority: CallPriority = .high) async throws -> UInt64 {
        while true {
            try Task.checkCancellation()
            let policy = self.policy
            switch try await store.acquire(key: key, policy: policy, reserve: priority.reserve(in: policy), now: clock.now) {
            case .success(let slot):
                return slot
            case .failure(let retry):
                try await clock.sleep(until: retry.date)
            }
        }
    }

    /// Called after a throttle response: every caller of this key waits `seconds`.
    public func throttled(cooldown seconds: TimeInterval) async {
        try? await store.block(key: key, until: clock.now.addingTimeInterval(seconds))
    }

    /// Called after a throttle response without `Retry-After`: every caller of this key waits together, `base`
    /// seconds after the first answer, doubling on each answer that follows a cooldown, at most `cap`.
    public func throttled(base: TimeInterval, cap: TimeInterval) async {
        try? await store.throttled(key: key, now: clock.now, base: base, cap: cap)
    }

    public func usage() async -> RateUsage {
        let policy = self.policy
        return (try? await store.usage(key: key, policy: policy, now: clock.now))
            ?? RateUsage(used: 0, limit: policy.limit, window: policy.window)
    }
}
