import BridgeSupport
import Foundation
import Logging
import PostgresNIO

/// The store in PostgreSQL (through PostgresNIO), for several hosts sharing the work: the same tables, columns and
/// named migrations as `SQLiteStore`, with row locks (`SELECT … FOR UPDATE`) where a read-modify-write must be atomic
/// across hosts.
///
/// The store's API is synchronous like GRDB's: a `PostgresClient` (a connection pool) runs in a task the store owns,
/// and each method blocks its caller until its query is answered. That keeps every caller unchanged; the price is a
/// blocked thread per query in flight, as with SQLite. The client's tasks run on `PostgresExecutor`'s own threads so
/// a blocked caller never holds up the query it waits for.
public final class PostgresStore: BridgeStore {
    public let location: PostgresLocation
    let client: PostgresClient
    private let runner: Task<Void, Never>
    let logger: Logger

    public var path: String { location.description }

    /// Connects to `location`, creating its schema when it is named and missing, and applies the migrations this
    /// version knows (refusing a database with migrations it does not know: `StoreError.newerSchema`). With
    /// `create: false` a database without the bridge's tables is `StoreError.notFound`, for commands that only read.
    public init(location: PostgresLocation, create: Bool = true, logger: Logger = Logger(label: "cin7bridge.postgres")) throws {
        self.location = location
        var logger = logger
        logger[metadataKey: "database"] = "\(location)"
        self.logger = logger
        let configuration = Self.clientConfiguration(location)
        let client = PostgresClient(configuration: configuration, backgroundLogger: logger)
        self.client = client
        runner = Task(executorPreference: PostgresExecutor.shared) { await client.run() }
        do {
            try Self.wait(path: location.description) { [location, logger] in
                try await Self.prepare(location: location, create: create, logger: logger)
            }
        } catch {
            runner.cancel()
            throw error
        }
    }

    deinit {
        runner.cancel()
    }

    public func backup(to destination: String) throws {
        throw StoreError.other(
            "The store is in PostgreSQL (\(path)): back it up with pg_dump (for example `pg_dump -Fc -f \(destination) \(location.database)`)"
        )
    }

    public func rateBudgets() -> any RateBudgetStore {
        PostgresRateBudgetStore(store: self)
    }

    // MARK: Running queries

    /// Runs `body` on a pooled connection, waiting for it.
    func read<T: Sendable>(_ body: @escaping @Sendable (PostgresConnection) async throws -> T) throws -> T {
        try Self.wait(path: path) { [client] in try await client.withConnection { try await body($0) } }
    }

    /// Runs `body` in one transaction (committed when it returns, rolled back when it throws), waiting for it. Inside
    /// an engine's work (`LeaseFence.current`) the transaction first checks, holding the lease row against a
    /// takeover until it commits (`FOR SHARE`), that the engine's lease is still its own, and throws `LeaseLost` when
    /// it is not; `fenced: false` is for the lease itself and for facts that stay true whoever owns the integration.
    func write<T: Sendable>(fenced: Bool = true, _ body: @escaping @Sendable (PostgresConnection) async throws -> T) throws -> T {
        let fence = fenced ? LeaseFence.current : nil
        return try Self.wait(path: path) { [client, logger] in
            try await client.withConnection { connection in
                try await connection.query("BEGIN", logger: logger)
                do {
                    if let fence {
                        let generation = try await connection.column(
                            Int64.self,
                            #"SELECT "generation" FROM lease WHERE "integrationID" = $1 AND "holder" <> '' FOR SHARE"#,
                            [fence.integrationID]
                        ).first
                        guard generation == fence.generation else { throw LeaseLost(fence: fence, current: generation) }
                    }
                    let result = try await body(connection)
                    try await connection.query("COMMIT", logger: logger)
                    return result
                } catch {
                    _ = try? await connection.query("ROLLBACK", logger: logger)
                    throw error
                }
            }
        }
    }

