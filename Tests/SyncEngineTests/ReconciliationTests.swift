import Foundation
import SyncEngine
import Testing

/// The pure comparison: each kind of discrepancy is found from the three lists, and what the engine is still
/// working on (or has a recorded reason for) is not.
@Suite struct ReconciliationTests {
    let now = Date(timeIntervalSince1970: 1_800_000_000)
    var since: Date { now.addingTimeInterval(-7 * 86_400) }
    var options: Reconciliation.Options {
        .init(statusesToImport: ["ORDERED", "BACKORDERED"], goLive: now.addingTimeInterval(-30 * 86_400), stuckAfter: 3600, settle: 600)
    }

    func sale(_ number: String, status: String = "ORDERED", shipping: String = "NOT SHIPPED", updated: TimeInterval = -3600) -> SaleSummary {
        SaleSummary(
            saleID: "sale-\(number)",
            orderNumber: number,
            status: status,
            orderStatus: "AUTHORISED",
            customer: "Harbour Outdoor Ltd",
            locationID: nil,
            updated: now.addingTimeInterval(updated),
            combinedShippingStatus: shipping
        )
    }

    func unit(_ number: String, _ state: ShipmentState, id: Int64, orderID: String? = nil, changed: TimeInterval = -3000) -> ShipmentUnit {
        var unit = ShipmentUnit(
            id: id,
            integrationID: 1,
            saleID: "sale-\(number)",
            orderNumber: number,
            reference: "HB-\(number)",
            customerName: "Harbour Outdoor Ltd",
            cin7Location: "Main Warehouse",
            state: state,
            now: now.addingTimeInterval(-3600)
        )
        unit.warehouseOrderID = orderID
        unit.stateChangedAt = now.addingTimeInterval(changed)
        return unit
    }

    func order(_ id: String, _ reference: String, _ status: WarehouseOrder.Status, dispatched: TimeInterval? = nil) -> WarehouseOrder {
        WarehouseOrder(
            id: id,
            reference: reference,
            status: status,
            statusText: status.rawValue,
            modifiedAt: now.addingTimeInterval(-1800),
            dispatchedAt: dispatched.map { now.addingTimeInterval($0) }
        )
    }

    func findings(sales: [SaleSummary], units: [ShipmentUnit], orders: [WarehouseOrder]) -> [ReconciliationReport.Finding] {
        Reconciliation(options: options, since: since, now: now, sales: sales, units: units, warehouseOrders: orders).findings()
    }

    @Test func normalFlowIsClean() {
        let found = findings(
            sales: [sale("SO-1"), sale("SO-2", shipping: "SHIPPED"), sale("SO-3", status: "DRAFT")],
            units: [unit("SO-1", .inWarehouse, id: 1, orderID: "o1"), unit("SO-2", .completed, id: 2, orderID: "o2")],
            orders: [order("o1", "HB-SO-1", .open), order("o2", "HB-SO-2", .dispatched, dispatched: -1800)]
        )
        #expect(found.isEmpty, "\(found)")
    }

    @Test func anAuthorisedSaleWithNoUnitIsMissingButOneWithAReasonIsNot() {
        var skipped = unit("SO-2", .skipped, id: 2)
        skipped.reason = "Unmapped location"
        let found = findings(sales: [sale("SO-1"), sale("SO-2"), sale("SO-3", status: "VOIDED")], units: [skipped], orders: [])
        #expect(found.map(\.kind) == [.missing])
        #expect(found.first?.orderNumber == "SO-1")
        #expect(found.first?.saleID == "sale-so-1")
        #expect(found.first?.advice.isEmpty == false)
    }

    @Test func aSaleTooNewOrBeforeGoLiveIsNotJudged() {
        let found = findings(sales: [sale("SO-1", updated: -60), sale("SO-2", updated: -60 * 86_400)], units: [], orders: [])
        #expect(found.isEmpty, "\(found)")
    }

    @Test func aUnitInTheWarehouseWithNoLiveOrderThereIsMissing() {
        let found = findings(
            sales: [sale("SO-1")],
            units: [unit("SO-1", .inWarehouse, id: 1, orderID: "o1")],
            orders: [order("o1", "HB-SO-1", .cancelled)]
        )
        #expect(found.map(\.kind) == [.missing])
        #expect(found.first?.unitID == 1)
        #expect(found.first?.reference == "HB-SO-1")
    }

    @Test func twoLiveOrdersForOneUnitAreDuplicatedAndTheUntrackedOneIsNamed() {
        let found = findings(
            sales: [sale("SO-1")],
            units: [unit("SO-1", .inWarehouse, id: 1, orderID: "o1")],
            orders: [order("o1", "HB-SO-1", .open), order("o2", "HB-SO-1", .open), order("o0", "HB-SO-1", .rejected)]
        )
        #expect(found.map(\.kind) == [.duplicated])
        #expect(found.first?.warehouseOrderIDs == ["o1", "o2"])
        #expect(found.first?.advice.contains("Cancel o2") == true)
    }

