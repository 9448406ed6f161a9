import BridgeSupport
import Foundation
import PostgresNIO

/// The shared Cin7 rate budgets in PostgreSQL: every host using the same key draws from one budget. Each grant is
/// one short transaction that locks the key's row (`SELECT … FOR UPDATE`), applies the same `RateWindow` arithmetic
/// as the other stores, and writes it back in the same compact text. Each runs on `PostgresExecutor`'s threads: its
/// caller is on Swift's cooperative pool, which callers blocked in the synchronous store methods may fill, and a
/// transaction whose next step waits for a free thread there holds its row lock and its connection meanwhile.
public final class PostgresRateBudgetStore: SharedRateBudgetStore {
    private let store: PostgresStore

    public init(store: PostgresStore) {
        self.store = store
    }

    public func usage(key: String, policy: RatePolicy, now: Date) async throws -> RateUsage {
        let text = try await PostgresExecutor.run { [store] in
            try await store.client.withConnection { connection in
                try await connection.column(String.self, #"SELECT "state" FROM rate_budget WHERE "key" = $1"#, [key]).first
            }
        }
        var window = text.flatMap { RateWindow(compactText: $0) } ?? RateWindow()
        window.prune(now: now, policy: policy)
        return window.usage(now: now, policy: policy)
    }

    public func update<T: Sendable>(key: String, _ body: @Sendable @escaping (inout RateWindow) -> T) async throws -> T {
        do {
            return try await PostgresExecutor.run { [store] in
                try await store.client.withConnection { connection in
                    try await connection.run("BEGIN")
                    do {
                        try await connection.run(#"INSERT INTO rate_budget ("key", "state") VALUES ($1, '') ON CONFLICT ("key") DO NOTHING"#, [key])
                        let text = try await connection.column(String.self, #"SELECT "state" FROM rate_budget WHERE "key" = $1 FOR UPDATE"#, [key])
                            .first
                        var window = text.flatMap { RateWindow(compactText: $0) } ?? RateWindow()
                        let result = body(&window)
                        try await connection.run(#"UPDATE rate_budget SET "state" = $2 WHERE "key" = $1"#, [key, window.compactText])
                        try await connection.run("COMMIT")
                        return result
                    } catch {
                        try? await connection.run("ROLLBACK")
                        throw error
                    }
                }
            }
        } catch {
            throw PostgresStore.storeError(error, path: store.path)
        }
    }
}
