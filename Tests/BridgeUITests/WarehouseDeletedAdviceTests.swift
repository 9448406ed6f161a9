import BridgeUI
import Foundation
import SyncEngine
import Testing

/// The detail's "What to do" for an order deleted in the warehouse (issue 11, item 4).
@Suite struct WarehouseDeletedAdviceTests {
    @Test func deletedInTheWarehouseSaysRetryOrSkip() {
        var unit = ShipmentUnit(
            integrationID: 1,
            saleID: "S",
            orderNumber: "SO-1",
            reference: "SO-1",
            customerName: "C",
            cin7Location: "Main",
            state: .needsAttention,
            now: Date()
        )
        unit.reasonCode = ReasonCode.warehouseOrderNotFound
        let text = unit.advice ?? ""
        #expect(text.contains("deleted in the warehouse"))
        #expect(text.contains("press r") && text.contains("s to skip"))
    }
}