    /// Blocks the calling thread until `body`, run on `PostgresExecutor`, finishes.
    static func wait<T: Sendable>(path: String, _ body: @escaping @Sendable () async throws -> T) throws -> T {
        let box = ResultBox<T>()
        let done = DispatchSemaphore(value: 0)
        Task(executorPreference: PostgresExecutor.shared) {
            do {
                box.set(.success(try await body()))
            } catch {
                box.set(.failure(error))
            }
            done.signal()
        }
        // The server ends a statement or a lock wait that runs too long (`startupParameters`); this is for a server
        // or network that stops answering altogether, which would otherwise hold the caller forever.
        guard done.wait(timeout: .now() + queryTimeout) == .success else {
            throw StoreError.unreachable(path: path, detail: "no answer within \(Int(queryTimeout)) s")
        }
        do {
            return try box.get()
        } catch {
            throw storeError(error, path: path)
        }
    }

    /// PostgreSQL's errors as `StoreError`s (`UnitConflict`, `LeaseLost` and `StoreError` pass through).
    static func storeError(_ error: any Error, path: String) -> any Error {
        if error is UnitConflict || error is StoreError || error is LeaseLost { return error }
        guard let error = error as? PSQLError else { return StoreError.other("\(error)") }
        if let info = error.serverInfo, let state = info[.sqlState] {
            let message = info[.message] ?? state
            switch state {
            case "53100": return StoreError.diskFull(path: path)
            case "25006": return StoreError.readOnly(path: path)
            case "40001", "40P01", "55P03": return StoreError.locked(path: path)
            case "57014": return StoreError.unreachable(path: path, detail: "a statement ran over the 30 s limit and was cancelled")
            case "XX001", "XX002": return StoreError.corrupt(path: path)
            default:
                if state.hasPrefix("08") || state.hasPrefix("57P") { return StoreError.unreachable(path: path, detail: message) }
                if state.hasPrefix("28") || state.hasPrefix("3D") || state.hasPrefix("42501") {
                    return StoreError.cannotOpen(path: path, detail: message)
                }
                return StoreError.other("\(message) (SQLSTATE \(state))")
            }
        }
        let underlying = error.underlying.map { ": \($0)" } ?? ""
        return StoreError.unreachable(path: path, detail: "\(error.code)\(underlying)")
    }

    static func clientConfiguration(_ location: PostgresLocation) -> PostgresClient.Configuration {
        let tls: PostgresClient.Configuration.TLS =
            switch location.tls {
            case .disable: .disable
            case .prefer: .prefer(.makeClientConfiguration())
            case .require: .require(.makeClientConfiguration())
            }
        var configuration = PostgresClient.Configuration(
            host: location.host,
            port: location.port,
            username: location.username,
            password: location.password?.reveal(),
            database: location.database,
            tls: tls
        )
        configuration.options.additionalStartupParameters = startupParameters(location)
        configuration.options.maximumConnections = 8
        return configuration
    }

    /// How long a caller waits for any answer from the server.
    static let queryTimeout: TimeInterval = 60

    /// UTC for `row_to_json`'s dates, the location's schema first on the search path, and limits on how long one
    /// statement may run or wait for a row lock (a host frozen while holding one must not stall the others).
    /// (Migrations run without the limits: they may rewrite large tables, and hosts starting together wait for one.)
    static func startupParameters(_ location: PostgresLocation, limited: Bool = true) -> [(String, String)] {
        var parameters = [("TimeZone", "UTC"), ("application_name", "cin7bridge")]
        if limited {
            // A transaction left open by a caller that stopped waiting is ended by the server, its locks released.
            parameters += [("statement_timeout", "30s"), ("lock_timeout", "10s"), ("idle_in_transaction_session_timeout", "60s")]
        }
        if let schema = location.schema { parameters.append(("search_path", "\"\(schema)\"")) }
        return parameters
    }
}

/// The answer a blocked caller waits for.
private final class ResultBox<T: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var result: Result<T, any Error>?

    func set(_ value: Result<T, any Error>) {
        lock.withLock { result = value }
    }

    func get() throws -> T {
        try lock.withLock { result! }.get()
    }
}
