import Foundation
import GRDB

/// One stored reconciliation (table `reconciliation_run`, migration "v4: reconciliation runs"): the report's
/// numbers as columns, its findings as a JSON column.
struct ReconciliationRun: Codable, FetchableRecord, MutablePersistableRecord {
    static let databaseTableName = "reconciliation_run"

    var id: Int64?
    var integrationID: Int64
    var integrationName: String
    var platform: String
    var ranAt: Date
    var since: Date
    var until: Date
    var cin7Calls: Int
    var warehouseCalls: Int
    var salesCompared: Int
    var unitsCompared: Int
    var warehouseOrdersCompared: Int
    var findingCount: Int
    var findings: [ReconciliationReport.Finding]

    init(_ report: ReconciliationReport) {
        integrationID = report.integrationID
        integrationName = report.integrationName
        platform = report.platform
        ranAt = report.ranAt
        since = report.since
        until = report.until
        cin7Calls = report.cin7Calls
        warehouseCalls = report.warehouseCalls
        salesCompared = report.salesCompared
        unitsCompared = report.unitsCompared
        warehouseOrdersCompared = report.warehouseOrdersCompared
        findingCount = report.findings.count
        findings = report.findings
    }

    mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }

    var report: ReconciliationReport {
        ReconciliationReport(
            integrationID: integrationID,
            integrationName: integrationName,
            platform: platform,
            ranAt: ranAt,
            since: since,
            until: until,
            cin7Calls: cin7Calls,
            warehouseCalls: warehouseCalls,
            salesCompared: salesCompared,
            unitsCompared: unitsCompared,
            warehouseOrdersCompared: warehouseOrdersCompared,
            findings: findings
        )
    }
}
