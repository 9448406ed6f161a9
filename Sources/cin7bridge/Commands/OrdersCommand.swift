import ArgumentParser
import Foundation
import SyncEngine

struct OrdersCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "orders", abstract: "List orders, optionally in one state.")

    @OptionGroup var data: DataOptions
    @OptionGroup var pick: IntegrationOption
    @Option(name: .long, help: "One of: \(ShipmentState.allCases.map(\.rawValue).joined(separator: ", ")).")
    var state: String?
    @Option(name: .long, help: "At most this many (newest first).") var limit = 200
    @Flag(name: .long, help: "Print JSON.") var json = false

    func run() async throws {
        let store = try data.openExistingStore()
        var wanted: ShipmentState?
        if let state {
            guard let parsed = ShipmentState(rawValue: state) else {
                throw ValidationError("Unknown state \"\(state)\". Use one of: \(ShipmentState.allCases.map(\.rawValue).joined(separator: ", ")).")
            }
            wanted = parsed
        }
        let units = try store.units(state: wanted, integrationID: try pick.integrationID(in: store), limit: limit)
        let names = Dictionary(uniqueKeysWithValues: try store.integrations().compactMap { record in record.id.map { ($0, record.name) } })
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            encoder.dateEncodingStrategy = .iso8601
            let rows = units.map { OrderRow(unit: $0, integration: names[$0.integrationID] ?? "") }
            print(String(decoding: try encoder.encode(rows), as: UTF8.self))
            return
        }
        if units.isEmpty {
            print("No orders\(wanted.map { " in \($0.rawValue)" } ?? "").")
            return
        }
        for unit in units {
            let columns = [
                unit.reference.padding(toLength: 16, withPad: " ", startingAt: 0),
                unit.state.rawValue.padding(toLength: 16, withPad: " ", startingAt: 0),
                String(unit.customerName.prefix(24)).padding(toLength: 24, withPad: " ", startingAt: 0),
                names[unit.integrationID] ?? "",
            ]
            print(columns.joined(separator: " "))
            if let reason = unit.reason, [.needsAttention, .retrying, .skipped].contains(unit.state) { print("    \(reason)") }
        }
    }
}

/// One order as `orders --json` prints it (no secrets exist on a unit).
struct OrderRow: Encodable {
    var integration: String
    var id: Int64?
    var orderNumber: String
    var reference: String
    var state: String
    var reason: String?
    var customer: String
    var location: String
    var warehouse: String?
    var warehouseOrderID: String?
    var trackingSent: String?
    var updatedAt: Date

    init(unit: ShipmentUnit, integration: String) {
        self.integration = integration
        id = unit.id
        orderNumber = unit.orderNumber
        reference = unit.reference
        state = unit.state.rawValue
        reason = unit.reason
        customer = unit.customerName
        location = unit.cin7Location
        warehouse = unit.warehouse
        warehouseOrderID = unit.warehouseOrderID
        trackingSent = unit.trackingSent
        updatedAt = unit.updatedAt
    }
}
