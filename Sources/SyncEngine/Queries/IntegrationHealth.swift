import Foundation

/// How one integration is doing, as `cin7bridge status`, `status --check` and the TUI's home screen show it.
public struct IntegrationHealth: Sendable, Codable, Equatable {
    public enum Level: String, Sendable, Codable {
        case ok, paused, warning, error
    }

    public var integrationID: Int64
    public var name: String
    public var enabled: Bool
    public var level: Level
    /// What is wrong and what to do, one line each.
    public var problems: [String]
    public var counts: [String: Int]
    public var inFlight: Int
    public var failed: Int
    public var lastPollAt: Date?
    public var nextPollAt: Date?
    public var owner: String?
    public var status: IntegrationStatus?

    /// Looks at every integration in `store` (`all(store:now:)`: a fixed number of queries).
    public static func evaluate(store: BridgeStore, now: Date = Date()) throws -> [IntegrationHealth] {
        try all(store: store, now: now)
    }

    /// Looks at one integration, reading what its health is judged from with its own queries (for a caller that
    /// watches one integration, like the alert dispatcher).
    public static func evaluate(id: Int64, config: IntegrationConfig, store: BridgeStore, now: Date) throws -> IntegrationHealth {
        let record =
            try store.integration(id: id)
            ?? IntegrationRecord(id: id, name: config.name, enabled: config.enabled, config: "", createdAt: now, updatedAt: now)
        let overview = IntegrationOverview(
            record: record,
            counts: try store.stateCounts(integrationID: id),
            status: try store.status(integrationID: id),
            lease: try store.lease(integrationID: id),
            attentionReasons: try store.attentionReasons(integrationID: id).map { .init(code: $0.code, reason: $0.reason, count: $0.count) },
            oldestStateChange: try store.oldestStateChange(integrationID: id, states: flowingStates),
            mostRetried: try store.mostRetried(integrationID: id).map {
                .init(orderNumber: $0.orderNumber, attempts: $0.attempts, lastError: $0.lastError)
            }
        )
        return evaluate(overview, config: config, now: now)!
    }

    /// Each side that failed its last call, at the first failure (the engine keeps retrying meanwhile).
    static func connectionProblems(_ status: IntegrationStatus) -> [String] {
        var problems: [String] = []
        if !status.cin7Connected, status.lastPollAt != nil {
            problems.append(
                "Cin7 Core is not answering: \(status.cin7Message ?? status.lastError ?? "the last poll failed"). It is retried automatically; "
                    + "check this machine's network and Cin7's status."
            )
        }
        if !status.warehouseConnected, let message = status.warehouseMessage {
            problems.append("Calls to the warehouse are failing: \(message) They are retried automatically.")
        }
        return problems
    }

    /// Healthy enough for monitoring (nothing needing a person, polling on time, nothing stuck).
    public var isHealthy: Bool { level == .ok || level == .paused }
}
