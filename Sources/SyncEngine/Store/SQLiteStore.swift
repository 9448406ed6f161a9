import BridgeSupport
import Foundation
import GRDB

/// The store in SQLite (through GRDB, in WAL mode), the default: one file in the data directory. Every process that
/// uses a data directory opens the same file; SQLite's locking makes their writes atomic.
public final class SQLiteStore: BridgeStore {
    public let path: String
    let pool: DatabasePool
    /// How long writes wait for another process's lock.
    let lockWait: SQLiteLockWait
    /// Statuses published with `saveStatusSoon`, written together (the newest of each integration).
    let statusBatch: WriteBatch<Int64, IntegrationStatus>
    /// Audit entries recorded with `appendAuditSoon`, written together.
    let auditBatch: WriteBatch<Int64, AuditEntry>

    /// The database's file name in a data directory.
    public static let fileName = "cin7bridge.sqlite"

    /// Opens (creating when needed) the database in `directory`, which is created 0700 with files 0600 (or kept
    /// 2770 with files 0660 when it is a group-shared directory, see `DataDirectory`).
    public convenience init(directory: URL) throws {
        try DataDirectory.prepare(directory)
        try self.init(path: directory.appendingPathComponent(Self.fileName).path)
    }

    /// Opens the database in `directory` only if it is there: for commands that read or act on existing data and
    /// must not leave an empty database behind a mistyped path.
    public convenience init(existingIn directory: URL) throws {
        let path = directory.appendingPathComponent(Self.fileName).path
        guard FileManager.default.fileExists(atPath: path) else { throw StoreError.notFound(path: path) }
        try self.init(path: path)
    }

    /// Opens (creating when needed) the database at `path`.
    public init(path: String) throws {
        self.path = path
        let lockWait = SQLiteLockWait()
        self.lockWait = lockWait
        var configuration = Configuration()
        configuration.busyMode = lockWait.busyMode
        configuration.label = "cin7bridge"
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
        }
        let previous = umask(DataDirectory.umask(forFileAt: path))
        defer { umask(previous) }
        do {
            pool = try DatabasePool(path: path, configuration: configuration)
        } catch let error as DatabaseError {
            throw StoreError(databaseError: error, path: path)
        }
        try DataDirectory.restrictFile(path)
        auditBatch = WriteBatch { [pool, lockWait, path] entries in
            try Self.write(pool, lockWait, path: path) { db in for var entry in entries { try entry.insert(db) } }
        }
        statusBatch = WriteBatch { [pool, lockWait, path] statuses in
            let rows = try statuses.map {
                EngineStatusRow(integrationID: $0.integrationID, status: String(decoding: try JSONEncoder.bridge.encode($0), as: UTF8.self))
            }
            try Self.write(pool, lockWait, path: path) { db in for row in rows { try row.save(db) } }
        }
        try migrate()
    }

    private func migrate() throws {
        let migrator = Self.migrator
        do {
            let known = Set(migrator.migrations)
            // Asked on the writer: a reader opened before the migration would keep the old schema in its cache and
            // expand `SELECT *` into the old columns afterwards.
            let applied = try pool.writeWithoutTransaction { try migrator.appliedIdentifiers($0) }
            let unknown = applied.subtracting(known)
            if !unknown.isEmpty {
                throw StoreError.newerSchema(path: path, migrations: unknown.sorted())
            }
            try migrator.migrate(pool)
        } catch let error as DatabaseError {
            throw StoreError(databaseError: error, path: path)
        }
    }

    public func rateBudgets() -> any RateBudgetStore {
        SQLiteRateBudgetStore(store: self)
    }

    /// Reads with a consistent snapshot. Internal: other modules use the typed queries of the `SQLiteStore+…`
    /// extensions, so GRDB and the schema stay inside `Store/` and a migration that breaks a caller breaks its build.
    func read<T: Sendable>(_ body: @Sendable (Database) throws -> T) throws -> T {
        try Self.wrap(path: path) { try pool.read(body) }
    }

    /// Writes in one transaction (internal, like `read`). Inside an engine's work (`LeaseFence.current`) the
    /// transaction first checks that the engine's lease is still its own, and throws `LeaseLost` when it is not;
    /// `fenced: false` is for the lease itself and for facts that stay true whoever owns the integration.
    func write<T: Sendable>(fenced: Bool = true, _ body: @Sendable (Database) throws -> T) throws -> T {
        let fence = fenced ? LeaseFence.current : nil
        return try Self.write(pool, lockWait, path: path) { db in
            if let fence {
                let select = try db.cachedStatement(sql: "SELECT generation FROM lease WHERE integrationID = ? AND holder != ''")
                let generation = try Int64.fetchOne(select, arguments: [fence.integrationID])
                guard generation == fence.generation else { throw LeaseLost(fence: fence, current: generation) }
            }
            return try body(db)
        }
    }

    /// Every write transaction of the store: one that gets through ends the short waits for a lock held for good
    /// (`SQLiteLockWait`).
    private static func write<T>(_ pool: DatabasePool, _ lockWait: SQLiteLockWait, path: String, _ body: (Database) throws -> T) throws -> T {
        try wrap(path: path) {
            let result = try pool.write(body)
            lockWait.wrote()
            return result
        }
    }

    /// Copies the database online to `destination` (a consistent snapshot, safe while engines run).
    public func backup(to destination: String) throws {
        try Self.wrap(path: path) {
            let previous = umask(0o077)
            defer { umask(previous) }
            let target = try DatabaseQueue(path: destination)
            try pool.backup(to: target)
            try target.close()
        }
    }

    /// GRDB's errors as `StoreError`s.
    private static func wrap<T>(path: String, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as DatabaseError {
            throw StoreError(databaseError: error, path: path)
        }
    }
}
