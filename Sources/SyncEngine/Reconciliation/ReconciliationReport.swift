import Foundation

/// The result of one reconciliation of an integration: what was compared over which window, what it cost, and
/// every discrepancy found. Stored per run (`reconciliation_run`) and printed by `cin7bridge reconcile`.
public struct ReconciliationReport: Sendable, Codable, Equatable {
    public var integrationID: Int64
    public var integrationName: String
    /// The warehouse platform's name (`CartonCloud`).
    public var platform: String
    public var ranAt: Date
    /// The window compared: sales changed and warehouse orders changed from `since` to `until`.
    public var since: Date
    public var until: Date
    /// Calls made to Cin7 (at the lowest priority of the shared budget) and to the warehouse.
    public var cin7Calls: Int
    public var warehouseCalls: Int
    /// How much was compared.
    public var salesCompared: Int
    public var unitsCompared: Int
    public var warehouseOrdersCompared: Int
    public var findings: [Finding]

    public init(
        integrationID: Int64,
        integrationName: String,
        platform: String,
        ranAt: Date,
        since: Date,
        until: Date,
        cin7Calls: Int = 0,
        warehouseCalls: Int = 0,
        salesCompared: Int = 0,
        unitsCompared: Int = 0,
        warehouseOrdersCompared: Int = 0,
        findings: [Finding] = []
    ) {
        self.integrationID = integrationID
        self.integrationName = integrationName
        self.platform = platform
        self.ranAt = ranAt
        self.since = since
        self.until = until
        self.cin7Calls = cin7Calls
        self.warehouseCalls = warehouseCalls
        self.salesCompared = salesCompared
        self.unitsCompared = unitsCompared
        self.warehouseOrdersCompared = warehouseOrdersCompared
        self.findings = findings
    }

    public var isClean: Bool { findings.isEmpty }

    /// Findings of `kind`, in report order.
    public func findings(_ kind: Finding.Kind) -> [Finding] { findings.filter { $0.kind == kind } }

    /// "clean" or "3 findings".
    public var summary: String {
        findings.isEmpty ? "clean" : "\(findings.count) finding\(findings.count == 1 ? "" : "s")"
    }

    /// "N calls to Cin7, M to CartonCloud".
    public var costLine: String {
        "\(cin7Calls) call\(cin7Calls == 1 ? "" : "s") to Cin7, \(warehouseCalls) to \(platform)"
    }
}
