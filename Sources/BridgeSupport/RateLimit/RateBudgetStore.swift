import Foundation
import Synchronization

/// Where budgets live. The engine keeps them in its database so every process using the same API key shares one
/// budget; `InMemoryRateBudgetStore` serves a single process.
public protocol RateBudgetStore: Sendable {
    /// Atomically grants one call from `key`'s budget (returning a slot id for `finish`), or returns when to ask again.
    func acquire(key: String, policy: RatePolicy, reserve: Int, now: Date) async throws -> Result<UInt64, RateWindow.RetryAt>
    /// Marks a granted call finished; a call that `succeeded` ends a run of throttle answers.
    func finish(key: String, slot: UInt64, now: Date, succeeded: Bool) async throws
    /// Makes every caller of `key` wait until `until`.
    func block(key: String, until: Date) async throws
    /// A throttle answer without `Retry-After`: every caller of `key` waits the growing shared cooldown
    /// (`ThrottleBackoff`).
    func throttled(key: String, now: Date, base: TimeInterval, cap: TimeInterval) async throws
    func usage(key: String, policy: RatePolicy, now: Date) async throws -> RateUsage
    /// Whether each change is a shared write (a database): the governor then hands finished calls over in batches,
    /// with its next grant or a little later (`RateGovernor.finishDelay`), rather than one write per call.
    var batchesFinishes: Bool { get }
    /// Marks `finished` calls finished, then grants one call, as one change.
    func acquire(
        key: String,
        policy: RatePolicy,
        reserve: Int,
        now: Date,
        finishing finished: [RateWindow.FinishedCall]
    ) async throws
        -> Result<UInt64, RateWindow.RetryAt>
    /// Marks `calls` finished, as one change.
    func finish(key: String, calls: [RateWindow.FinishedCall]) async throws
}

extension RateBudgetStore {
    public var batchesFinishes: Bool { false }

    public func acquire(
        key: String,
        policy: RatePolicy,
        reserve: Int,
        now: Date,
        finishing finished: [RateWindow.FinishedCall]
    ) async throws -> Result<UInt64, RateWindow.RetryAt> {
        try await finish(key: key, calls: finished)
        return try await acquire(key: key, policy: policy, reserve: reserve, now: now)
    }

    public func finish(key: String, calls: [RateWindow.FinishedCall]) async throws {
        for call in calls { try await finish(key: key, slot: call.slot, now: call.at, succeeded: call.succeeded) }
    }
}

/// A budget store for one process.
public final class InMemoryRateBudgetStore: RateBudgetStore {
    private let windows = Mutex<[String: RateWindow]>([:])

    public init() {}

    public func acquire(key: String, policy: RatePolicy, reserve: Int, now: Date) -> Result<UInt64, RateWindow.RetryAt> {
        windows.withLock { $0[key, default: RateWindow()].acquire(now: now, policy: policy, reserve: reserve) }
    }

    public func finish(key: String, slot: UInt64, now: Date, succeeded: Bool) {
        windows.withLock { $0[key]?.finish(id: slot, now: now, succeeded: succeeded) }
    }

    public func throttled(key: String, now: Date, base: TimeInterval, cap: TimeInterval) {
        windows.withLock { $0[key, default: RateWindow()].throttled(now: now, base: base, cap: cap) }
    }

    public func block(key: String, until: Date) {
        windows.withLock { $0[key, default: RateWindow()].block(until: until) }
    }

    public func usage(key: String, policy: RatePolicy, now: Date) -> RateUsage {
        windows.withLock { windows in
            var window = windows[key] ?? RateWindow()
            window.prune(now: now, policy: policy)
            windows[key] = window
            return window.usage(now: now, policy: policy)
        }
    }
}
