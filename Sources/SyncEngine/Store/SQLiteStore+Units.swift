import Foundation
import GRDB

/// Another writer changed the unit since it was read; the caller re-reads and decides again.
public struct UnitConflict: Error, Sendable, Equatable {
    public var unitID: Int64
}

extension SQLiteStore {
    /// Inserts a new unit and its first timeline entries in one transaction.
    @discardableResult
    public func insertUnit(_ unit: ShipmentUnit, audit: [AuditEntry]) throws -> ShipmentUnit {
        try write { db in
            var unit = unit
            try unit.insert(db)
            for var entry in audit {
                entry.unitID = unit.id
                try entry.insert(db)
            }
            return unit
        }
    }

    /// Inserts many units in one transaction (a large store built at once, such as the benchmarks'); returns them
    /// with their ids.
    public func insertUnits(_ units: [ShipmentUnit]) throws -> [ShipmentUnit] {
        try write { db in
            try units.map { unit in
                var unit = unit
                try unit.insert(db)
                return unit
            }
        }
    }

    /// Saves what changed between `original` and `unit` and appends its timeline entries in one transaction, so a
    /// state change is never without its audit line (nor the reverse). Columns the change did not touch (those intake
    /// writes on its own, such as `cin7Change`) are left as they are. Throws `UnitConflict` when another writer moved
    /// the unit since `original` was read (times are compared to the millisecond SQLite keeps).
    public func saveUnit(_ unit: ShipmentUnit, from original: ShipmentUnit, audit: [AuditEntry]) throws {
        try write { db in
            guard let current = try ShipmentUnit.fetchOne(db, key: original.id),
                current.state == original.state, abs(current.updatedAt.timeIntervalSince(original.updatedAt)) < 0.002
            else { throw UnitConflict(unitID: original.id ?? 0) }
            try unit.updateChanges(db, from: original)
            for var entry in audit {
                entry.unitID = entry.unitID ?? unit.id
                try entry.insert(db)
            }
        }
    }

    /// Writes intake's own columns (the Cin7 version seen, and a change to handle) without touching the rest.
    public func recordCin7Version(unitID: Int64, saleUpdated: Date?, change: String?, audit: AuditEntry?) throws {
        try write { db in
            if let change {
                try db.execute(
                    sql: "UPDATE shipment_unit SET saleUpdated = ?, cin7Change = ? WHERE id = ?",
                    arguments: [saleUpdated, change, unitID]
                )
            } else {
                try db.execute(sql: "UPDATE shipment_unit SET saleUpdated = ? WHERE id = ?", arguments: [saleUpdated, unitID])
            }
            if var audit { try audit.insert(db) }
        }
    }

    /// Units with a Cin7 change waiting to be handled.
    public func unitsWithCin7Change(integrationID: Int64, limit: Int) throws -> [ShipmentUnit] {
        try read { db in
            let select = try db.cachedStatement(sql: "SELECT * FROM shipment_unit WHERE integrationID = ? AND cin7Change IS NOT NULL LIMIT ?")
            return try ShipmentUnit.fetchAll(select, arguments: [integrationID, limit])
        }
    }

    /// Units in `state` not updated since `before`, least recently updated first.
    public func quietUnits(integrationID: Int64, state: ShipmentState, before: Date, limit: Int) throws -> [ShipmentUnit] {
        try read { db in
            try ShipmentUnit.filter(Column("integrationID") == integrationID && Column("state") == state && Column("updatedAt") < before)
                .order(Column("updatedAt")).limit(limit).fetchAll(db)
        }
    }

    /// Marks a unit as looked at (its `updatedAt` only), so quiet-order reconciliation moves on to others.
    public func touch(unitID: Int64, at date: Date) throws {
        try write { db in try db.execute(sql: "UPDATE shipment_unit SET updatedAt = ? WHERE id = ?", arguments: [date, unitID]) }
    }

