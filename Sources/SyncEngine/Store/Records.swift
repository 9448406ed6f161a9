import Foundation
import GRDB

extension ShipmentState: DatabaseValueConvertible {}

extension ReasonCode: DatabaseValueConvertible {}

extension ShipmentUnit: FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "shipment_unit"

    /// The order, shipment and task ids are JSON columns, written as everything else the bridge stores.
    public static func databaseJSONEncoder(for column: String) -> JSONEncoder { .bridge }
    public static func databaseJSONDecoder(for column: String) -> JSONDecoder { .bridge }

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}

extension AuditEntry: FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "audit"

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}

extension OperatorCommand: FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "command"

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}

/// An integration as stored: its configuration is one JSON column so adding an option needs no migration.
public struct IntegrationRecord: Sendable, Codable, Equatable, Identifiable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "integration"

    public var id: Int64?
    public var name: String
    public var enabled: Bool
    public var config: String
    public var createdAt: Date
    public var updatedAt: Date

    public init(id: Int64? = nil, name: String, enabled: Bool, config: String, createdAt: Date, updatedAt: Date) {
        self.id = id
        self.name = name
        self.enabled = enabled
        self.config = config
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }

    /// Read by column rather than through `Decodable`: every host reads every integration every few seconds.
    public init(row: Row) throws {
        id = row["id"]
        name = row["name"]
        enabled = row["enabled"]
        config = row["config"]
        createdAt = row["createdAt"]
        updatedAt = row["updatedAt"]
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }

    public func decodedConfig() throws -> IntegrationConfig {
        var decoded = try JSONDecoder.bridge.decode(IntegrationConfig.self, from: Data(config.utf8))
        decoded.name = name
        decoded.enabled = enabled
        return decoded
    }
}

/// Who changed an integration's configuration, when, and what (secrets named, never shown).
public struct ConfigChange: Sendable, Codable, Equatable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "config_change"

    public var id: Int64?
    public var integrationID: Int64
    public var at: Date
    public var actor: String
    public var summary: String

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}

/// Which process owns an integration.
public struct Lease: Sendable, Codable, Equatable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "lease"

    public var integrationID: Int64
    public var holder: String
    public var host: String
    public var pid: Int32
    public var heartbeatAt: Date
    /// Moves on each time the lease passes to another holder: the fence its writes are checked against.
    public var generation: Int64

    public init(integrationID: Int64, holder: String, host: String, pid: Int32, heartbeatAt: Date, generation: Int64) {
        self.integrationID = integrationID
        self.holder = holder
        self.host = host
        self.pid = pid
        self.heartbeatAt = heartbeatAt
        self.generation = generation
    }

    /// Read by column rather than through `Decodable`: every host reads every lease every few seconds.
    public init(row: Row) throws {
        integrationID = row["integrationID"]
        holder = row["holder"]
        host = row["host"]
        pid = row["pid"]
        heartbeatAt = row["heartbeatAt"]
        generation = row["generation"]
    }

    /// Given up by its last holder (the row stays so the generation keeps counting).
    public var isFree: Bool { holder.isEmpty }

    /// The fence its holder's writes are checked against.
    public var fence: LeaseFence { LeaseFence(integrationID: integrationID, generation: generation) }
}

/// A `cin7bridge run` process sharing the store, with its heartbeat: hosts count the live ones to take a fair share
/// of the integrations each.
public struct EngineHostRecord: Sendable, Codable, Equatable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "engine_host"

    /// The process's own id (new at each start).
    public var id: String
    public var host: String
    public var pid: Int32
    public var startedAt: Date
    public var heartbeatAt: Date

    public init(id: String, host: String, pid: Int32, startedAt: Date, heartbeatAt: Date) {
        self.id = id
        self.host = host
        self.pid = pid
        self.startedAt = startedAt
        self.heartbeatAt = heartbeatAt
    }
}

struct RateBudgetRow: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "rate_budget"
    var key: String
    var state: String
}

struct WatermarkRow: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "watermark"
    var integrationID: Int64
    var name: String
    var value: Date
}

struct EngineStatusRow: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "engine_status"
    var integrationID: Int64
    var status: String
}

extension JSONEncoder {
    /// Stable, ISO-8601 dates; used for everything the bridge stores or exports.
    static var bridge: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.sortedKeys]
        return encoder
    }
}

extension JSONDecoder {
    static var bridge: JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }
}
