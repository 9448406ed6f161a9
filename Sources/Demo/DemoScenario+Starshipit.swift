import Foundation
import Simulators

extension DemoScenario {
    /// Starshipit's warehouse: each order waits, its labels are printed (every fourth in two packages; Australia Post
    /// or StarTrack), then it is manifested.
    func advanceStarshipit(_ starshipit: StarshipitSimulator, now: Date, steps: inout [String: Date]) {
        for order in starshipit.allOrders() where order.isLive {
            let key = "starshipit-\(order.orderID)"
            let seen = steps[key] ?? now
            steps[key] = seen
            guard now.timeIntervalSince(seen) >= warehouseDelay else { continue }
            let number = order.orderID
            switch order.status {
            case "Unshipped", "Saved":
                let auspost = number % 2 == 0
                starshipit.printLabel(
                    orderID: number,
                    carrier: auspost ? "AusPost" : "StarTrack",
                    carrierName: auspost ? "Australia Post" : "StarTrack",
                    serviceCode: auspost ? "7B05" : "FPP",
                    serviceName: auspost ? "Parcel Post" : "Fixed Price Premium",
                    packages: number % 4 == 1 ? 2 : 1
                )
                steps[key] = now
            case "Printed":
                starshipit.manifest(orderID: number)
                steps[key] = now
            default:
                break
            }
        }
    }
}
