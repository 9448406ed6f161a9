import BridgeSupport
import Foundation
import GRDB

/// Rate budgets kept in the database, so every process using the same Cin7 key (a headless `run`, the TUI's
/// connection test, a second host on shared storage) draws from one budget. Each grant is one short write
/// transaction over the same `RateWindow` arithmetic the in-memory store uses, kept in its compact text form.
public final class SQLiteRateBudgetStore: SharedRateBudgetStore {
    private let store: SQLiteStore

    public init(store: SQLiteStore) {
        self.store = store
    }

    public func usage(key: String, policy: RatePolicy, now: Date) throws -> RateUsage {
        try store.read { db in
            var window = try Self.load(db, key: key)
            window.prune(now: now, policy: policy)
            return window.usage(now: now, policy: policy)
        }
    }

    /// A grant is the hottest write there is (every call of every engine), so its transaction is two statements
    /// prepared once per connection rather than generated queries: a short write lock, and little CPU.
    public func update<T: Sendable>(key: String, _ body: @Sendable @escaping (inout RateWindow) -> T) throws -> T {
        // Not fenced: a grant is spent whoever owns the integration now.
        try store.write(fenced: false) { db in
            var window = try Self.load(db, key: key)
            let result = body(&window)
            try db.cachedStatement(sql: "INSERT INTO rate_budget (key, state) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET state = excluded.state")
                .execute(arguments: [key, window.compactText])
            return result
        }
    }

    private static func load(_ db: Database, key: String) throws -> RateWindow {
        let select = try db.cachedStatement(sql: "SELECT * FROM rate_budget WHERE key = ?")
        guard let row = try RateBudgetRow.fetchOne(select, arguments: [key]) else { return RateWindow() }
        // Earlier versions stored JSON.
        return RateWindow(compactText: row.state) ?? (try? JSONDecoder().decode(RateWindow.self, from: Data(row.state.utf8))) ?? RateWindow()
    }
}
