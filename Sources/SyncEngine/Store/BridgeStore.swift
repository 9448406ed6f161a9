import Foundation
import GRDB

/// The engine's SQLite database (through GRDB, in WAL mode): integrations and their configuration, shipment units,
/// the audit log, operator commands, leases, watermarks and the shared rate budgets. Every process that uses a data
/// directory opens the same file; SQLite's locking makes their writes atomic.
public final class BridgeStore: Sendable {
    public let path: String
    let pool: DatabasePool

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
        var configuration = Configuration()
        configuration.busyMode = .timeout(10)
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

    /// Reads with a consistent snapshot. Internal: other modules use the typed queries of the `BridgeStore+…`
    /// extensions, so GRDB and the schema stay inside `Store/` and a migration that breaks a caller breaks its build.
    func read<T: Sendable>(_ body: @Sendable (Database) throws -> T) throws -> T {
        try wrap { try pool.read(body) }
    }

    /// Writes in one transaction (internal, like `read`).
    func write<T: Sendable>(_ body: @Sendable (Database) throws -> T) throws -> T {
        try wrap { try pool.write(body) }
    }

    /// Copies the database online to `destination` (a consistent snapshot, safe while engines run).
    public func backup(to destination: String) throws {
        try wrap {
            let previous = umask(0o077)
            defer { umask(previous) }
            let target = try DatabaseQueue(path: destination)
            try pool.backup(to: target)
            try target.close()
        }
    }

    private func wrap<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as DatabaseError {
            throw StoreError(databaseError: error, path: path)
        }
    }
}

/// Why the database could not be used, with what to do about it.
public enum StoreError: Error, Sendable, Equatable, CustomStringConvertible {
    case readOnly(path: String)
    case diskFull(path: String)
    case locked(path: String)
    case corrupt(path: String)
    case newerSchema(path: String, migrations: [String])
    case cannotOpen(path: String, detail: String)
    /// A command that only reads or acts on existing data found no database there.
    case notFound(path: String)
    case other(String)

    init(databaseError error: DatabaseError, path: String) {
        switch error.resultCode {
        case .SQLITE_READONLY: self = .readOnly(path: path)
        case .SQLITE_FULL: self = .diskFull(path: path)
        case .SQLITE_BUSY, .SQLITE_LOCKED: self = .locked(path: path)
        case .SQLITE_CORRUPT, .SQLITE_NOTADB: self = .corrupt(path: path)
        case .SQLITE_CANTOPEN, .SQLITE_PERM, .SQLITE_AUTH: self = .cannotOpen(path: path, detail: error.message ?? "\(error.resultCode)")
        default: self = .other(error.message ?? "\(error)")
        }
    }

    /// Whether waiting may fix it without a person (a lock held by another process).
    public var isTemporary: Bool {
        if case .locked = self { return true }
        return false
    }

    public var description: String {
        switch self {
        case .readOnly(let path):
            "The data directory is read-only (\(path)). Make it writable by this user; syncing resumes by itself."
        case .diskFull(let path):
            "The disk holding \(path) is full. Free some space; syncing resumes by itself."
        case .locked(let path):
            "The database \(path) is locked by another process. It is retried; if it persists, find the process holding it."
        case .corrupt(let path):
            "The database \(path) is damaged. Stop cin7bridge, move the file aside and restore the latest `cin7bridge backup` copy."
        case .newerSchema(let path, let migrations):
            "The database \(path) was written by a newer cin7bridge (\(migrations.joined(separator: ", "))). Use that version or newer."
        case .cannotOpen(let path, let detail):
            "Cannot open the database \(path): \(detail). Check the path and its permissions."
        case .notFound(let path):
            "No Cin7Bridge database at \(path). Point at the right data directory with --data-dir or \(DataDirectory.environmentVariable) "
                + "(the service keeps its data in \(DataDirectory.systemURL.path)), or create an integration with `cin7bridge tui`."
        case .other(let detail):
            "Database error: \(detail)"
        }
    }
}
