import Foundation
import SyncEngine
import TerminalUI

/// The findings view's title: when the last reconciliation ran, over which window, and its result.
func findingsTitle(_ state: AppState) -> String {
    guard let report = state.dashboard?.reconciliation else { return "Reconciliation — Esc closes" }
    return "Reconciled \(ago(report.ranAt, now: state.now)): \(report.summary) — Esc closes"
}

/// One section per kind of finding: each row the order (and warehouse orders), what was seen and what to do; then
/// the window and the calls it cost.
func findingsSections(_ state: AppState) -> [HelpSection] {
    guard let report = state.dashboard?.reconciliation else { return [] }
    var sections = ReconciliationReport.Finding.Kind.allCases.compactMap { kind -> HelpSection? in
        let findings = report.findings(kind)
        guard !findings.isEmpty else { return nil }
        return HelpSection(
            title: "\(kind.title) (\(findings.count))",
            rows: findings.map { finding in
                let orders = finding.warehouseOrderIDs.isEmpty ? "" : " Warehouse: \(finding.warehouseOrderIDs.joined(separator: ", "))."
                return HelpRow(clean(finding.orderNumber), clean(finding.detail) + orders + " → " + clean(finding.advice))
            }
        )
    }
    sections.append(
        HelpSection(
            title: "Run",
            rows: [
                HelpRow("Window", "the \(DurationFormat.short(seconds: Int(report.until.timeIntervalSince(report.since)))) before the run"),
                HelpRow(
                    "Compared",
                    "\(report.salesCompared) Cin7 sales, \(report.unitsCompared) bridge orders, \(report.warehouseOrdersCompared) warehouse orders"
                ),
                HelpRow("Cost", report.costLine),
            ]
        )
    )
    return sections
}

/// The last useful first line of the findings view at `size`.
func findingsMaxScroll(_ state: AppState, size: Size) -> Int {
    HelpView(title: findingsTitle(state), sections: findingsSections(state)).maxScroll(for: overlayRect(size: size), theme: .standard)
}
