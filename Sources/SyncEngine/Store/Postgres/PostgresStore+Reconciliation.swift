import Foundation
import PostgresNIO

extension PostgresStore {
    public func saveReconciliation(_ report: ReconciliationReport) throws {
        try write { connection in _ = try await connection.insert(ReconciliationRun(report), into: ReconciliationRun.databaseTableName) }
    }

    public func lastReconciliation(integrationID: Int64) throws -> ReconciliationReport? {
        try read { connection in
            try await connection.records(
                ReconciliationRun.self,
                #"SELECT row_to_json(r)::text FROM reconciliation_run r WHERE "integrationID" = $1 ORDER BY "ranAt" DESC, "id" DESC LIMIT 1"#,
                [integrationID]
            )
        }.first?.report
    }

    public func reconciliationUnits(integrationID: Int64, since: Date) throws -> [ShipmentUnit] {
        let settled = ShipmentState.allCases.filter(\.isSettled).map(\.rawValue)
        return try read { connection in
            try await connection.records(
                ShipmentUnit.self,
                #"""
                SELECT row_to_json(u)::text FROM shipment_unit u
                WHERE "integrationID" = $1 AND ("createdAt" >= $2 OR "updatedAt" >= $2 OR NOT ("state" = ANY($3)))
                ORDER BY "id"
                """#,
                [integrationID, since, settled]
            )
        }
    }
}
