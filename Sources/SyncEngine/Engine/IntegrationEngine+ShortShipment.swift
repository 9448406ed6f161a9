import Cin7Core
import Foundation

extension IntegrationEngine {
    /// The pick for a shipment the warehouse itself reported short (its consignment named the order's SKUs with
    /// smaller quantities): only what was shipped, from the unit's location, so a person's retry writes back what
    /// went rather than auto-picking the full order. nil when nothing was short (auto-pick everything) or nothing
    /// was shipped at all.
    static func shippedPick(_ unit: ShipmentUnit, _ shipment: WarehouseShipment, taskID: Cin7ID) -> PickRequest? {
        guard let shipped = shipment.shippedQuantities, let request = unit.orderRequest else { return nil }
        let short = request.lines.contains { (shipped[$0.sku] ?? 0) + 0.0001 < $0.quantity }
        let lines = request.lines.compactMap { line -> PickPackLine? in
            let quantity = min(line.quantity, shipped[line.sku] ?? 0)
            return quantity > 0 ? PickPackLine(SKU: line.sku, Name: line.name, Location: unit.cin7Location, Quantity: quantity) : nil
        }
        guard short, !lines.isEmpty else { return nil }
        return PickRequest(TaskID: taskID, Lines: lines)
    }
}