    /// Completed units whose tracking changed in the warehouse after it was written to Cin7.
    public func unitsWithTrackingChange(integrationID: Int64, limit: Int) throws -> [ShipmentUnit] {
        try read { db in
            let select = try db.cachedStatement(
                sql: "SELECT * FROM shipment_unit WHERE integrationID = ? AND state = ? AND trackingDirty = 1 LIMIT ?"
            )
            return try ShipmentUnit.fetchAll(select, arguments: [integrationID, ShipmentState.completed.rawValue, limit])
        }
    }

    public func unit(id: Int64) throws -> ShipmentUnit? {
        try read { db in try ShipmentUnit.fetchOne(db, key: id) }
    }

    /// Every unit of one sale (one, or one per fulfilment).
    public func units(integrationID: Int64, saleID: String) throws -> [ShipmentUnit] {
        try read { db in
            try ShipmentUnit.filter(Column("integrationID") == integrationID && Column("saleID") == saleID.lowercased())
                .order(Column("fulfilmentNumber")).fetchAll(db)
        }
    }

    /// The units of the given sales, keyed by sale id (one query for a whole page of a sale list).
    public func units(integrationID: Int64, saleIDs: [String]) throws -> [String: [ShipmentUnit]] {
        guard !saleIDs.isEmpty else { return [:] }
        return try read { db in
            // An idle poll sees a sale or two again (the overlap): kept prepared; a page of hundreds is not.
            let sql = "SELECT * FROM shipment_unit WHERE integrationID = ? AND saleID IN (\(Self.placeholders(saleIDs.count)))"
            let select = saleIDs.count <= 8 ? try db.cachedStatement(sql: sql) : try db.makeStatement(sql: sql)
            let arguments: [any DatabaseValueConvertible] = [integrationID] + saleIDs.map { $0.lowercased() }
            let rows = try ShipmentUnit.fetchAll(select, arguments: StatementArguments(arguments))
            return Dictionary(grouping: rows, by: \.saleID)
        }
    }

    /// Units with this order number (or reference), newest first; for CLI commands that name an order.
    public func units(orderNumber: String, integrationID: Int64?) throws -> [ShipmentUnit] {
        try read { db in
            var request = ShipmentUnit.filter(Column("orderNumber") == orderNumber || Column("reference") == orderNumber)
            if let integrationID { request = request.filter(Column("integrationID") == integrationID) }
            return try request.order(Column("id").desc).fetchAll(db)
        }
    }

    public func unit(integrationID: Int64, warehouseOrderID: String) throws -> ShipmentUnit? {
        try read { db in
            let select = try db.cachedStatement(sql: "SELECT * FROM shipment_unit WHERE integrationID = ? AND warehouseOrderID = ?")
            return try ShipmentUnit.fetchOne(select, arguments: [integrationID, warehouseOrderID])
        }
    }

    /// Units in `states` whose next attempt is due, oldest first. An attempt scheduled further ahead than
    /// `horizon` counts as due: the clock was set back after it was scheduled.
    public func dueUnits(
        integrationID: Int64,
        states: [ShipmentState],
        now: Date,
        limit: Int,
        horizon: TimeInterval
    ) throws -> [ShipmentUnit] {
        try read { db in
            let select = try db.cachedStatement(
                sql: """
                    SELECT * FROM shipment_unit WHERE integrationID = ? AND state IN (\(Self.placeholders(states.count)))
                    AND (nextAttemptAt IS NULL OR nextAttemptAt <= ? OR nextAttemptAt > ?) ORDER BY stateChangedAt, id LIMIT ?
                    """
            )
            let arguments: [any DatabaseValueConvertible] = [integrationID] + states.map(\.rawValue) + [now, now.addingTimeInterval(horizon), limit]
            return try ShipmentUnit.fetchAll(select, arguments: StatementArguments(arguments))
        }
    }

