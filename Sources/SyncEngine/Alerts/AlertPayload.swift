import Foundation

/// The JSON a hook receives (POST body, or a command's standard input and `CIN7BRIDGE_ALERT_JSON`), built from an
/// `AlertEvent` alone. Its shape is documented in docs/ALERTS.md; `version` changes only when a field is removed or
/// changes meaning.
public struct AlertPayload: Sendable, Codable, Equatable {
    public var source = "cin7bridge"
    public var version = 1
    public var integration: String
    public var kind: String
    public var at: Date
    /// A summary of alerts held back during a quiet period (`count` of them) rather than one alert.
    public var summary: Bool
    public var count: Int
    public var orders: [String]
    public var reasons: [String: Int]
    public var message: String
    public var action: String
    public var host: String

    public init(_ event: AlertEvent, host: String = ProcessInfo.processInfo.hostName) {
        integration = event.integrationName
        kind = event.kind.rawValue
        at = event.at
        summary = event.isSummary
        count = event.count
        orders = event.orders
        reasons = event.reasons
        message = event.message
        action = event.action
        self.host = host
    }

    /// The JSON bytes (keys sorted, ISO 8601 time).
    public func encoded() -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return Array((try? encoder.encode(self)) ?? Data("{}".utf8))
    }

    /// The variables a command gets besides the JSON: one per field people script against.
    public var environment: [String: String] {
        [
            "CIN7BRIDGE_ALERT_INTEGRATION": integration,
            "CIN7BRIDGE_ALERT_KIND": kind,
            "CIN7BRIDGE_ALERT_AT": ISO8601DateFormatter().string(from: at),
            "CIN7BRIDGE_ALERT_SUMMARY": summary ? "1" : "0",
            "CIN7BRIDGE_ALERT_COUNT": String(count),
            "CIN7BRIDGE_ALERT_ORDERS": orders.joined(separator: ","),
            "CIN7BRIDGE_ALERT_MESSAGE": message,
            "CIN7BRIDGE_ALERT_ACTION": action,
            "CIN7BRIDGE_ALERT_JSON": String(decoding: encoded(), as: UTF8.self),
        ]
    }
}
