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
