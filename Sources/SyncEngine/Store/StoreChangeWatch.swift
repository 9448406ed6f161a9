import GRDB
import Synchronization

/// Tells whether anything was committed to the store since the last look, by any connection of any process. A viewer
/// (the TUI while `cin7bridge run` owns the engine) asks it before re-reading what it shows.
///
/// On SQLite it reads `PRAGMA data_version` on a connection of its own (its values compare only within one
/// connection). On PostgreSQL it listens for the database's change notifications (`LISTEN cin7bridge_changes`,
/// sent by triggers on the tables viewers show) and counts them; while it is not listening it answers "changed" at
/// every look, so a viewer never misses a change.
public final class StoreChangeWatch: Sendable {
    /// SQLite's own connection; nil on PostgreSQL.
    private let connection: DatabaseQueue?
    /// PostgreSQL: notifications received, and whether they are being received.
    private let notified = Notified()
    private let listener: Task<Void, Never>?

    public init(store: BridgeStore) throws {
        guard let sqlite = store as? SQLiteStore else {
            connection = nil
            guard let postgres = store as? PostgresStore else {
                listener = nil
                return
            }
            listener = postgres.follow(.changes) { [notified] payload in
                notified.state.withLock { state in
                    state.count += 1
                    if payload == nil { state.listening = true }
                }
            }
            return
        }
        listener = nil
        var configuration = Configuration()
        configuration.readonly = true
        configuration.busyMode = .timeout(10)
        configuration.label = "cin7bridge.change-watch"
        do {
            connection = try DatabaseQueue(path: sqlite.path, configuration: configuration)
        } catch let error as DatabaseError {
            throw StoreError(databaseError: error, path: sqlite.path)
        }
    }

    deinit {
        listener?.cancel()
    }

    /// A number that moves whenever another connection (this process's engine included) commits.
    public func version() throws -> Int {
        guard let connection else {
            return notified.state.withLock { state in
                if !state.listening { state.count += 1 }
                return state.count
            }
        }
        do {
            return try connection.inDatabase { try Int.fetchOne($0, sql: "PRAGMA data_version") ?? 0 }
        } catch let error as DatabaseError {
            throw StoreError(databaseError: error, path: connection.path)
        }
    }
}

/// PostgreSQL's notifications received, and whether they are being received (shared with the listening task).
private final class Notified: Sendable {
    let state = Mutex((count: 0, listening: false))
}