    @Test func aReCreatedOrderNextToALiveOriginalIsDuplicated() {
        let found = findings(
            sales: [sale("SO-1")],
            units: [unit("SO-1", .inWarehouse, id: 1, orderID: "o2")],
            orders: [order("o1", "HB-SO-1", .open), order("o2", "HB-SO-1-R1", .open)]
        )
        #expect(found.map(\.kind) == [.duplicated])
    }

    @Test func dispatchedInTheWarehouseButNotShippedInCin7() {
        let found = findings(
            sales: [sale("SO-1"), sale("SO-2")],
            units: [unit("SO-1", .inWarehouse, id: 1, orderID: "o1"), unit("SO-2", .writingBack, id: 2, orderID: "o2", changed: -60)],
            orders: [order("o1", "HB-SO-1", .dispatched, dispatched: -1800), order("o2", "HB-SO-2", .dispatched, dispatched: -1800)]
        )
        // SO-2 is being written back: the engine is on it.
        #expect(found.map(\.kind) == [.shippedNotInCin7])
        #expect(found.first?.orderNumber == "SO-1")
        #expect(found.first?.warehouseOrderIDs == ["o1"])
    }

    @Test func aCompletedUnitWhoseSaleIsNotShippedInCin7IsFound() {
        let found = findings(
            sales: [sale("SO-1")],
            units: [unit("SO-1", .completed, id: 1, orderID: "o1")],
            orders: [order("o1", "HB-SO-1", .dispatched, dispatched: -1800)]
        )
        #expect(found.map(\.kind) == [.shippedNotInCin7])
    }

    @Test func aFreshDispatchIsLeftToTheEngine() {
        let found = findings(
            sales: [sale("SO-1")],
            units: [unit("SO-1", .inWarehouse, id: 1, orderID: "o1")],
            orders: [order("o1", "HB-SO-1", .dispatched, dispatched: -30)]
        )
        #expect(found.isEmpty, "\(found)")
    }

    @Test func shippedInCin7BySomeoneElseWhileStillInTheWarehouse() {
        let found = findings(
            sales: [sale("SO-1", shipping: "SHIPPED")],
            units: [unit("SO-1", .inWarehouse, id: 1, orderID: "o1")],
            orders: [order("o1", "HB-SO-1", .open)]
        )
        #expect(found.map(\.kind) == [.shippedInCin7ByOthers])
        #expect(found.first?.advice.contains("Cancel warehouse order o1") == true)
    }

    @Test func shippedInCin7ByTheBridgeIsNotSomeoneElse() {
        var written = unit("SO-1", .retrying, id: 1, orderID: "o1", changed: -60)
        written.writebackDone = WritebackStep.pick.rawValue | WritebackStep.pack.rawValue | WritebackStep.ship.rawValue
        let found = findings(
            sales: [sale("SO-1", shipping: "SHIPPED")],
            units: [written],
            orders: [order("o1", "HB-SO-1", .dispatched, dispatched: -1800)]
        )
        #expect(found.isEmpty, "\(found)")
    }

    @Test func aUnitPastItsLimitInAFlowingStateIsStuck() {
        let found = findings(
            sales: [],
            units: [
                unit("SO-1", .pending, id: 1, changed: -7200), unit("SO-2", .pending, id: 2, changed: -60),
                unit("SO-3", .needsAttention, id: 3, changed: -90_000),
            ],
            orders: []
        )
        #expect(found.map(\.kind) == [.stuck])
        #expect(found.first?.orderNumber == "SO-1")
        #expect(found.first?.detail.contains("120 min") == true)
    }

    @Test func findingsAreGroupedByKindAndTheReportSaysSo() {
        let found = findings(
            sales: [sale("SO-9"), sale("SO-1", shipping: "SHIPPED")],
            units: [unit("SO-1", .inWarehouse, id: 1, orderID: "o1"), unit("SO-5", .creating, id: 5, changed: -7200)],
            orders: [order("o1", "HB-SO-1", .open)]
        )
        #expect(found.map(\.kind) == [.missing, .shippedInCin7ByOthers, .stuck])
        let report = ReconciliationReport(
            integrationID: 1,
            integrationName: "Test",
            platform: "CartonCloud",
            ranAt: now,
            since: since,
            until: now,
            cin7Calls: 1,
            warehouseCalls: 3,
            findings: found
        )
        #expect(report.summary == "3 findings")
        #expect(report.costLine == "1 call to Cin7, 3 to CartonCloud")
        #expect(report.findings(.stuck).count == 1)
    }
}
