import Foundation
import Simulators
import SyncEngine

/// Several integrations in one fresh PostgreSQL schema, each an `EngineBed` of its own (its own Cin7 account and
/// CartonCloud simulator, its engine not run in process), for tests that run `cin7bridge run` processes — the hosts
/// — on that database.
public final class FailoverWorld: Sendable {
    public let beds: [EngineBed]
    /// The database as `--database` takes it (password and schema included).
    public let databaseURL: String
    /// One store on the database, for reading leases and units.
    public var store: BridgeStore { beds[0].store }

    /// `count` integrations named "Client 01"… in a fresh schema of the server in `CIN7BRIDGE_TEST_POSTGRES_URL`
    /// (skipped without one, outside CI); `configure` adjusts each before it is saved.
    public init(
        integrations count: Int,
        cartonCloudConfiguration: CartonCloudSimulatorConfiguration = EngineBed.fastCartonCloud(),
        configure: @escaping (inout IntegrationConfig, EngineBed.Seed) -> Void = { _, _ in }
    ) async throws {
        let location = try StoreBackendKind.postgres.freshLocation()
        guard case .postgres(let postgres) = location, let schema = postgres.schema,
            let base = ProcessInfo.processInfo.environment[StoreBackendKind.postgresEnvironmentVariable]
        else { throw HarnessError("no PostgreSQL location") }
        databaseURL = try Self.url(base, schema: schema)
        var beds: [EngineBed] = []
        do {
            for index in 0..<count {
                beds.append(
                    try await EngineBed(cartonCloudConfiguration: cartonCloudConfiguration, database: location, start: false) { config, seed in
                        configure(&config, seed)
                        config.name = String(format: "Client %02d", index + 1)
                    }
                )
            }
        } catch {
            for bed in beds { await bed.shutdown() }
            throw error
        }
        self.beds = beds
    }

    /// `base` (a `postgres://` URL) with `schema=NAME` added to its query.
    public static func url(_ base: String, schema: String) throws -> String {
        guard var components = URLComponents(string: base) else { throw HarnessError("not a URL: the PostgreSQL test URL") }
        components.queryItems = (components.queryItems ?? []).filter { $0.name != "schema" } + [URLQueryItem(name: "schema", value: schema)]
        guard let url = components.string else { throw HarnessError("cannot add a schema to the PostgreSQL test URL") }
        return url
    }

    /// Each integration's lease holder's pid (integrations nobody holds are absent).
    public func owners() -> [Int64: Int32] {
        var owners: [Int64: Int32] = [:]
        for bed in beds {
            if let lease = try? store.lease(integrationID: bed.integrationID) { owners[bed.integrationID] = lease.pid }
        }
        return owners
    }

    /// Integrations with a unit not yet settled (completed, skipped or cancelled): work in hand.
    public func busy() -> Set<Int64> {
        let settled: Set<ShipmentState> = [.completed, .skipped, .cancelled]
        return Set(
            beds.compactMap { bed in
                let counts = (try? store.stateCounts(integrationID: bed.integrationID)) ?? [:]
                return counts.contains { !settled.contains($0.key) && $0.value > 0 } ? bed.integrationID : nil
            }
        )
    }

    /// Cin7 throttle answers across every integration's Cin7 simulator.
    public var cin7Throttles: Int { beds.reduce(0) { $0 + $1.cin7.stats.throttledResponses } }

    public func shutdown() async {
        for bed in beds { await bed.shutdown() }
    }
}