    /// The earliest `nextAttemptAt` among units in `states`, to know how long the engine may sleep.
    public func nextDueDate(integrationID: Int64, states: [ShipmentState]) throws -> Date? {
        try read { db in
            let select = try db.cachedStatement(
                sql: "SELECT MIN(nextAttemptAt) FROM shipment_unit WHERE integrationID = ? AND state IN (\(Self.placeholders(states.count)))"
            )
            let arguments: [any DatabaseValueConvertible] = [integrationID] + states.map(\.rawValue)
            return try Date.fetchOne(select, arguments: StatementArguments(arguments))
        }
    }

    /// Counts per state (kept by triggers, so this is cheap at any size).
    public func stateCounts(integrationID: Int64) throws -> [ShipmentState: Int] {
        try read { db in
            let select = try db.cachedStatement(sql: "SELECT state, count FROM queue_count WHERE integrationID = ?")
            let rows = try Row.fetchAll(select, arguments: [integrationID])
            var counts: [ShipmentState: Int] = [:]
            for row in rows {
                if let state = ShipmentState(rawValue: row["state"]) { counts[state] = row["count"] }
            }
            return counts
        }
    }

    /// One page of a queue, most recently changed first; `filter` matches order number, reference, customer,
    /// location or reason.
    public func queuePage(integrationID: Int64, queue: Queue, filter: String?, offset: Int, limit: Int) throws -> [ShipmentUnit] {
        try read { db in
            var request = ShipmentUnit.filter(Column("integrationID") == integrationID && queue.states.contains(Column("state")))
            if let filter = filter?.nilIfBlank {
                let pattern = "%\(filter)%"
                request = request.filter(
                    Column("orderNumber").like(pattern) || Column("reference").like(pattern) || Column("customerName").like(pattern)
                        || Column("cin7Location").like(pattern) || Column("reason").like(pattern) || Column("warehouse").like(pattern)
                )
            }
            return try request.order(Column("stateChangedAt").desc, Column("id").desc).limit(limit, offset: offset).fetchAll(db)
        }
    }

    /// Units across integrations in one state (for the CLI).
    public func units(state: ShipmentState?, integrationID: Int64?, limit: Int) throws -> [ShipmentUnit] {
        try read { db in
            var request = ShipmentUnit.all()
            if let state { request = request.filter(Column("state") == state) }
            if let integrationID { request = request.filter(Column("integrationID") == integrationID) }
            return try request.order(Column("stateChangedAt").desc).limit(limit).fetchAll(db)
        }
    }

    /// Units needing attention grouped by reason code, with a sample reason: for "retry all with this reason".
    public func attentionReasons(integrationID: Int64) throws -> [(code: ReasonCode, reason: String, count: Int)] {
        try read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT reasonCode, MAX(reason) AS reason, COUNT(*) AS n FROM shipment_unit
                    WHERE integrationID = ? AND state = 'needs_attention' GROUP BY reasonCode ORDER BY n DESC
                    """,
                arguments: [integrationID]
            ).map { row in
                (code: ReasonCode(rawValue: row["reasonCode"] ?? ""), reason: row["reason"] ?? "", count: row["n"])
            }
        }
    }

    /// The `retrying` unit that has failed most often in a row (for "keeps failing" health checks: a retrying unit
    /// changes state at every attempt, so its state age never shows how long it has been failing).
    public func mostRetried(integrationID: Int64) throws -> ShipmentUnit? {
        try read { db in
            try ShipmentUnit
                .filter(Column("integrationID") == integrationID && Column("state") == ShipmentState.retrying)
                .order(Column("attempts").desc)
                .fetchOne(db)
        }
    }

    /// The oldest state change among units in `states` (for "stuck" health checks).
    public func oldestStateChange(integrationID: Int64, states: [ShipmentState]) throws -> Date? {
        try read { db in
            try Date.fetchOne(
                db,
                ShipmentUnit
                    .filter(Column("integrationID") == integrationID && states.contains(Column("state")))
                    .select(min(Column("stateChangedAt")))
            )
        }
    }

    /// `?, ?, ?` for an `IN` list of `count` values (a statement cached per list length).
    static func placeholders(_ count: Int) -> String {
        Array(repeating: "?", count: count).joined(separator: ", ")
    }
}
