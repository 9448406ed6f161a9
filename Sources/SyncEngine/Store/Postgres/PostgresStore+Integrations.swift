import Foundation
import PostgresNIO

extension PostgresStore {
    static let selectIntegrations = "SELECT row_to_json(i)::text FROM integration i"

    public func integrations() throws -> [IntegrationRecord] {
        try read { try await $0.records(IntegrationRecord.self, "\(Self.selectIntegrations) ORDER BY \"name\"") }
    }

    public func integration(id: Int64) throws -> IntegrationRecord? {
        try read { try await $0.records(IntegrationRecord.self, "\(Self.selectIntegrations) WHERE \"id\" = $1", [id]).first }
    }

    public func integration(named name: String) throws -> IntegrationRecord? {
        try read { try await $0.records(IntegrationRecord.self, "\(Self.selectIntegrations) WHERE \"name\" = $1", [name]).first }
    }

    @discardableResult
    public func storeIntegration(_ config: IntegrationConfig, id: Int64?, actor: String, now: Date) throws -> Int64 {
        let json = String(decoding: try JSONEncoder.bridge.encode(config), as: UTF8.self)
        return try write { connection in
            let existing =
                if let id {
                    try await connection.records(IntegrationRecord.self, "\(Self.selectIntegrations) WHERE \"id\" = $1 FOR UPDATE", [id]).first
                } else {
                    try await connection.records(IntegrationRecord.self, "\(Self.selectIntegrations) WHERE \"name\" = $1 FOR UPDATE", [config.name])
                        .first
                }
            if var record = existing, let recordID = record.id {
                let summary = ConfigDiff.summary(from: try record.decodedConfig(), to: config)
                record.name = config.name
                record.enabled = config.enabled
                record.config = json
                record.updatedAt = now
                try await connection.update(record, columns: ["name", "enabled", "config", "updatedAt"], in: "integration", id: recordID)
                if !summary.isEmpty {
                    try await connection.insert(ConfigChange(integrationID: recordID, at: now, actor: actor, summary: summary), into: "config_change")
                }
                return recordID
            }
            let record = IntegrationRecord(name: config.name, enabled: config.enabled, config: json, createdAt: now, updatedAt: now)
            let recordID = try await connection.insert(record, into: "integration")
            try await connection.insert(ConfigChange(integrationID: recordID, at: now, actor: actor, summary: "created"), into: "config_change")
            return recordID
        }
    }

    public func deleteIntegration(id: Int64, actor: String) throws {
        try write { connection in
            for table in ["shipment_unit", "audit", "command", "lease", "watermark", "engine_status", "queue_count", "config_change"] {
                try await connection.run("DELETE FROM \(table) WHERE \"integrationID\" = $1", [id])
            }
            try await connection.run(#"DELETE FROM integration WHERE "id" = $1"#, [id])
        }
    }

    public func configChanges(integrationID: Int64, limit: Int) throws -> [ConfigChange] {
        try read { connection in
            try await connection.records(
                ConfigChange.self,
                #"SELECT row_to_json(c)::text FROM config_change c WHERE "integrationID" = $1 ORDER BY "id" DESC LIMIT $2"#,
                [integrationID, limit]
            )
        }
    }

    public func watermark(integrationID: Int64, name: String) throws -> Date? {
        try read { connection in
            try await connection.column(
                Date.self,
                #"SELECT "value" FROM watermark WHERE "integrationID" = $1 AND "name" = $2"#,
                [integrationID, name]
            )
            .first
        }
    }

    public func setWatermark(integrationID: Int64, name: String, value: Date) throws {
        try write { connection in
            try await connection.run(
                """
                INSERT INTO watermark ("integrationID", "name", "value") VALUES ($1, $2, $3)
                ON CONFLICT ("integrationID", "name") DO UPDATE SET "value" = EXCLUDED."value"
                """,
                [integrationID, name, value]
            )
        }
    }
}
