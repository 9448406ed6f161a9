import Foundation
import PostgresNIO

extension PostgresStore {
    /// `SELECT` of whole units; append `WHERE …`.
    static let selectUnits = "SELECT row_to_json(u)::text FROM shipment_unit u"

    private func units(_ tail: String, _ values: [PostgresValue]) throws -> [ShipmentUnit] {
        try read { try await $0.records(ShipmentUnit.self, "\(Self.selectUnits) \(tail)", values) }
    }

    @discardableResult
    public func insertUnit(_ unit: ShipmentUnit, audit: [AuditEntry]) throws -> ShipmentUnit {
        try write { connection in
            var unit = unit
            unit.id = try await connection.insert(unit, into: "shipment_unit")
            for var entry in audit {
                entry.unitID = unit.id
                try await connection.insert(entry, into: "audit")
            }
            return unit
        }
    }

    public func insertUnits(_ units: [ShipmentUnit]) throws -> [ShipmentUnit] {
        try write { connection in
            var inserted: [ShipmentUnit] = []
            for var unit in units {
                unit.id = try await connection.insert(unit, into: "shipment_unit")
                inserted.append(unit)
            }
            return inserted
        }
    }

    public func saveUnit(_ unit: ShipmentUnit, from original: ShipmentUnit, audit: [AuditEntry]) throws {
        let columns = try PostgresRowCoding.changedColumns(unit, from: original).filter { $0 != "id" }
        try write { connection in
            let id = original.id ?? 0
            guard
                let current = try await connection.records(ShipmentUnit.self, "\(Self.selectUnits) WHERE \"id\" = $1 FOR UPDATE", [id]).first,
                current.state == original.state, abs(current.updatedAt.timeIntervalSince(original.updatedAt)) < 0.002
            else { throw UnitConflict(unitID: id) }
            try await connection.update(unit, columns: columns, in: "shipment_unit", id: id)
            for var entry in audit {
                entry.unitID = entry.unitID ?? unit.id
                try await connection.insert(entry, into: "audit")
            }
        }
    }

