import Foundation
import Testing

@testable import BridgeUI
@testable import SyncEngine

/// What the detail view tells a person to do, by reason.
@Suite struct AdviceTests {
    @Test func aSaleWaitingForItsCin7FulfilmentSaysWhatToDoInCin7() {
        var unit = ShipmentUnit(
            integrationID: 1,
            saleID: "s1",
            orderNumber: "SO-1",
            reference: "SO-1",
            customerName: "C",
            cin7Location: "Main",
            state: .skipped,
            now: Date()
        )
        unit.reasonCode = .awaitingFulfilment
        #expect(unit.advice?.contains("fill in its pick") == true)
        unit.reasonCode = .unmappedLocation
        #expect(unit.advice?.contains("mapping change") == true)
    }
}
