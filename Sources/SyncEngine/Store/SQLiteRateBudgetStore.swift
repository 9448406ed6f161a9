import BridgeSupport
import Foundation
import GRDB

/// Rate budgets kept in the database, so every process using the same Cin7 key (a headless `run`, the TUI's
/// connection test, a second host on shared storage) draws from one budget. Each grant is one short write
/// transaction over the same `RateWindow` arithmetic the in-memory store uses, kept in its compact text form.
public final class SQLiteRateBudgetStore: RateBudgetStore {
    private let store: SQLiteStore

    public init(store: SQLiteStore) {
        self.store = store
    }

    public func acquire(key: String, policy: RatePolicy, reserve: Int, now: Date) throws -> Result<UInt64, RateWindow.RetryAt> {
        try update(key: key) { $0.acquire(now: now, policy: policy, reserve: reserve) }
    }

    public func finish(key: String, slot: UInt64, now: Date, succeeded: Bool) throws {
        try update(key: key) { $0.finish(id: slot, now: now, succeeded: succeeded) }
    }

    /// A grant is a write every process must see; a finished call can wait for the next one.
    public var batchesFinishes: Bool { true }

    public func acquire(
        key: String,
        policy: RatePolicy,
        reserve: Int,
        now: Date,
        finishing finished: [RateWindow.FinishedCall]
    ) throws -> Result<UInt64, RateWindow.RetryAt> {
        try update(key: key) { window in
            window.finish(finished)
            return window.acquire(now: now, policy: policy, reserve: reserve)
        }
    }

    public func finish(key: String, calls: [RateWindow.FinishedCall]) throws {
        guard !calls.isEmpty else { return }
        try update(key: key) { $0.finish(calls) }
    }

    public func throttled(key: String, now: Date, base: TimeInterval, cap: TimeInterval) throws {
        try update(key: key) { $0.throttled(now: now, base: base, cap: cap) }
    }

    public func block(key: String, until: Date) throws {
        try update(key: key) { $0.block(until: until) }
    }

    public func usage(key: String, policy: RatePolicy, now: Date) throws -> RateUsage {
        try store.read { db in
            var window = try Self.load(db, key: key)
            window.prune(now: now, policy: policy)
            return window.usage(now: now, policy: policy)
        }
    }

    private func update<T: Sendable>(key: String, _ body: @Sendable @escaping (inout RateWindow) -> T) throws -> T {
        // Not fenced: a grant is spent whoever owns the integration now.
        try store.write(fenced: false) { db in
            var window = try Self.load(db, key: key)
            let result = body(&window)
            try RateBudgetRow(key: key, state: window.compactText).save(db)
            return result
        }
    }

    private static func load(_ db: Database, key: String) throws -> RateWindow {
        guard let row = try RateBudgetRow.fetchOne(db, key: key) else { return RateWindow() }
        // Earlier versions stored JSON.
        return RateWindow(compactText: row.state) ?? (try? JSONDecoder().decode(RateWindow.self, from: Data(row.state.utf8))) ?? RateWindow()
    }
}
