import Foundation

/// Opens the store a `StoreLocation` names.
public enum BridgeStores {
    /// Opens (creating or migrating when needed) the store at `location`.
    public static func open(_ location: StoreLocation) throws -> BridgeStore {
        switch location {
        case .sqlite(let directory): try SQLiteStore(directory: directory)
        case .postgres(let server): try PostgresStore(location: server)
        }
    }

    /// Opens the store only if it exists: a data directory without a database, or a PostgreSQL database (schema)
    /// without the bridge's tables, is `StoreError.notFound`.
    public static func openExisting(_ location: StoreLocation) throws -> BridgeStore {
        switch location {
        case .sqlite(let directory): try SQLiteStore(existingIn: directory)
        case .postgres(let server): try PostgresStore(location: server, create: false)
        }
    }
}
