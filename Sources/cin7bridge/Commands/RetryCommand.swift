import ArgumentParser
import Foundation
import SyncEngine

struct RetryCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "retry", abstract: "Retry orders that need attention or are waiting to retry.",
        discussion: "The engine that owns the integration (this machine's `run` or TUI) carries it out within seconds.")

    @OptionGroup var data: DataOptions
    @OptionGroup var pick: IntegrationOption
    @Argument(help: "Order numbers or references (e.g. SO-00412).") var orders: [String] = []
    @Flag(name: .long, help: "Retry every order that needs attention.") var allFailed = false

    func validate() throws {
        if orders.isEmpty && !allFailed { throw ValidationError("Name the orders to retry, or use --all-failed.") }
    }

    func run() async throws {
        let store = try data.openStore()
        let integrationID = try pick.integrationID(in: store)
        var units: [ShipmentUnit] = []
        if allFailed {
            units = try store.units(state: .needsAttention, integrationID: integrationID, limit: 100_000)
        }
        for order in orders { units.append(contentsOf: try OrderLookup.resolve(order, integrationID: integrationID, store: store)) }
        for unit in units {
            try store.enqueue(OperatorCommand(integrationID: unit.integrationID, unitID: unit.id, kind: .retry, actor: Actor.current, createdAt: Date()))
            print("queued retry of \(unit.reference) (\(unit.state.rawValue))")
        }
        if units.isEmpty { print("Nothing to retry.") }
    }
}

struct SkipCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "skip", abstract: "Skip an order with a note (it is not sent, or no longer worked on).")

    @OptionGroup var data: DataOptions
    @OptionGroup var pick: IntegrationOption
    @Argument(help: "Order number or reference.") var order: String
    @Option(name: .long, help: "Why (kept in the order's timeline).") var note: String

    func run() async throws {
        let store = try data.openStore()
        for unit in try OrderLookup.resolve(order, integrationID: try pick.integrationID(in: store), store: store) {
            try store.enqueue(OperatorCommand(integrationID: unit.integrationID, unitID: unit.id, kind: .skip, argument: note, actor: Actor.current, createdAt: Date()))
            print("queued skip of \(unit.reference)")
        }
    }
}

/// Finds the units an order number or reference names, refusing ambiguity across integrations.
enum OrderLookup {
    static func resolve(_ order: String, integrationID: Int64?, store: BridgeStore) throws -> [ShipmentUnit] {
        let units = try store.units(orderNumber: order, integrationID: integrationID)
        guard !units.isEmpty else { throw ValidationError("No order \(order)\(integrationID == nil ? "" : " in that integration").") }
        let integrations = Set(units.map(\.integrationID))
        if integrations.count > 1 {
            let names = try integrations.compactMap { try store.integration(id: $0)?.name }.sorted().joined(separator: ", ")
            throw ValidationError("\(order) exists in several integrations (\(names)); add --integration NAME.")
        }
        return units
    }
}

struct BackupCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "backup", abstract: "Copy the database to FILE while everything keeps running.")

    @OptionGroup var data: DataOptions
    @Argument(help: "Destination file.") var file: String

    func run() async throws {
        let store = try data.openStore()
        if FileManager.default.fileExists(atPath: file) { throw ValidationError("\(file) exists; choose a new file name.") }
        try store.backup(to: file)
        print("Backed up to \(file)")
    }
}
