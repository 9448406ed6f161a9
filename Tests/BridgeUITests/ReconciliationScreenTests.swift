import Foundation
import TerminalUI
import Testing

@testable import BridgeUI
@testable import SyncEngine

/// The dashboard's last reconciliation: the status line says when and what it found, `f` opens the findings with
/// what to do, Esc goes back.
@Suite struct ReconciliationScreenTests {
    static var report: ReconciliationReport {
        ReconciliationReport(
            integrationID: 1,
            integrationName: "Demo",
            platform: "CartonCloud",
            ranAt: Fixtures.now.addingTimeInterval(-7200),
            since: Fixtures.now.addingTimeInterval(-7 * 86_400),
            until: Fixtures.now.addingTimeInterval(-7200),
            cin7Calls: 2,
            warehouseCalls: 3,
            salesCompared: 41,
            unitsCompared: 40,
            warehouseOrdersCompared: 39,
            findings: [
                .init(
                    kind: .missing,
                    orderNumber: "SO-1021",
                    saleID: "sale-1021",
                    detail: "Cin7 sale SO-1021 is ORDERED and not shipped, but the bridge has no record of it and so sent nothing.",
                    advice: "Check that `cin7bridge run` is running and polling Cin7."
                ),
                .init(
                    kind: .duplicated,
                    orderNumber: "SO-1017",
                    unitID: 17,
                    reference: "SO-1017",
                    unitState: .inWarehouse,
                    warehouseOrderIDs: ["cc-17", "cc-18"],
                    detail: "2 live warehouse orders carry reference SO-1017 (cc-17, cc-18): it may ship more than once.",
                    advice: "Cancel cc-18 in the warehouse before it is picked; the bridge follows cc-17."
                ),
                .init(
                    kind: .stuck,
                    orderNumber: "SO-1003",
                    unitID: 3,
                    reference: "SO-1003",
                    unitState: .writingBack,
                    detail: "SO-1003 has been writing back for 95 min (limit 60 min).",
                    advice: "Check the Cin7 connection and budget on the dashboard; the shipment is written when Cin7 answers."
                ),
            ]
        )
    }

    static func reconciled(_ report: ReconciliationReport?) -> AppState {
        var s = Fixtures.dashboardState()
        _ = reduce(
            &s,
            .dashboardLoaded(
                DashboardSnapshot(
                    integrationID: 1,
                    counts: Fixtures.counts,
                    units: Fixtures.units,
                    status: Fixtures.status,
                    attention: [],
                    enabled: true,
                    name: "Demo",
                    reconciliation: report
                )
            )
        )
        return s
    }

    @Test func theDashboardSaysWhenItLastReconciledAndWhatItFound() {
        let size = Size(width: 120, height: 40)
        Snapshot.assert(render(Self.reconciled(Self.report), size: size, theme: .standard), named: "dashboard-reconciled.120x40")
        var clean = Self.report
        clean.findings = []
        let text = render(Self.reconciled(clean), size: size, theme: .standard).plainText
        #expect(text.contains("Reconciled 2h00m ago: clean"), "\(text)")
    }

    @Test func fOpensTheFindingsAndEscGoesBack() {
        var s = Self.reconciled(Self.report)
        _ = reduce(&s, .key(.char("f")))
        #expect(s.overlay == .findings(scroll: 0))
        for size in [Size(width: 80, height: 24), Size(width: 120, height: 40)] {
            Snapshot.assert(render(s, size: size, theme: .standard), named: "findings.\(size.width)x\(size.height)")
        }
        _ = reduce(&s, .key(.pageDown))
        #expect(s.overlay == .findings(scroll: 0), "everything fits: nothing to scroll")
        _ = reduce(&s, .key(.escape))
        #expect(s.overlay == nil)
        #expect(s.screen.kind == .dashboard)
    }

    @Test func fBeforeAnyReconciliationSaysHowToGetOne() {
        var s = Self.reconciled(nil)
        _ = reduce(&s, .key(.char("f")))
        #expect(s.overlay == nil)
        #expect(s.flash?.text.contains("cin7bridge reconcile") == true)
    }

    @Test func aReconciledEventReloadsTheDashboard() {
        var s = Self.reconciled(nil)
        let effects = reduce(&s, AppAction(EngineEvent.reconciled(integrationID: 1, findings: 3))!)
        #expect(effects.contains { if case .loadDashboard(1, _, _, _) = $0 { true } else { false } })
    }
}
