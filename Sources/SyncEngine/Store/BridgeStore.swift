import Foundation
import GRDB

/// The engine's SQLite database (through GRDB, in WAL mode): integrations and their configuration, shipment units,
/// the audit log, operator commands, leases, watermarks and the shared rate budgets. Every process that uses a data
/// directory opens the same file; SQLite's locking makes their writes atomic.
public final class BridgeStore: Sendable {
    public let path: String
    let pool: DatabasePool

    /// The schema version this binary writes; a newer file is refused (`StoreError.newerSchema`).
    public static let fileName = "cin7bridge.sqlite"

    /// Opens (creating when needed) the database in `directory`, which is created 0700 with files 0600.
    public convenience init(directory: URL) throws {
        try DataDirectory.prepare(directory)
        try self.init(path: directory.appendingPathComponent(Self.fileName).path)
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
        let previous = umask(0o077)
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
            let applied = try pool.read { try migrator.appliedIdentifiers($0) }
            let unknown = applied.subtracting(known)
            if !unknown.isEmpty {
                throw StoreError.newerSchema(path: path, migrations: unknown.sorted())
            }
            try migrator.migrate(pool)
        } catch let error as DatabaseError {
            throw StoreError(databaseError: error, path: path)
        }
    }

    /// Reads with a consistent snapshot.
    public func read<T: Sendable>(_ body: @Sendable (Database) throws -> T) throws -> T {
        try wrap { try pool.read(body) }
    }

    /// Writes in one transaction.
    public func write<T: Sendable>(_ body: @Sendable (Database) throws -> T) throws -> T {
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

    /// A number that changes whenever any process commits a change (for viewers deciding whether to re-read).
    public func dataVersion() throws -> Int {
        try read { db in
            try Int.fetchOne(db, sql: """
                SELECT (SELECT COALESCE(MAX(id), 0) FROM audit) + (SELECT COALESCE(MAX(id), 0) FROM config_change)
                    + (SELECT COALESCE(MAX(id), 0) FROM command)
                """) ?? 0
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
        case .other(let detail):
            "Database error: \(detail)"
        }
    }
}

/// The data directory's rules: 0700 directory, 0600 files, `$XDG_DATA_HOME/cin7bridge` by default.
public enum DataDirectory {
    /// `$XDG_DATA_HOME/cin7bridge`, or `~/.local/share/cin7bridge`.
    public static var defaultURL: URL {
        let env = ProcessInfo.processInfo.environment
        if let xdg = env["XDG_DATA_HOME"], !xdg.isEmpty {
            return URL(fileURLWithPath: xdg).appendingPathComponent("cin7bridge")
        }
        let home = env["HOME"] ?? NSHomeDirectory()
        return URL(fileURLWithPath: home).appendingPathComponent(".local/share/cin7bridge")
    }

    /// Creates `directory` with mode 0700 (tightening it when it exists).
    public static func prepare(_ directory: URL) throws {
        let fm = FileManager.default
        if !fm.fileExists(atPath: directory.path) {
            try fm.createDirectory(at: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        }
        try? fm.setAttributes([.posixPermissions: 0o700], ofItemAtPath: directory.path)
    }

    /// Sets mode 0600 on `path` and its SQLite side files.
    public static func restrictFile(_ path: String) throws {
        for file in [path, path + "-wal", path + "-shm"] where FileManager.default.fileExists(atPath: file) {
            try? FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: file)
        }
    }
}
