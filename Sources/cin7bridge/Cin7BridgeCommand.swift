import ArgumentParser
import BridgeSupport
import Foundation
import Logging
import SyncEngine

/// `cin7bridge`: wiring only; the work lives in the libraries.
@main
struct Cin7BridgeCommand: AsyncParsableCommand {
    static let version = "0.1.0"

    static let configuration = CommandConfiguration(
        commandName: "cin7bridge",
        abstract: "Sync authorised Cin7 Core sales to a CartonCloud warehouse exactly once, and fulfilment back.",
        discussion: """
            Start with `cin7bridge demo` to see it work against built-in simulators, or `cin7bridge tui` to configure a \
            real integration. Run `cin7bridge run` as a service to sync headless.
            """,
        version: version,
        subcommands: [
            DemoCommand.self, TUICommand.self, RunCommand.self, StatusCommand.self, OrdersCommand.self, RetryCommand.self,
            SkipCommand.self, BackupCommand.self, ConfigCommand.self, SimulateCommand.self,
        ]
    )
}

/// Options every command that touches the data directory takes.
struct DataOptions: ParsableArguments {
    @Option(name: .long, help: "Data directory (default: $XDG_DATA_HOME/cin7bridge).")
    var dataDir: String?

    var directory: URL {
        dataDir.map { URL(fileURLWithPath: $0) } ?? DataDirectory.defaultURL
    }

    /// Opens the store, turning storage failures into a message that says what to do.
    func openStore() throws -> BridgeStore {
        do {
            return try BridgeStore(directory: directory)
        } catch let error as StoreError {
            throw ValidationError(error.description)
        }
    }

    var logPath: String { directory.appendingPathComponent("cin7bridge.log").path }

    /// Sends every log line to the rotating file in the data directory (never to the terminal).
    func bootstrapLogging(level: Logger.Level = .info) {
        try? DataDirectory.prepare(directory)
        LoggingSystem.bootstrap(RotatingFileLogHandler.factory(path: logPath, level: level))
    }
}

/// Picks integrations by name.
struct IntegrationOption: ParsableArguments {
    @Option(name: .long, help: "Integration name, where an order number could belong to several.")
    var integration: String?

    func integrationID(in store: BridgeStore) throws -> Int64? {
        guard let name = integration else { return nil }
        guard let record = try store.integration(named: name), let id = record.id else {
            let names = try store.integrations().map(\.name).joined(separator: ", ")
            throw ValidationError("No integration named \"\(name)\". Known: \(names.isEmpty ? "none" : names).")
        }
        return id
    }
}
