import Foundation
import GRDB

extension SQLiteStore {
    public func integrations() throws -> [IntegrationRecord] {
        try read { db in try IntegrationRecord.order(Column("name")).fetchAll(db) }
    }

    public func integration(id: Int64) throws -> IntegrationRecord? {
        try read { db in try IntegrationRecord.fetchOne(db, key: id) }
    }

    public func integration(named name: String) throws -> IntegrationRecord? {
        try read { db in try IntegrationRecord.filter(Column("name") == name).fetchOne(db) }
    }

    /// Creates or updates the integration named `config.name` (or with `id`), recording who changed what.
    @discardableResult
    public func storeIntegration(_ config: IntegrationConfig, id: Int64?, actor: String, now: Date) throws -> Int64 {
        let json = String(decoding: try JSONEncoder.bridge.encode(config), as: UTF8.self)
        return try write { db in
            let existing: IntegrationRecord? =
                if let id { try IntegrationRecord.fetchOne(db, key: id) } else {
                    try IntegrationRecord.filter(Column("name") == config.name).fetchOne(db)
                }
            if var record = existing {
                let before = try record.decodedConfig()
                let summary = ConfigDiff.summary(from: before, to: config)
                record.name = config.name
                record.enabled = config.enabled
                record.config = json
                record.updatedAt = now
                try record.update(db)
                if !summary.isEmpty {
                    var change = ConfigChange(integrationID: record.id!, at: now, actor: actor, summary: summary)
                    try change.insert(db)
                }
                return record.id!
            }
            var record = IntegrationRecord(name: config.name, enabled: config.enabled, config: json, createdAt: now, updatedAt: now)
            try record.insert(db)
            var change = ConfigChange(integrationID: record.id!, at: now, actor: actor, summary: "created")
            try change.insert(db)
            return record.id!
        }
    }

    /// Deletes an integration with its units, audit, commands and lease.
    public func deleteIntegration(id: Int64, actor: String) throws {
        try write { db in
            for table in ["shipment_unit", "audit", "command", "lease", "watermark", "engine_status", "queue_count", "config_change"] {
                try db.execute(sql: "DELETE FROM \(table) WHERE integrationID = ?", arguments: [id])
            }
            _ = try IntegrationRecord.deleteOne(db, key: id)
        }
    }

    public func configChanges(integrationID: Int64, limit: Int) throws -> [ConfigChange] {
        try read { db in
            try ConfigChange.filter(Column("integrationID") == integrationID).order(Column("id").desc).limit(limit).fetchAll(db)
        }
    }

    public func watermark(integrationID: Int64, name: String) throws -> Date? {
        try read { db in
            try WatermarkRow.filter(Column("integrationID") == integrationID && Column("name") == name).fetchOne(db)?.value
        }
    }

    public func setWatermark(integrationID: Int64, name: String, value: Date) throws {
        try write { db in try WatermarkRow(integrationID: integrationID, name: name, value: value).save(db) }
    }
}

/// Says in words what changed between two configurations; secrets are named, never shown.
enum ConfigDiff {
    static func summary(from a: IntegrationConfig, to b: IntegrationConfig) -> String {
        var parts: [String] = []
        func note(_ name: String, _ changed: Bool) { if changed { parts.append(name) } }
        note("name", a.name != b.name)
        note(b.enabled ? "resumed" : "paused", a.enabled != b.enabled)
        note("Cin7 account ID", a.cin7.accountID != b.cin7.accountID)
        note("Cin7 application key", a.cin7.applicationKey != b.cin7.applicationKey)
        note("Cin7 base URL", a.cin7.baseURL != b.cin7.baseURL)
        note("warehouse platform", a.warehouse.kind != b.warehouse.kind)
        note("warehouse base URL", a.warehouse.baseURL != b.warehouse.baseURL)
        note("warehouse tenant", a.warehouse.tenantID != b.warehouse.tenantID)
        note("warehouse client ID", a.warehouse.clientID != b.warehouse.clientID)
        note("warehouse client secret", a.warehouse.clientSecret != b.warehouse.clientSecret)
        note("warehouse customer", a.warehouse.customerID != b.warehouse.customerID)
        note("warehouse API key", a.warehouse.apiKey != b.warehouse.apiKey)
        note("warehouse API secret", a.warehouse.apiSecret != b.warehouse.apiSecret)
        note("warehouse store", a.warehouse.storeID != b.warehouse.storeID)
        note("default warehouse", a.orderCreation.defaultWarehouse != b.orderCreation.defaultWarehouse)
        note("location mapping", a.orderCreation.locationMappings != b.orderCreation.locationMappings)
        note("statuses to import", a.orderCreation.statusesToImport != b.orderCreation.statusesToImport)
        note("go-live", a.orderCreation.goLive != b.orderCreation.goLive)
        note("one order per fulfilment", a.orderCreation.oneOrderPerFulfilment != b.orderCreation.oneOrderPerFulfilment)
        note("delivery instructions", a.orderCreation.deliveryInstructions != b.orderCreation.deliveryInstructions)
        note("contact as company", a.orderCreation.contactAsCompany != b.orderCreation.contactAsCompany)
        note("reference prefix", a.orderCreation.referencePrefix != b.orderCreation.referencePrefix)
        note("fulfilment options", a.fulfilment != b.fulfilment)
        note("limits", a.limits != b.limits)
        return parts.isEmpty ? "" : "changed " + parts.joined(separator: ", ")
    }
}
