import Foundation

/// Which database a process uses: SQLite in a data directory (the default), or a PostgreSQL server shared by
/// several hosts. Chosen with `--database`, or `CIN7BRIDGE_DATABASE`, else the data directory's SQLite file.
public enum StoreLocation: Sendable, Equatable, CustomStringConvertible {
    case sqlite(URL)
    case postgres(PostgresLocation)

    /// The environment variable that names the database (`postgres://user:password@host:port/database`).
    public static let environmentVariable = "CIN7BRIDGE_DATABASE"

    /// Reads `--database` (then `CIN7BRIDGE_DATABASE`); without either, SQLite in `directory`. A value that is not a
    /// `postgres://` or `postgresql://` URL is refused, so a typo never silently opens a new SQLite file.
    public static func choose(
        option: String?,
        environment: [String: String] = ProcessInfo.processInfo.environment,
        directory: URL
    ) throws
        -> StoreLocation
    {
        let value = [option, environment[environmentVariable]].compactMap { $0 }.first { !$0.isEmpty }
        guard let value else { return .sqlite(directory) }
        return .postgres(try PostgresLocation(parsing: value))
    }

    /// Where it is, for messages (never the password).
    public var description: String {
        switch self {
        case .sqlite(let directory): directory.appendingPathComponent(SQLiteStore.fileName).path
        case .postgres(let location): location.description
        }
    }
}
