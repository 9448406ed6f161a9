import ArgumentParser
import BridgeSupport
import Foundation
import SyncEngine

struct ReconcileCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reconcile",
        abstract: "Compare Cin7's sales, the bridge's orders and the warehouse's orders over a window, and list what slipped through.",
        discussion: """
            Finds sales that should have gone to the warehouse and did not, orders in the warehouse more than once, \
            orders the warehouse shipped that Cin7 does not show shipped, sales shipped in Cin7 by someone else while \
            the bridge still has them in the warehouse, and orders stuck in one state. Reads sales and warehouse orders \
            by page (never one call per order), at the lowest priority of the shared Cin7 budget, and says how many calls \
            it made. Each run is kept; `cin7bridge run` also reconciles on its own (--reconcile-every). Exits 1 when \
            anything was found, 0 when clean. See docs/RECONCILIATION.md.
            """
    )

    @OptionGroup var data: DataOptions
    @Option(name: .long, help: "Integration name (default: every enabled integration).") var integration: String?
    @Option(name: .long, help: "Start of the window, YYYY-MM-DD in this machine's time zone (default: 7 days ago).") var since: String?
    @Flag(name: .long, help: "Print the reports as JSON (an array, one report per integration).") var json = false
    @Option(name: .long, help: "Minutes a change is left to the engine before it is judged.") var settleMinutes: Double = 10
    @Flag(name: .long, help: "Allow plain HTTP to hosts other than this machine (never needed for the real Cin7 or platforms).")
    var allowInsecureHTTP = false

    func validate() throws {
        if let since, Self.start(of: since) == nil { throw ValidationError("--since takes a date as YYYY-MM-DD, e.g. 2026-11-26.") }
        if settleMinutes < 0 || !settleMinutes.isFinite { throw ValidationError("--settle-minutes takes minutes, 0 or more.") }
    }

    /// Midnight at the start of `text` (YYYY-MM-DD) in this machine's time zone.
    static func start(of text: String) -> Date? {
        guard let day = CalendarDate(text) else { return nil }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = .current
        return calendar.date(from: DateComponents(year: day.year, month: day.month, day: day.day))
    }

    func run() async throws {
        let store = try data.openExistingStore()
        let records = try chosen(in: store)
        let window = since.flatMap(Self.start) ?? Date().addingTimeInterval(-Reconciler.defaultWindow)
        var reports: [ReconciliationReport] = []
        for record in records {
            guard let id = record.id else { continue }
            let config = try record.decodedConfig()
            do {
                let connectors = try Connectors(config: config, store: store, allowInsecureHTTP: allowInsecureHTTP)
                let reconciler = Reconciler(store: store, settle: settleMinutes * 60)
                reports.append(try await reconciler.run(integrationID: id, config: config, connectors: connectors, since: window))
            } catch let failure as Failure {
                throw RuntimeFailure(
                    "Reconciling \"\(config.name)\" failed: \(failure.message)",
                    status: failure.isTransient ? .unavailable : .configuration
                )
            } catch let error as StoreError {
                throw RuntimeFailure(error)
            }
        }
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            encoder.dateEncodingStrategy = .iso8601
            print(String(decoding: try encoder.encode(reports), as: UTF8.self))
        } else {
            for report in reports { print(Self.text(report)) }
        }
        if reports.contains(where: { !$0.isClean }) { throw ExitCode(1) }
    }

    /// The integration named, or every enabled one.
    private func chosen(in store: BridgeStore) throws -> [IntegrationRecord] {
        if let integration {
            guard let record = try store.integration(named: integration) else {
                let names = try store.integrations().map(\.name).joined(separator: ", ")
                throw RuntimeFailure("No integration named \"\(integration)\". Known: \(names.isEmpty ? "none" : names).", status: .noInput)
            }
            return [record]
        }
        let enabled = try store.integrations().filter(\.enabled)
        if enabled.isEmpty {
            throw RuntimeFailure("No enabled integration to reconcile in \(store.path). Name one with --integration.", status: .noInput)
        }
        return enabled
    }

    /// The report as people read it: findings grouped by kind with what to do, then the calls it cost.
    static func text(_ report: ReconciliationReport) -> String {
        let day = { (date: Date) in CalendarDate(date, in: .current).isoDate }
        var lines = [
            "\(report.integrationName) (\(report.platform)), \(day(report.since)) to \(day(report.until)): "
                + "\(report.salesCompared) Cin7 sale\(report.salesCompared == 1 ? "" : "s"), \(report.unitsCompared) bridge order\(report.unitsCompared == 1 ? "" : "s"), "
                + "\(report.warehouseOrdersCompared) warehouse order\(report.warehouseOrdersCompared == 1 ? "" : "s") compared: \(report.summary)."
        ]
        for kind in ReconciliationReport.Finding.Kind.allCases {
            let findings = report.findings(kind)
            guard !findings.isEmpty else { continue }
            lines.append("")
            lines.append("\(kind.title) (\(findings.count))")
            for finding in findings {
                let orders = finding.warehouseOrderIDs.isEmpty ? "" : " [warehouse \(finding.warehouseOrderIDs.joined(separator: ", "))]"
                lines.append("  \(finding.orderNumber)\(orders): \(finding.detail)")
                lines.append("    → \(finding.advice)")
            }
        }
        lines.append("")
        lines.append(report.costLine)
        return lines.joined(separator: "\n")
    }
}
