import Foundation
import GRDB

extension SQLiteStore {
    /// Named, append-only migrations: never edit one that has shipped; add the next.
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()

        migrator.registerMigration("v1: integrations, units, audit, commands, leases, budgets") { db in
            try db.create(table: "integration") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("name", .text).notNull().unique(onConflict: .abort)
                t.column("enabled", .boolean).notNull().defaults(to: true)
                t.column("config", .text).notNull()
                t.column("createdAt", .datetime).notNull()
                t.column("updatedAt", .datetime).notNull()
            }
            try db.create(table: "config_change") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("integrationID", .integer).notNull().indexed()
                t.column("at", .datetime).notNull()
                t.column("actor", .text).notNull()
                t.column("summary", .text).notNull()
            }
            try db.create(table: "shipment_unit") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("integrationID", .integer).notNull().references("integration", onDelete: .cascade)
                t.column("saleID", .text).notNull()
                t.column("fulfilmentNumber", .integer).notNull()
                t.column("taskID", .text)
                t.column("orderNumber", .text).notNull()
                t.column("reference", .text).notNull()
                t.column("customerName", .text).notNull()
                t.column("cin7Location", .text).notNull()
                t.column("warehouse", .text)
                t.column("warehouseOrderID", .text)
                t.column("warehouseStatus", .text)
                t.column("state", .text).notNull()
                t.column("reason", .text)
                t.column("reasonCode", .text)
                t.column("attempts", .integer).notNull()
                t.column("nextAttemptAt", .datetime)
                t.column("lastError", .text)
                t.column("resumeState", .text)
                t.column("saleUpdated", .datetime)
                t.column("saleFingerprint", .text)
                t.column("orderJSON", .text)
                t.column("shipmentJSON", .text)
                t.column("trackingSent", .text)
                t.column("writebackDone", .integer).notNull()
                t.column("writebackUncertain", .boolean).notNull()
                t.column("createUncertain", .boolean).notNull()
                t.column("trackingDirty", .boolean).notNull()
                t.column("cin7Change", .text)
                t.column("rejectedCount", .integer).notNull()
                t.column("createdAt", .datetime).notNull()
                t.column("updatedAt", .datetime).notNull()
                t.column("stateChangedAt", .datetime).notNull()
                t.uniqueKey(["integrationID", "saleID", "fulfilmentNumber"])
            }
            try db.create(index: "shipment_unit_queue", on: "shipment_unit", columns: ["integrationID", "state", "stateChangedAt"])
            try db.create(index: "shipment_unit_order", on: "shipment_unit", columns: ["integrationID", "orderNumber"])
            try db.create(index: "shipment_unit_due", on: "shipment_unit", columns: ["state", "nextAttemptAt"])
            try db.create(index: "shipment_unit_warehouse_order", on: "shipment_unit", columns: ["integrationID", "warehouseOrderID"])

            // Queue counts kept by triggers, so the dashboard reads them in O(1) at any size.
            try db.create(table: "queue_count") { t in
                t.column("integrationID", .integer).notNull()
                t.column("state", .text).notNull()
                t.column("count", .integer).notNull()
                t.primaryKey(["integrationID", "state"])
            }
            try db.execute(
                sql: """
                    CREATE TRIGGER shipment_unit_count_insert AFTER INSERT ON shipment_unit BEGIN
                        INSERT INTO queue_count(integrationID, state, count) VALUES (NEW.integrationID, NEW.state, 1)
                        ON CONFLICT(integrationID, state) DO UPDATE SET count = count + 1;
                    END;
                    CREATE TRIGGER shipment_unit_count_update AFTER UPDATE OF state ON shipment_unit
                    WHEN OLD.state <> NEW.state BEGIN
                        UPDATE queue_count SET count = count - 1 WHERE integrationID = OLD.integrationID AND state = OLD.state;
                        INSERT INTO queue_count(integrationID, state, count) VALUES (NEW.integrationID, NEW.state, 1)
                        ON CONFLICT(integrationID, state) DO UPDATE SET count = count + 1;
                    END;
                    CREATE TRIGGER shipment_unit_count_delete AFTER DELETE ON shipment_unit BEGIN
                        UPDATE queue_count SET count = count - 1 WHERE integrationID = OLD.integrationID AND state = OLD.state;
                    END;
                    """
            )

            try db.create(table: "audit") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("integrationID", .integer).notNull()
                t.column("unitID", .integer)
                t.column("at", .datetime).notNull()
                t.column("kind", .text).notNull()
                t.column("message", .text).notNull()
                t.column("method", .text)
                t.column("path", .text)
                t.column("status", .integer)
                t.column("duration", .double)
                t.column("actor", .text)
            }
            try db.create(index: "audit_unit", on: "audit", columns: ["unitID", "id"])
            try db.create(index: "audit_integration", on: "audit", columns: ["integrationID", "id"])

            try db.create(table: "command") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("integrationID", .integer).notNull()
                t.column("unitID", .integer)
                t.column("kind", .text).notNull()
                t.column("argument", .text)
                t.column("actor", .text).notNull()
                t.column("createdAt", .datetime).notNull()
                t.column("doneAt", .datetime)
                t.column("result", .text)
            }
            try db.create(index: "command_pending", on: "command", columns: ["integrationID", "doneAt"])

            try db.create(table: "lease") { t in
                t.primaryKey("integrationID", .integer)
                t.column("holder", .text).notNull()
                t.column("host", .text).notNull()
                t.column("pid", .integer).notNull()
                t.column("heartbeatAt", .datetime).notNull()
            }
            try db.create(table: "rate_budget") { t in
                t.primaryKey("key", .text)
                t.column("state", .text).notNull()
            }
            try db.create(table: "watermark") { t in
                t.column("integrationID", .integer).notNull()
                t.column("name", .text).notNull()
                t.column("value", .datetime).notNull()
                t.primaryKey(["integrationID", "name"])
            }
            try db.create(table: "engine_status") { t in
                t.primaryKey("integrationID", .integer)
                t.column("status", .text).notNull()
            }
        }
        migrator.registerMigration("v2: command outcome") { db in
            try db.alter(table: "command") { t in
                t.add(column: "outcome", .text)
            }
        }
        // The order and shipment were JSON text read back by hand; they are now Codable columns holding the same
        // text under their property names, and the comma-joined task ids become a JSON array.
        migrator.registerMigration("v3: order, shipment and task ids as JSON columns") { db in
            try db.alter(table: "shipment_unit") { t in
                t.rename(column: "orderJSON", to: "orderRequest")
                t.rename(column: "shipmentJSON", to: "shipment")
                t.add(column: "taskIDs", .text).notNull().defaults(to: "[]")
            }
            let rows = try Row.fetchAll(db, sql: "SELECT id, taskID FROM shipment_unit WHERE taskID IS NOT NULL AND taskID != ''")
            for row in rows {
                let text: String = row["taskID"]
                let ids = text.split(separator: ",").map(String.init)
                let json = String(decoding: try JSONEncoder.bridge.encode(ids), as: UTF8.self)
                try db.execute(sql: "UPDATE shipment_unit SET taskIDs = ? WHERE id = ?", arguments: [json, row["id"] as Int64])
            }
            try db.alter(table: "shipment_unit") { t in
                t.drop(column: "taskID")
            }
        }
        migrator.registerMigration("v4: reconciliation runs") { db in
            try db.create(table: ReconciliationRun.databaseTableName) { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("integrationID", .integer).notNull().references("integration", onDelete: .cascade)
                t.column("integrationName", .text).notNull()
                t.column("platform", .text).notNull()
                t.column("ranAt", .datetime).notNull()
                t.column("since", .datetime).notNull()
                t.column("until", .datetime).notNull()
                t.column("cin7Calls", .integer).notNull()
                t.column("warehouseCalls", .integer).notNull()
                t.column("salesCompared", .integer).notNull()
                t.column("unitsCompared", .integer).notNull()
                t.column("warehouseOrdersCompared", .integer).notNull()
                t.column("findingCount", .integer).notNull()
                t.column("findings", .text).notNull()
            }
            try db.create(index: "reconciliation_run_by_integration", on: ReconciliationRun.databaseTableName, columns: ["integrationID", "ranAt"])
        }
        migrator.registerMigration("v5: lease generations and engine hosts") { db in
            try db.alter(table: "lease") { t in
                t.add(column: "generation", .integer).notNull().defaults(to: 1)
            }
            try db.create(table: EngineHostRecord.databaseTableName) { t in
                t.primaryKey("id", .text)
                t.column("host", .text).notNull()
                t.column("pid", .integer).notNull()
                t.column("startedAt", .datetime).notNull()
                t.column("heartbeatAt", .datetime).notNull()
            }
        }
        return migrator
    }
}
