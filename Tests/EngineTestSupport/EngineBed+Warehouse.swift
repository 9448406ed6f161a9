import Foundation
import Simulators
import SyncEngine

extension EngineBed {
    /// The platform ships the unit's order (see `dispatch(orderID:…)`): with `tracking` and, for several packages,
    /// `moreTracking` numbers (ShipStation and Starshipit; CartonCloud's consignment carries one).
    public func dispatch(
        _ ref: SimSaleRef,
        tracking: SimTracking? = SimTracking(number: "TRK123", carrier: "Aramex", url: "https://track.example/TRK123"),
        moreTracking: [String] = [],
        shortShip: [String: Double]? = nil
    ) throws {
        guard let orderID = unit(ref)?.warehouseOrderID else { throw HarnessError("\(ref.orderNumber) has no warehouse order to dispatch") }
        dispatch(orderID: orderID, tracking: tracking, trackingNumbers: moreTracking, shortShip: shortShip)
    }

    /// Dispatches every unit that is `in_warehouse` and not yet dispatched there; returns how many.
    @discardableResult
    public func dispatchReady(
        tracking: (String) -> SimTracking? = { SimTracking(number: "TRK-\($0)", carrier: "Aramex", url: "https://track.example/\($0)") }
    ) -> Int {
        let ready = (try? store.units(state: .inWarehouse, integrationID: integrationID, limit: 100_000)) ?? []
        var count = 0
        for unit in ready {
            guard let orderID = unit.warehouseOrderID, let order = platformOrder(id: orderID), !order.dispatched, order.live else { continue }
            dispatch(orderID: orderID, tracking: tracking(unit.reference))
            count += 1
        }
        return count
    }

    /// The engine's promises for `sales`, checked against what the simulators recorded.
    public func invariants(_ sales: [SimSaleRef], options: Invariants.Options = Invariants.Options()) throws -> Invariants.Report {
        try Invariants.check(sales: sales, bed: self, options: options)
    }

    /// The sales that did not end completed with exactly one live warehouse order and one authorised shipment
    /// written once ("orders lost"), each with what is wrong.
    public func lostOrders(_ sales: [SimSaleRef], options: Invariants.Options = Invariants.Options()) -> [String] {
        guard let report = try? invariants(sales, options: options) else { return ["the store could not be read"] }
        var lost = report.problems
        for ref in sales {
            let units = units(ref)
            guard !units.allSatisfy({ $0.state == .completed }) else { continue }  // none at all: reported by the check
            lost.append("\(ref.orderNumber): " + units.map { "\($0.state.rawValue) \($0.reason ?? "")" }.joined(separator: ", "))
        }
        return lost
    }
}
