import Foundation
import Simulators

extension DemoScenario {
    /// ShipStation's warehouse: each order waits, then ships — a label per package (every fourth order in two), or
    /// marked shipped without a label and tracking (every sixth); one label is voided and bought again with new tracking.
    func advanceShipStation(_ shipStation: ShipStationSimulator, now: Date, steps: inout [String: Date], retracked: inout Bool) {
        for order in shipStation.allOrders() where !order.deleted {
            let key = "shipstation-\(order.orderId)"
            let seen = steps[key] ?? now
            steps[key] = seen
            guard now.timeIntervalSince(seen) >= warehouseDelay else { continue }
            let number = order.orderId
            // ShipStation's ids are large; the story's variety and tracking numbers use their last digits.
            let sequence = number % 100_000
            switch order.status {
            case "awaiting_shipment":
                if sequence % 6 == 0 {
                    shipStation.markShipped(orderID: number)
                } else {
                    let carrier = sequence % 2 == 0 ? "australia_post" : "startrack"
                    let count = sequence % 4 == 1 ? 2 : 1
                    let packages = (0..<count).map { package in
                        ShipStationSimPackage(carrierCode: carrier, trackingNumber: "AP\(100_000 + sequence * 10 + package)")
                    }
                    shipStation.shipOrder(orderID: number, packages: packages)
                }
                steps[key] = now
            case "shipped":
                let labels = shipStation.shipments(orderID: number).filter { !$0.voided }
                guard !retracked, labels.count == 1, let label = labels.first, now.timeIntervalSince(seen) >= warehouseDelay * 2 else { continue }
                shipStation.voidLabel(shipmentID: label.shipmentId)
                let tracking = "AP\(900_000 + sequence)"
                shipStation.shipOrder(orderID: number, packages: [ShipStationSimPackage(carrierCode: "startrack", trackingNumber: tracking)])
                note("ShipStation: the label of \(order.orderNumber) was voided and a new one bought (tracking \(tracking)).")
                retracked = true
            default:
                break
            }
        }
    }
}
