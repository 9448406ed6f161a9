import Foundation

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
    /// The database server did not answer or refused the connection (PostgreSQL).
    case unreachable(path: String, detail: String)
    case other(String)

    /// Whether waiting may fix it without a person (a lock held by another process).
    public var isTemporary: Bool {
        switch self {
        case .locked, .unreachable: true
        default: false
        }
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
        case .unreachable(let path, let detail):
            "The database server for \(path) cannot be reached (\(detail)). Check that it runs and the URL's host and port; syncing resumes by itself."
        case .other(let detail):
            "Database error: \(detail)"
        }
    }
}