    public func recordCin7Version(unitID: Int64, saleUpdated: Date?, change: String?, audit: AuditEntry?) throws {
        try write { connection in
            if let change {
                try await connection.run(
                    #"UPDATE shipment_unit SET "saleUpdated" = $1, "cin7Change" = $2 WHERE "id" = $3"#,
                    [saleUpdated, change, unitID]
                )
            } else {
                try await connection.run(#"UPDATE shipment_unit SET "saleUpdated" = $1 WHERE "id" = $2"#, [saleUpdated, unitID])
            }
            if let audit { try await connection.insert(audit, into: "audit") }
        }
    }

    public func unitsWithCin7Change(integrationID: Int64, limit: Int) throws -> [ShipmentUnit] {
        try units(#"WHERE "integrationID" = $1 AND "cin7Change" IS NOT NULL ORDER BY "id" LIMIT $2"#, [integrationID, limit])
    }

    public func quietUnits(integrationID: Int64, state: ShipmentState, before: Date, limit: Int) throws -> [ShipmentUnit] {
        try units(
            #"WHERE "integrationID" = $1 AND "state" = $2 AND "updatedAt" < $3 ORDER BY "updatedAt" LIMIT $4"#,
            [integrationID, state.rawValue, before, limit]
        )
    }

    public func touch(unitID: Int64, at date: Date) throws {
        try write { try await $0.run(#"UPDATE shipment_unit SET "updatedAt" = $1 WHERE "id" = $2"#, [date, unitID]) }
    }

    public func unitsWithTrackingChange(integrationID: Int64, limit: Int) throws -> [ShipmentUnit] {
        try units(
            #"WHERE "integrationID" = $1 AND "state" = $2 AND "trackingDirty" ORDER BY "id" LIMIT $3"#,
            [integrationID, ShipmentState.completed.rawValue, limit]
        )
    }

    public func unit(id: Int64) throws -> ShipmentUnit? {
        try units(#"WHERE "id" = $1"#, [id]).first
    }

    public func units(integrationID: Int64, saleID: String) throws -> [ShipmentUnit] {
        try units(#"WHERE "integrationID" = $1 AND "saleID" = $2 ORDER BY "fulfilmentNumber""#, [integrationID, saleID.lowercased()])
    }

    public func units(integrationID: Int64, saleIDs: [String]) throws -> [String: [ShipmentUnit]] {
        guard !saleIDs.isEmpty else { return [:] }
        let rows = try units(#"WHERE "integrationID" = $1 AND "saleID" = ANY($2) ORDER BY "id""#, [integrationID, saleIDs.map { $0.lowercased() }])
        return Dictionary(grouping: rows, by: \.saleID)
    }

    public func units(orderNumber: String, integrationID: Int64?) throws -> [ShipmentUnit] {
        try units(
            #"WHERE ("orderNumber" = $1 OR "reference" = $1) AND ($2::bigint IS NULL OR "integrationID" = $2) ORDER BY "id" DESC"#,
            [orderNumber, integrationID]
        )
    }

    public func unit(integrationID: Int64, warehouseOrderID: String) throws -> ShipmentUnit? {
        try units(#"WHERE "integrationID" = $1 AND "warehouseOrderID" = $2 ORDER BY "id" LIMIT 1"#, [integrationID, warehouseOrderID]).first
    }

    public func dueUnits(integrationID: Int64, states: [ShipmentState], now: Date, limit: Int, horizon: TimeInterval) throws -> [ShipmentUnit] {
        try units(
            """
            WHERE "integrationID" = $1 AND "state" = ANY($2)
            AND ("nextAttemptAt" IS NULL OR "nextAttemptAt" <= $3 OR "nextAttemptAt" > $4)
            ORDER BY "stateChangedAt", "id" LIMIT $5
            """,
            [integrationID, states.map(\.rawValue), now, now.addingTimeInterval(horizon), limit]
        )
    }

    public func nextDueDate(integrationID: Int64, states: [ShipmentState]) throws -> Date? {
        try read { connection in
            try await connection.column(
                Date?.self,
                #"SELECT min("nextAttemptAt") FROM shipment_unit WHERE "integrationID" = $1 AND "state" = ANY($2)"#,
                [integrationID, states.map(\.rawValue)]
            ).first ?? nil
        }
    }

    public func stateCounts(integrationID: Int64) throws -> [ShipmentState: Int] {
        let rows = try read { connection in
            try await connection.column(
                String.self,
                #"SELECT "state" || ' ' || "count" FROM queue_count WHERE "integrationID" = $1"#,
                [integrationID]
            )
        }
        var counts: [ShipmentState: Int] = [:]
        for row in rows {
            let parts = row.split(separator: " ")
            if parts.count == 2, let state = ShipmentState(rawValue: String(parts[0])), let count = Int(parts[1]) { counts[state] = count }
        }
        return counts
    }

    public func queuePage(integrationID: Int64, queue: Queue, filter: String?, offset: Int, limit: Int) throws -> [ShipmentUnit] {
        var tail = #"WHERE "integrationID" = $1 AND "state" = ANY($2)"#
        var values: [PostgresValue] = [integrationID, queue.states.map(\.rawValue)]
        if let filter = filter?.nilIfBlank {
            // SQLite's LIKE ignores ASCII case; ILIKE does the same here.
            tail += """
                 AND ("orderNumber" ILIKE $3 OR "reference" ILIKE $3 OR "customerName" ILIKE $3
                 OR "cin7Location" ILIKE $3 OR "reason" ILIKE $3 OR "warehouse" ILIKE $3)
                """
            values.append("%\(filter)%")
        }
        tail += #" ORDER BY "stateChangedAt" DESC, "id" DESC LIMIT \#(limit) OFFSET \#(offset)"#
        return try units(tail, values)
    }

    public func units(state: ShipmentState?, integrationID: Int64?, limit: Int) throws -> [ShipmentUnit] {
        try units(
            #"WHERE ($1::text IS NULL OR "state" = $1) AND ($2::bigint IS NULL OR "integrationID" = $2) ORDER BY "stateChangedAt" DESC LIMIT $3"#,
            [state?.rawValue, integrationID, limit]
        )
    }

    public func attentionReasons(integrationID: Int64) throws -> [(code: ReasonCode, reason: String, count: Int)] {
        let rows = try read { connection in
            try await connection.column(
                String.self,
                """
                SELECT json_build_array(coalesce("reasonCode", ''), coalesce(max("reason"), ''), count(*))::text FROM shipment_unit
                WHERE "integrationID" = $1 AND "state" = 'needs_attention' GROUP BY "reasonCode" ORDER BY count(*) DESC
                """,
                [integrationID]
            )
        }
        return rows.compactMap { text in
            guard let row = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [Any], row.count == 3,
                let code = row[0] as? String, let reason = row[1] as? String, let count = (row[2] as? NSNumber)?.intValue
            else { return nil }
            return (code: ReasonCode(rawValue: code), reason: reason, count: count)
        }
    }

    public func mostRetried(integrationID: Int64) throws -> ShipmentUnit? {
        try units(
            #"WHERE "integrationID" = $1 AND "state" = $2 ORDER BY "attempts" DESC, "id" LIMIT 1"#,
            [integrationID, ShipmentState.retrying.rawValue]
        ).first
    }

    public func oldestStateChange(integrationID: Int64, states: [ShipmentState]) throws -> Date? {
        try read { connection in
            try await connection.column(
                Date?.self,
                #"SELECT min("stateChangedAt") FROM shipment_unit WHERE "integrationID" = $1 AND "state" = ANY($2)"#,
                [integrationID, states.map(\.rawValue)]
            ).first ?? nil
        }
    }

    public func completedUnits(integrationID: Int64, completedAfter: Date, limit: Int) throws -> [ShipmentUnit] {
        try units(
            #"WHERE "integrationID" = $1 AND "state" = $2 AND "stateChangedAt" >= $3 ORDER BY "updatedAt" LIMIT $4"#,
            [integrationID, ShipmentState.completed.rawValue, completedAfter, limit]
        )
    }
}
