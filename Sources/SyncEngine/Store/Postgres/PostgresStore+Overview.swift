import Foundation
import PostgresNIO

extension PostgresStore {
    private struct CountRow: Decodable {
        var integrationID: Int64
        var state: String
        var count: Int
    }

    private struct ReasonRow: Decodable {
        var integrationID: Int64
        var reasonCode: String?
        var reason: String?
        var n: Int
    }

    private struct OldestRow: Decodable {
        var integrationID: Int64
        var oldest: Date
    }

    private struct RetriedRow: Decodable {
        var integrationID: Int64
        var orderNumber: String
        var attempts: Int
        var lastError: String?
    }

    private struct Loaded: Sendable {
        var records: [IntegrationRecord]
        var counts: [Int64: [ShipmentState: Int]]
        var statuses: [Int64: String]
        var leases: [Int64: Lease]
        var reasons: [Int64: [IntegrationOverview.AttentionReason]]
        var oldest: [Int64: Date]
        var retried: [Int64: IntegrationOverview.RetriedOrder]
    }

    /// Six queries on one connection, whatever the number of integrations.
    public func integrationOverviews(flowingStates: [ShipmentState]) throws -> [IntegrationOverview] {
        let states = flowingStates.map(\.rawValue)
        let loaded = try read { connection in
            let records = try await connection.records(IntegrationRecord.self, "\(Self.selectIntegrations) ORDER BY \"name\"")
            var counts: [Int64: [ShipmentState: Int]] = [:]
            let countRows = try await connection.records(
                CountRow.self,
                #"SELECT row_to_json(c)::text FROM (SELECT "integrationID", "state", "count" FROM queue_count) c"#
            )
            for row in countRows {
                if let state = ShipmentState(rawValue: row.state) { counts[row.integrationID, default: [:]][state] = row.count }
            }
            var statuses: [Int64: String] = [:]
            let statusRows = try await connection.records(
                EngineStatusRow.self,
                #"SELECT row_to_json(s)::text FROM (SELECT "integrationID", "status" FROM engine_status) s"#
            )
            for row in statusRows { statuses[row.integrationID] = row.status }
            var leases: [Int64: Lease] = [:]
            for lease in try await connection.records(Lease.self, "SELECT row_to_json(l)::text FROM lease l") { leases[lease.integrationID] = lease }
            var reasons: [Int64: [IntegrationOverview.AttentionReason]] = [:]
            let reasonRows = try await connection.records(
                ReasonRow.self,
                """
                SELECT row_to_json(r)::text FROM (
                    SELECT "integrationID", "reasonCode", max("reason") AS "reason", count(*) AS "n" FROM shipment_unit
                    WHERE "state" = 'needs_attention' GROUP BY "integrationID", "reasonCode"
                ) r
                """
            )
            for row in reasonRows {
                reasons[row.integrationID, default: []].append(
                    .init(code: ReasonCode(rawValue: row.reasonCode ?? ""), reason: row.reason ?? "", count: row.n)
                )
            }
            var oldest: [Int64: Date] = [:]
            let oldestRows = try await connection.records(
                OldestRow.self,
                """
                SELECT row_to_json(o)::text FROM (
                    SELECT "integrationID", min("stateChangedAt") AS "oldest" FROM shipment_unit
                    WHERE "state" = ANY($1) GROUP BY "integrationID"
                ) o
                """,
                [states]
            )
            for row in oldestRows { oldest[row.integrationID] = row.oldest }
            var retried: [Int64: IntegrationOverview.RetriedOrder] = [:]
            let retriedRows = try await connection.records(
                RetriedRow.self,
                """
                SELECT row_to_json(t)::text FROM (
                    SELECT DISTINCT ON ("integrationID") "integrationID", "orderNumber", "attempts", "lastError" FROM shipment_unit
                    WHERE "state" = 'retrying' ORDER BY "integrationID", "attempts" DESC, "id"
                ) t
                """
            )
            for row in retriedRows {
                retried[row.integrationID] = .init(orderNumber: row.orderNumber, attempts: row.attempts, lastError: row.lastError)
            }
            return Loaded(records: records, counts: counts, statuses: statuses, leases: leases, reasons: reasons, oldest: oldest, retried: retried)
        }
        return loaded.records.map { record in
            let id = record.id ?? -1
            return IntegrationOverview(
                record: record,
                counts: loaded.counts[id] ?? [:],
                status: loaded.statuses[id].flatMap { try? JSONDecoder.bridge.decode(IntegrationStatus.self, from: Data($0.utf8)) },
                lease: loaded.leases[id],
                attentionReasons: IntegrationOverview.sortedReasons(loaded.reasons[id] ?? []),
                oldestStateChange: loaded.oldest[id],
                mostRetried: loaded.retried[id]
            )
        }
    }
}
