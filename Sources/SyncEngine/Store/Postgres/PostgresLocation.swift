import BridgeSupport
import Foundation

/// A PostgreSQL server and database, parsed from `postgres://user:password@host:port/database`; the password is a
/// `Secret`, so printing a location never shows it.
public struct PostgresLocation: Sendable, Equatable, CustomStringConvertible {
    public var host: String
    public var port: Int
    public var username: String
    public var password: Secret?
    public var database: String
    /// The schema holding the tables (`?schema=NAME`), created when missing; nil: the user's default search path
    /// (usually `public`). Lets several bridges, or tests, share one database.
    public var schema: String?
    /// `?sslmode=require` (or `verify-full`) demands TLS; `disable` refuses it; otherwise TLS is used when offered.
    public var tls: TLSMode

    public enum TLSMode: String, Sendable, Equatable {
        case disable, prefer, require
    }

    public init(
        host: String,
        port: Int = 5432,
        username: String,
        password: Secret? = nil,
        database: String,
        schema: String? = nil,
        tls: TLSMode = .prefer
    ) {
        self.schema = schema
        self.host = host
        self.port = port
        self.username = username
        self.password = password
        self.database = database
        self.tls = tls
    }

    public init(parsing text: String) throws {
        guard let components = URLComponents(string: text), let scheme = components.scheme, ["postgres", "postgresql"].contains(scheme)
        else {
            throw StoreError.other("--database takes a PostgreSQL URL, postgres://user:password@host:port/database")
        }
        guard let host = components.host, !host.isEmpty, let user = components.user, !user.isEmpty else {
            throw StoreError.other("The PostgreSQL URL needs a user and a host: postgres://user:password@host:port/database")
        }
        let database = String(components.path.drop(while: { $0 == "/" }))
        self.host = host
        self.port = components.port ?? 5432
        self.username = user.removingPercentEncoding ?? user
        self.password = components.password.map { Secret($0.removingPercentEncoding ?? $0) }
        self.database = database.isEmpty ? self.username : (database.removingPercentEncoding ?? database)
        schema = components.queryItems?.first { $0.name == "schema" }?.value.flatMap { $0.isEmpty ? nil : $0 }
        if let schema, schema.contains("\"") { throw StoreError.other("The PostgreSQL schema name cannot contain a double quote") }
        let mode = components.queryItems?.first { $0.name == "sslmode" }?.value ?? "prefer"
        switch mode {
        case "disable": tls = .disable
        case "require", "verify-ca", "verify-full": tls = .require
        default: tls = .prefer
        }
    }

    /// The URL without its password.
    public var description: String {
        "postgres://\(username)@\(host):\(port)/\(database)" + (schema.map { "?schema=\($0)" } ?? "")
    }
}
