import ArgumentParser
import Foundation
import SyncEngine

struct RetryCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "retry",
        abstract: "Retry orders that need attention, are waiting to retry, or were skipped.",
        discussion: """
            The engine that owns the integration (`cin7bridge run` or a TUI) carries it out; this waits for its answer             and exits 1 when it refused any order, 75 when no engine answered in time (the retry stays queued).
            """
    )

    @OptionGroup var data: DataOptions
    @OptionGroup var pick: IntegrationOption
    @OptionGroup var answer: AnswerOptions
    @Argument(help: "Order numbers or references (e.g. SO-00412).") var orders: [String] = []
    @Flag(name: .long, help: "Retry every order that needs attention.") var allFailed = false
    @Flag(name: .long, help: "Do not ask before retrying every order that needs attention.") var yes = false

    func validate() throws {
        if orders.isEmpty && !allFailed { throw ValidationError("Name the orders to retry, or use --all-failed.") }
    }

    func run() async throws {
        let store = try data.openExistingStore()
        let integrationID = try pick.integrationID(in: store)
        var units: [ShipmentUnit] = []
        if allFailed {
            units = try store.units(state: .needsAttention, integrationID: integrationID, limit: 100_000)
            if !units.isEmpty && !yes {
                try Confirmation.ask("Retry \(units.count) order\(units.count == 1 ? "" : "s") that need attention?", orAdd: "--yes")
            }
        }
        for order in orders { units.append(contentsOf: try OrderLookup.resolve(order, integrationID: integrationID, store: store)) }
        if units.isEmpty {
            print("Nothing to retry: no order needs attention\(integrationID == nil ? "" : " in that integration").")
            return
        }
        let commands = try units.map { unit in
            try store.enqueue(
                OperatorCommand(integrationID: unit.integrationID, unitID: unit.id, kind: .retry, actor: Actor.current, createdAt: Date())
            )
        }
        try await answer.report(commands, store: store, verb: "retry")
    }
}

struct SkipCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "skip",
        abstract: "Skip an order with a note (it is not sent, or no longer worked on).",
        discussion: "Waits for the owning engine's answer; exits 1 when it refused (e.g. the order is already in the warehouse)."
    )

    @OptionGroup var data: DataOptions
    @OptionGroup var pick: IntegrationOption
    @OptionGroup var answer: AnswerOptions
    @Argument(help: "Order number or reference.") var order: String
    @Option(name: .long, help: "Why (kept in the order's timeline).") var note: String

    func validate() throws {
        if note.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            throw ValidationError("Say why with --note: it stays in the order's timeline.")
        }
    }

    func run() async throws {
        let store = try data.openExistingStore()
        let commands = try OrderLookup.resolve(order, integrationID: try pick.integrationID(in: store), store: store).map { unit in
            try store.enqueue(
                OperatorCommand(
                    integrationID: unit.integrationID,
                    unitID: unit.id,
                    kind: .skip,
                    argument: note,
                    actor: Actor.current,
                    createdAt: Date()
                )
            )
        }
        try await answer.report(commands, store: store, verb: "skip")
    }
}

/// How a command-line operator action waits for the owning engine's answer.
struct AnswerOptions: ParsableArguments {
    @Flag(name: .long, help: "Return once queued, without waiting for the engine's answer.") var noWait = false
    @Option(name: .long, help: "Seconds to wait for the engine's answer.") var timeout: Double = 30

    /// Prints each answer and a summary; exits 1 when any was refused, 75 (EX_TEMPFAIL) when some got no answer.
    func report(_ commands: [OperatorCommand], store: BridgeStore, verb: String) async throws {
        let ids = commands.compactMap(\.id)
        if noWait {
            print("Queued \(verb) of \(ids.count) order\(ids.count == 1 ? "" : "s"); the engine running the integration carries it out.")
            return
        }
        let answers = await CommandAnswers.wait(for: ids, store: store, timeout: timeout)
        for report in answers.reports { print("\(report.outcome == .done ? "done" : "refused"): \(report.message)") }
        let done = answers.reports.count - answers.refused.count
        print("\(done) done, \(answers.refused.count) refused, \(answers.unanswered) without an answer.")
        if !answers.refused.isEmpty { throw ExitCode(1) }
        if answers.unanswered > 0 {
            FileHandle.standardError.write(Data((answers.summary + "\n").utf8))
            throw ExitCode(ExitStatus.temporary.rawValue)
        }
    }
}

/// Asks a yes/no question on the terminal; refuses without one so scripts must say `--yes`.
enum Confirmation {
    static func ask(_ question: String, orAdd flag: String) throws {
        guard isatty(STDIN_FILENO) != 0 else {
            throw ValidationError("\(question) Add \(flag) to confirm when not at a terminal.")
        }
        print("\(question) [y/N] ", terminator: "")
        let reply = readLine()?.trimmingCharacters(in: .whitespaces).lowercased() ?? ""
        guard reply == "y" || reply == "yes" else { throw RuntimeFailure("Nothing done.") }
    }
}

/// Finds the units an order number or reference names, refusing ambiguity across integrations.
enum OrderLookup {
    static func resolve(_ order: String, integrationID: Int64?, store: BridgeStore) throws -> [ShipmentUnit] {
        let units = try store.units(orderNumber: order, integrationID: integrationID)
        guard !units.isEmpty else {
            throw RuntimeFailure("No order \(order)\(integrationID == nil ? "" : " in that integration").", status: .noInput)
        }
        let integrations = Set(units.map(\.integrationID))
        if integrations.count > 1 {
            let names = try integrations.compactMap { try store.integration(id: $0)?.name }.sorted().joined(separator: ", ")
            throw RuntimeFailure("\(order) exists in several integrations (\(names)); add --integration NAME.", status: .usage)
        }
        return units
    }
}

struct BackupCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "backup", abstract: "Copy the database to FILE while everything keeps running.")

    @OptionGroup var data: DataOptions
    @Argument(help: "Destination file.") var file: String

    func run() async throws {
        let store = try data.openExistingStore()
        if FileManager.default.fileExists(atPath: file) { throw RuntimeFailure("\(file) exists; choose a new file name.", status: .cannotCreate) }
        try store.backup(to: file)
        print("Backed up to \(file)")
    }
}
