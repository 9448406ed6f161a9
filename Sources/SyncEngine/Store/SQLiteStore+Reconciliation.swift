import Foundation
import GRDB

extension SQLiteStore {
    /// Keeps a reconciliation's report (runs are only ever added).
    public func saveReconciliation(_ report: ReconciliationReport) throws {
        try write { db in
            var run = ReconciliationRun(report)
            try run.insert(db)
        }
    }

    /// The integration's latest reconciliation, if it has had one.
    public func lastReconciliation(integrationID: Int64) throws -> ReconciliationReport? {
        try read { db in
            try ReconciliationRun.filter(Column("integrationID") == integrationID).order(Column("ranAt").desc, Column("id").desc).fetchOne(db)?.report
        }
    }

    /// The units a reconciliation compares: created or changed since `since`, or not settled (they may be stuck).
    public func reconciliationUnits(integrationID: Int64, since: Date) throws -> [ShipmentUnit] {
        let settled = ShipmentState.allCases.filter(\.isSettled)
        return try read { db in
            try ShipmentUnit
                .filter(Column("integrationID") == integrationID)
                .filter(Column("createdAt") >= since || Column("updatedAt") >= since || !settled.contains(Column("state")))
                .order(Column("id"))
                .fetchAll(db)
        }
    }
}
