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
        abstract: "Sync authorised Cin7 Core sales to a warehouse (CartonCloud, ShipStation or Starshipit) exactly once, and fulfilment back.",
        discussion: """
            Start with `cin7bridge demo` to see it work against built-in simulators, or `cin7bridge tui` to configure a \
            real integration. Run `cin7bridge run` as a service to sync headless.

            \(ExitStatus.summary)
            """,
        version: version,
        subcommands: [
            DemoCommand.self, TUICommand.self, RunCommand.self, StatusCommand.self, OrdersCommand.self, RetryCommand.self,
            SkipCommand.self, ReconcileCommand.self, BackupCommand.self, ConfigCommand.self, SimulateCommand.self,
        ]
    )

    /// ArgumentParser's entry point, after suggesting the command a mistyped first word was probably meant to be.
    static func main() async {
        let arguments = Array(CommandLine.arguments.dropFirst())
        let names = configuration.subcommands.map { $0._commandName }
        if let first = arguments.first, !first.hasPrefix("-"), !names.contains(first), first != "help",
            let suggestion = CommandSuggestion.closest(to: first, among: names)
        {
            FileHandle.standardError.write(
                Data("Error: unknown command \"\(first)\". Did you mean \"\(suggestion)\"? (see `cin7bridge --help`)\n".utf8)
            )
            Foundation.exit(64)
        }
        do {
            var command = try parseAsRoot(arguments)
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch let failure as RuntimeFailure {
            failure.exit()
        } catch let error as StoreError {
            RuntimeFailure(error).exit()
        } catch {
            exit(withError: error)
        }
    }
}

/// "Did you mean": the closest known word within two edits.
enum CommandSuggestion {
    static func closest(to word: String, among names: [String]) -> String? {
        let scored = names.map { ($0, distance(word.lowercased(), $0)) }.filter { $0.1 <= 2 }
        return scored.min { $0.1 < $1.1 }?.0
    }

    /// Levenshtein distance.
    static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a)
        let b = Array(b)
        var previous = Array(0...b.count)
        for i in 1...max(a.count, 1) where !a.isEmpty {
            var current = [i] + Array(repeating: 0, count: b.count)
            for j in stride(from: 1, through: b.count, by: 1) {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return a.isEmpty ? b.count : previous[b.count]
    }
}

/// Options every command that touches the data directory takes.
struct DataOptions: ParsableArguments {
    @Option(
        name: .long,
        help: "Data directory (default: $CIN7BRIDGE_DATA_DIR, else /var/lib/cin7bridge when it exists, else $XDG_DATA_HOME/cin7bridge)."
    )
    var dataDir: String?

    @Option(
        name: .long,
        help: ArgumentHelp(
            "The database: postgres://user:password@host:port/database[?schema=NAME&sslmode=require] for PostgreSQL shared by several hosts (default: $CIN7BRIDGE_DATABASE, else SQLite in the data directory).",
            valueName: "url"
        )
    )
    var database: String?

    var choice: DataDirectory.Choice { DataDirectory.choose(option: dataDir) }
    var directory: URL { choice.url }

    /// SQLite in the data directory, unless `--database` or `CIN7BRIDGE_DATABASE` names a PostgreSQL server.
    func location() throws -> StoreLocation {
        do {
            return try StoreLocation.choose(option: database, directory: directory)
        } catch StoreError.other(let detail) {
            throw RuntimeFailure(detail, status: .usage)
        }
    }

    /// Opens the store, creating it when needed (commands that set things up: `tui`, `run`, `config import`).
    func openStore() throws -> BridgeStore {
        let location = try location()
        do {
            return try BridgeStores.open(location)
        } catch let error as StoreError {
            throw RuntimeFailure(error)
        }
    }

    /// Opens the store only if it exists (commands that read or act on what is there), so a mistyped path or an
    /// operator's own empty default never passes for "no integrations".
    func openExistingStore() throws -> BridgeStore {
        let location = try location()
        do {
            return try BridgeStores.openExisting(location)
        } catch StoreError.notFound(let path) where location != .sqlite(directory) {
            throw RuntimeFailure(
                "No Cin7Bridge tables in \(path). Check --database or \(StoreLocation.environmentVariable), "
                    + "or create an integration with `cin7bridge tui` on that database.",
                status: .noInput
            )
        } catch StoreError.notFound(let path) {
            throw RuntimeFailure(
                "No Cin7Bridge database at \(path) (the data directory from \(choice.origin)). Point at the right one with "
                    + "--data-dir or \(DataDirectory.environmentVariable) (the service keeps its data in \(DataDirectory.systemURL.path)), "
                    + "or create an integration with `cin7bridge tui`.",
                status: .noInput
            )
        } catch let error as StoreError {
            throw RuntimeFailure(error)
        }
    }

    var logPath: String { directory.appendingPathComponent("cin7bridge.log").path }

    /// Sends every log line to the rotating file in the data directory (never to the terminal, which curses may
    /// own). A service also sends notices and worse — start, stop, warnings, health changes — to standard error,
    /// which is the journal under systemd.
    func bootstrapLogging(level: Logger.Level = .info, format: RotatingFileLogHandler.Format = .text, noticesToStandardError: Bool = false) {
        try? DataDirectory.prepare(directory)
        let file = RotatingFileLogHandler.factory(
            path: logPath,
            level: level,
            format: format,
            fileMode: DataDirectory.fileMode(forFileAt: logPath)
        )
        guard noticesToStandardError else { return LoggingSystem.bootstrap(file) }
        LoggingSystem.bootstrap { label in
            var stderr = StreamLogHandler.standardError(label: label)
            stderr.logLevel = .notice
            return MultiplexLogHandler([file(label), stderr])
        }
    }
}

/// `--log-format text|json`.
extension RotatingFileLogHandler.Format: ExpressibleByArgument {}

/// Picks integrations by name.
struct IntegrationOption: ParsableArguments {
    @Option(name: .long, help: "Integration name, where an order number could belong to several.")
    var integration: String?

    func integrationID(in store: BridgeStore) throws -> Int64? {
        guard let name = integration else { return nil }
        guard let record = try store.integration(named: name), let id = record.id else {
            let names = try store.integrations().map(\.name).joined(separator: ", ")
            throw RuntimeFailure("No integration named \"\(name)\". Known: \(names.isEmpty ? "none" : names).", status: .noInput)
        }
        return id
    }
}
