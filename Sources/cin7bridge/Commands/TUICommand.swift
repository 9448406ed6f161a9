import ArgumentParser
import BridgeUI
import Foundation
import Logging
import SyncEngine
import TerminalUI

#if canImport(Glibc)
import Glibc
#endif

struct TUICommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tui",
        abstract: "The terminal UI: configure integrations, watch the queues, retry failed orders.",
        discussion: """
            Syncs in this process while it runs, unless a headless `cin7bridge run` owns an integration (then the UI \
            is a viewer and its actions go through the engine's command table). Logs go to cin7bridge.log in the data directory.
            """
    )

    @OptionGroup var data: DataOptions
    @OptionGroup var display: DisplayOptions

    @Flag(name: .long, help: "Allow plain HTTP to hosts other than this machine (never needed for the real Cin7 or platforms).")
    var allowInsecureHTTP = false

    func run() async throws {
        data.bootstrapLogging()
        let store = try data.openStore()
        let env = AppEnvironment(dataDirectory: data.directory.path, logFile: data.logPath, actor: Actor.current)
        // The TUI comes and goes: it runs what no `run` process holds, without counting as a host that shares the work.
        let host = EngineHost(store: store, logger: Logger(label: "cin7bridge.engine"), allowInsecureHTTP: allowInsecureHTTP, sharesWork: false)
        try await UISession.run(store: store, host: host, env: env, display: display, allowInsecureHTTP: allowInsecureHTTP, addMissingProduct: nil)
    }
}

/// Terminal options shared by `tui` and `demo`.
struct DisplayOptions: ParsableArguments {
    @Flag(name: .long, help: "No colour (also when NO_COLOR is set).") var noColor = false
    @Flag(name: .long, help: "ASCII glyphs only (boxes, marks and gauges).") var ascii = false
}

/// Starts the engine host, runs the UI on the real terminal, and stops cleanly (the call in flight finishes).
enum UISession {
    static func run(
        store: BridgeStore,
        host: EngineHost,
        env: AppEnvironment,
        display: DisplayOptions,
        allowInsecureHTTP: Bool,
        addMissingProduct: (@Sendable () -> Void)?
    ) async throws {
        let logger = Logger(label: "cin7bridge.tui")
        let engineTask = Task { await host.run() }
        let outcome = await runOnTerminal(
            store: store,
            host: host,
            env: env,
            display: display,
            allowInsecureHTTP: allowInsecureHTTP,
            addMissingProduct: addMissingProduct
        )
        let wasSyncing = !host.runningIDs.isEmpty
        if wasSyncing { say("Stopping: finishing the call in flight…") }
        host.stop()
        await engineTask.value
        logger.info("tui stopped", metadata: ["reason": "\(outcome.reason ?? "quit")"])
        switch outcome.error {
        case let error?:
            say(error)
            throw ExitCode(2)
        case nil:
            if let reason = outcome.reason { say(reason) }
            if wasSyncing {
                say(
                    "Syncing has stopped. To keep orders flowing without the TUI, run `cin7bridge run --data-dir \(env.dataDirectory)` as a service (e.g. a systemd unit)."
                )
            }
        }
    }

    /// Writes a line to the terminal after curses has restored it (fputs: a hung-up terminal is not an error).
    static func say(_ line: String) {
        let bytes = Array((line + "\n").utf8)
        _ = bytes.withUnsafeBytes { write(STDOUT_FILENO, $0.baseAddress, $0.count) }
    }

    struct Outcome: Sendable {
        var reason: String?
        var error: String?
    }

    @MainActor
    static func runOnTerminal(
        store: BridgeStore,
        host: EngineHost,
        env: AppEnvironment,
        display: DisplayOptions,
        allowInsecureHTTP: Bool,
        addMissingProduct: (@Sendable () -> Void)?
    ) async -> Outcome {
        let terminal: CursesTerminal
        do {
            terminal = try CursesTerminal(options: .init(forceASCII: display.ascii, noColor: display.noColor ? true : nil))
        } catch {
            return Outcome(reason: nil, error: String(describing: error))
        }
        let runtime = BridgeRuntime(store: store, host: host, allowInsecureHTTP: allowInsecureHTTP, addMissingProduct: addMissingProduct)
        let final = await runBridgeApp(terminal: terminal, runtime: runtime, env: env)
        runtime.stopListening()
        terminal.shutdown()
        return Outcome(reason: final.quitReason, error: nil)
    }
}
