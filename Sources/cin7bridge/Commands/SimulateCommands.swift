import Demo
import Foundation
import Simulators

/// A Cin7 user and the warehouse staff of `cin7bridge simulate`'s ShipStation and Starshipit, driven by lines on
/// standard input (tests and people at a terminal): each line is answered on standard output by one JSON line.
struct SimulateCommands: Sendable {
    let world: DemoWorld
    /// The demo index of the next sale `cin7 authorise` creates (after the seeded ones).
    let firstSale: Int

    /// Reads commands until standard input ends.
    func readStandardInput() {
        var nextSale = firstSale
        while let line = readLine() {
            let words = line.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
            guard !words.isEmpty else { continue }
            let answer: [String: String]
            if words.prefix(2) == ["cin7", "authorise"] {
                let ref = world.authoriseSale(.normal, index: nextSale)
                nextSale += 1
                answer = ["command": "cin7 authorise", "orders": ref.orderNumber]
            } else {
                answer = perform(words)
            }
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            if let data = try? encoder.encode(answer) { FileHandle.standardOutput.write(data + Data("\n".utf8)) }
        }
    }

    /// `shipstation ship REF`, `starshipit print REF`, `starshipit manifest REF`: the orders acted on as
    /// `reference=tracking` pairs, or an `error`.
    func perform(_ words: [String]) -> [String: String] {
        let command = words.prefix(2).joined(separator: " ")
        let prefix = words.count > 2 ? words[2] : "*"
        func matches(_ reference: String) -> Bool { prefix == "*" || reference.hasPrefix(prefix) }
        var done: [String] = []
        switch command {
        case "shipstation ship":
            guard let shipStation = world.shipStation else { return ["command": command, "error": "ShipStation is not running"] }
            for order in shipStation.allOrders() where !order.deleted && order.status == "awaiting_shipment" && matches(order.orderKey) {
                let tracking = "SS\(order.orderId)"
                if !shipStation.shipOrder(
                    orderID: order.orderId,
                    packages: [ShipStationSimPackage(carrierCode: "australia_post", trackingNumber: tracking)]
                )
                .isEmpty {
                    done.append("\(order.orderKey)=\(tracking)")
                }
            }
        case "starshipit print":
            guard let starshipit = world.starshipit else { return ["command": command, "error": "Starshipit is not running"] }
            for order in starshipit.allOrders() where order.isLive && matches(order.orderNumber) {
                if let numbers = starshipit.printLabel(orderID: order.orderID) {
                    done.append("\(order.orderNumber)=\(numbers.joined(separator: "+"))")
                }
            }
        case "starshipit manifest":
            guard let starshipit = world.starshipit else { return ["command": command, "error": "Starshipit is not running"] }
            for order in starshipit.allOrders() where order.isLive && matches(order.orderNumber) {
                if starshipit.manifest(orderID: order.orderID) { done.append(order.orderNumber) }
            }
        default:
            return [
                "command": command,
                "error": "unknown command: use cin7 authorise, shipstation ship REF, starshipit print REF or starshipit manifest REF",
            ]
        }
        return ["command": command, "orders": done.joined(separator: ",")]
    }
}
