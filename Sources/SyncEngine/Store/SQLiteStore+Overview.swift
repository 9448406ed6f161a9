import Foundation
import GRDB

extension SQLiteStore {
    /// Six statements in one read snapshot, whatever the number of integrations.
    public func integrationOverviews(flowingStates: [ShipmentState]) throws -> [IntegrationOverview] {
        try read { db in
            let records = try IntegrationRecord.order(Column("name")).fetchAll(db)
            var counts: [Int64: [ShipmentState: Int]] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT integrationID, state, count FROM queue_count") {
                if let state = ShipmentState(rawValue: row["state"]) { counts[row["integrationID"], default: [:]][state] = row["count"] }
            }
            var statuses: [Int64: IntegrationStatus] = [:]
            for row in try EngineStatusRow.fetchAll(db) {
                statuses[row.integrationID] = try? JSONDecoder.bridge.decode(IntegrationStatus.self, from: Data(row.status.utf8))
            }
            let leases = Dictionary(try Lease.fetchAll(db).map { ($0.integrationID, $0) }, uniquingKeysWith: { first, _ in first })
            var reasons: [Int64: [IntegrationOverview.AttentionReason]] = [:]
            let reasonRows = try Row.fetchAll(
                db,
                sql: """
                    SELECT integrationID, reasonCode, MAX(reason) AS reason, COUNT(*) AS n FROM shipment_unit
                    WHERE state = 'needs_attention' GROUP BY integrationID, reasonCode
                    """
            )
            for row in reasonRows {
                let reason = IntegrationOverview.AttentionReason(
                    code: ReasonCode(rawValue: row["reasonCode"] ?? ""),
                    reason: row["reason"] ?? "",
                    count: row["n"]
                )
                reasons[row["integrationID"], default: []].append(reason)
            }
            var oldest: [Int64: Date] = [:]
            if !flowingStates.isEmpty {
                let marks = Array(repeating: "?", count: flowingStates.count).joined(separator: ", ")
                let rows = try Row.fetchAll(
                    db,
                    sql: """
                        SELECT integrationID, MIN(stateChangedAt) AS oldest FROM shipment_unit
                        WHERE state IN (\(marks)) GROUP BY integrationID
                        """,
                    arguments: StatementArguments(flowingStates.map(\.rawValue))
                )
                for row in rows {
                    if let date: Date = row["oldest"] { oldest[row["integrationID"]] = date }
                }
            }
            var retried: [Int64: IntegrationOverview.RetriedOrder] = [:]
            let retriedRows = try Row.fetchAll(
                db,
                sql: """
                    SELECT integrationID, orderNumber, attempts, lastError FROM (
                        SELECT integrationID, orderNumber, attempts, lastError,
                            ROW_NUMBER() OVER (PARTITION BY integrationID ORDER BY attempts DESC, id) AS rank
                        FROM shipment_unit WHERE state = 'retrying'
                    ) WHERE rank = 1
                    """
            )
            for row in retriedRows {
                retried[row["integrationID"]] = .init(orderNumber: row["orderNumber"], attempts: row["attempts"], lastError: row["lastError"])
            }
            return records.map { record in
                let id = record.id ?? -1
                return IntegrationOverview(
                    record: record,
                    counts: counts[id] ?? [:],
                    status: statuses[id],
                    lease: leases[id],
                    attentionReasons: IntegrationOverview.sortedReasons(reasons[id] ?? []),
                    oldestStateChange: oldest[id],
                    mostRetried: retried[id]
                )
            }
        }
    }
}
