import Foundation
import SyncEngine
import Synchronization
import Testing

/// The store backends every store test runs against (`@Test(arguments: StoreBackendKind.allCases)`).
public enum StoreBackendKind: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case sqlite
    case postgres

    /// The environment variable naming the PostgreSQL server the tests use (`scripts/test` starts one and sets it).
    public static let postgresEnvironmentVariable = "CIN7BRIDGE_TEST_POSTGRES_URL"

    public var testDescription: String { rawValue }

    /// A new, empty place for one test's store: a fresh data directory, or a fresh schema in the test server's
    /// database (so tests stay independent). Without a server the PostgreSQL case is skipped, unless `CI` is set:
    /// there it fails.
    public func freshLocation() throws -> StoreLocation {
        switch self {
        case .sqlite:
            return .sqlite(FileManager.default.temporaryDirectory.appendingPathComponent("cin7bridge-store-\(UUID().uuidString)"))
        case .postgres:
            let environment = ProcessInfo.processInfo.environment
            guard let url = environment[Self.postgresEnvironmentVariable], !url.isEmpty else {
                let why = "no PostgreSQL server: \(Self.postgresEnvironmentVariable) is unset (scripts/test starts one with scripts/pg)"
                if environment["CI"] != nil { throw NoServer(description: why + ", and CI must run the PostgreSQL tests") }
                Self.sayOnce("PostgreSQL store tests skipped: \(why).\n")
                try Test.cancel("Skipped: \(why)")
            }
            var location = try PostgresLocation(parsing: url)
            location.schema = "test_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
            return .postgres(location)
        }
    }

    /// Opens a new, empty store of this kind.
    public func open() throws -> BridgeStore {
        try BridgeStores.open(freshLocation())
    }

    private static let said = Mutex(false)

    /// A skipped parameterized case shows only in verbose output: say it once on standard error.
    private static func sayOnce(_ text: String) {
        let first = said.withLock { said in
            defer { said = true }
            return !said
        }
        if first { FileHandle.standardError.write(Data(text.utf8)) }
    }

    struct NoServer: Error, CustomStringConvertible {
        var description: String
    }
}
