import GRDB

/// Tells whether anything was committed to the store since the last look, by any connection of any process:
/// SQLite's `PRAGMA data_version` on a connection of its own (its values compare only within one connection). A
/// viewer (the TUI while `cin7bridge run` owns the engine) asks it before re-reading what it shows.
public final class StoreChangeWatch: Sendable {
    private let connection: DatabaseQueue

    public init(store: BridgeStore) throws {
        var configuration = Configuration()
        configuration.readonly = true
        configuration.busyMode = .timeout(10)
        configuration.label = "cin7bridge.change-watch"
        do {
            connection = try DatabaseQueue(path: store.path, configuration: configuration)
        } catch let error as DatabaseError {
            throw StoreError(databaseError: error, path: store.path)
        }
    }

    /// A number that moves whenever another connection (this process's engine included) commits.
    public func version() throws -> Int {
        do {
            return try connection.inDatabase { try Int.fetchOne($0, sql: "PRAGMA data_version") ?? 0 }
        } catch let error as DatabaseError {
            throw StoreError(databaseError: error, path: connection.path)
        }
    }
}
