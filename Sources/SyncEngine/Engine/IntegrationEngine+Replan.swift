import BridgeSupport
import Foundation

extension IntegrationEngine {
    /// Routes and maps again, from the configuration as it is now, a unit that has no live warehouse order — a person
    /// corrected a mapping (or the go-live point, or a status filter) and retries. The sale is re-read from Cin7;
    /// the unit keeps its reference (fixed when first routed). A unit with no order of its own to send (its
    /// fulfilment is not planned, or waits for its pick) is skipped, saying why. Returns the timeline line saying
    /// what changed, or nil when nothing did.
    func replan(_ start: ShipmentUnit, now: Date) async throws -> (ShipmentUnit, String?) {
        var unit = start
        let cin7Sale = try await calls(CallPurpose.intake, unit: start.id) { try await cin7.sale(id: start.saleID) }
        let sale = SaleInfo(cin7Sale)
        switch router.route(sale) {
        case .failure(let skip):
            let message = unit.skip(skip, now: now)
            return (unit, "Re-read with the current configuration: " + message)
        case .success(let planned):
            // Another plan only for a unit alone in its sale: a sibling may already carry that plan's lines.
            let alone = try store.units(integrationID: integrationID, saleID: start.saleID).allSatisfy { $0.id == start.id }
            guard
                let plan = planned.first(where: { $0.fulfilmentNumber == start.fulfilmentNumber }) ?? (alone && planned.count == 1 ? planned[0] : nil)
            else {
                guard start.orderRequest == nil else { return (unit, nil) }
                let skip = Router.Skip(code: .noStockLines, reason: "Not needed after re-routing: the sale's other orders carry what it ships.")
                return (unit, "Re-read with the current configuration: " + unit.skip(skip, now: now))
            }
            if let waiting = plan.waiting {
                return (unit, "Re-read with the current configuration: " + unit.skip(waiting, now: now))
            }
            var request = OrderMapper.request(for: sale, unit: plan, options: config.orderCreation, serviceSKUs: reference.serviceSKUs)
            request.reference = start.reference
            unit.orderRequest = request
            unit.taskIDs = plan.taskIDs
            unit.cin7Location = plan.location
            unit.saleFingerprint = OrderMapper.fingerprint(sale)
            let previous = start.warehouse
            unit.warehouse = plan.warehouse.display
            if previous != unit.warehouse {
                return (
                    unit, "Routed again with the current configuration: now to \(plan.warehouse.display)" + (previous.map { " (was \($0))" } ?? "")
                )
            }
            return (unit, start.orderRequest == nil ? "Routed with the current configuration: to \(plan.warehouse.display)" : nil)
        }
    }

    /// Whether a unit has nothing live in the warehouse, so routing it again cannot leave an order behind.
    static func hasNoLiveWarehouseOrder(_ unit: ShipmentUnit) -> Bool {
        unit.warehouseOrderID == nil || unit.warehouseStatus == "REJECTED" || unit.warehouseStatus == "CANCELLED"
    }
}
