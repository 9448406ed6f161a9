import GRDB
import Synchronization

/// Tells whether anything was committed to the store since the last look, by any connection of any process. A viewer
/// (the TUI while `cin7bridge run` owns the engine) asks it before re-reading what it shows.
///
/// On SQLite it reads `PRAGMA data_version` on a connection of its own (its values compare only within one
/// connection). On PostgreSQL it answers "changed" at every look for now, so viewers re-read on every refresh;
/// `LISTEN/NOTIFY` will make it precise.
public final class StoreChangeWatch: Sendable {
    /// SQLite's own connection; nil on PostgreSQL.
    private let connection: DatabaseQueue?
    private let looks = Mutex(0)

    public init(store: BridgeStore) throws {
        guard let sqlite = store as? SQLiteStore else {
            connection = nil
            return
        }
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

    /// A number that moves whenever another connection (this process's engine included) commits.
    public func version() throws -> Int {
        guard let connection else {
            return looks.withLock { value in
                value += 1
                return value
            }
        }
        do {
            return try connection.inDatabase { try Int.fetchOne($0, sql: "PRAGMA data_version") ?? 0 }
        } catch let error as DatabaseError {
            throw StoreError(databaseError: error, path: connection.path)
        }
    }
}
