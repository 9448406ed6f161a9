import Foundation
import Simulators
import SyncEngine

/// The engine's promises, checked against what the simulators recorded (not against the engine's own view).
public enum Invariants {
    public struct Report: Sendable, CustomStringConvertible {
        public var sales = 0
        public var liveOrders = 0
        public var completed = 0
        public var problems: [String] = []
        public init() {}
        public var description: String { "\(sales) sales, \(liveOrders) warehouse orders, \(completed) completed; \(problems.count) problems" }
    }

    /// Every eligible sale has exactly one live warehouse order; every dispatched order has exactly one authorised
    /// shipment in Cin7 carrying the warehouse's tracking; every sale the engine saw has a unit with a state.
    public static func check(sales: [SimSaleRef], cin7: Cin7Simulator, cartonCloud: CartonCloudSimulator, store: BridgeStore, integrationID: Int64) throws -> Report {
        var report = Report()
        report.sales = sales.count
        for sale in sales {
            let units = try store.units(integrationID: integrationID, saleID: sale.saleID)
            if units.isEmpty { report.problems.append("\(sale.orderNumber): never recorded"); continue }
            let live = cartonCloud.orders(reference: sale.orderNumber).filter { !$0.deleted && $0.status != "REJECTED" }
            report.liveOrders += live.count
            if live.count != 1 { report.problems.append("\(sale.orderNumber): \(live.count) live warehouse orders") }
            guard let order = live.first else { continue }
            let snapshot = cin7.snapshot(saleID: sale.saleID)
            let posts = cin7.stats.shipPostsBySale[sale.saleID] ?? 0
            if order.status == "DISPATCHED" {
                if posts != 1 { report.problems.append("\(sale.orderNumber): \(posts) ship writes") }
                let ship = snapshot?.fulfilments.first
                if ship?.shipStatus != "AUTHORISED" { report.problems.append("\(sale.orderNumber): Cin7 ship is \(ship?.shipStatus ?? "missing")") }
                let expected = cartonCloud.consignments(orderID: order.id).first?.tracking?.number
                if let expected, ship?.shipLines.first?.trackingNumber != expected {
                    report.problems.append("\(sale.orderNumber): tracking \(ship?.shipLines.first?.trackingNumber ?? "none") ≠ \(expected)")
                }
                if units.allSatisfy({ $0.state == .completed }) { report.completed += 1 }
            } else if posts != 0 {
                report.problems.append("\(sale.orderNumber): shipped in Cin7 but not dispatched")
            }
        }
        return report
    }
}
