import Foundation

/// A rate budget kept where several processes share it (a database): every change is one read-modify-write of the
/// key's `RateWindow` (`update`), and a finished call can wait to ride with the next grant (`batchesFinishes`). The
/// SQLite and PostgreSQL stores provide only `update` and `usage`; the budget's arithmetic is written once, here.
public protocol SharedRateBudgetStore: RateBudgetStore {
    /// Applies `body` to the key's window and stores the result, as one atomic change seen by every process.
    func update<T: Sendable>(key: String, _ body: @Sendable @escaping (inout RateWindow) -> T) async throws -> T
}

extension SharedRateBudgetStore {
    /// A grant is a write every process must see; a finished call can wait for the next one.
    public var batchesFinishes: Bool { true }

    public func acquire(key: String, policy: RatePolicy, reserve: Int, now: Date) async throws -> Result<UInt64, RateWindow.RetryAt> {
        try await update(key: key) { $0.acquire(now: now, policy: policy, reserve: reserve) }
    }

    public func finish(key: String, slot: UInt64, now: Date, succeeded: Bool) async throws {
        try await update(key: key) { $0.finish(id: slot, now: now, succeeded: succeeded) }
    }

    public func acquire(
        key: String,
        policy: RatePolicy,
        reserve: Int,
        now: Date,
        finishing finished: [RateWindow.FinishedCall]
    ) async throws -> Result<UInt64, RateWindow.RetryAt> {
        try await update(key: key) { window in
            window.finish(finished)
            return window.acquire(now: now, policy: policy, reserve: reserve)
        }
    }

    public func finish(key: String, calls: [RateWindow.FinishedCall]) async throws {
        guard !calls.isEmpty else { return }
        try await update(key: key) { $0.finish(calls) }
    }

    public func throttled(key: String, now: Date, base: TimeInterval, cap: TimeInterval) async throws {
        try await update(key: key) { $0.throttled(now: now, base: base, cap: cap) }
    }

    public func block(key: String, until: Date) async throws {
        try await update(key: key) { $0.block(until: until) }
    }
}
