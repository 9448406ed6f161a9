import Foundation

extension Warehouse {
    /// An order created in the window was changed in it, so the platforms' changed-since lists (CartonCloud's
    /// modified and dispatched searches, ShipStation's `modifyDateStart`, Starshipit's unshipped and shipped lists by
    /// `since_last_updated`) hold every order reconciliation needs, each read by page.
    public func ordersForReconciliation(since: Date) async throws -> [WarehouseOrder] {
        try await ordersChanged(since: since)
    }
}
