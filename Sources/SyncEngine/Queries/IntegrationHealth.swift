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

    /// Looks at every integration in `store`.
    public static func evaluate(store: BridgeStore, now: Date = Date()) throws -> [IntegrationHealth] {
        try store.integrations().compactMap { record in
            guard let id = record.id, let config = try? record.decodedConfig() else { return nil }
            return try evaluate(id: id, config: config, store: store, now: now)
        }
    }

    public static func evaluate(id: Int64, config: IntegrationConfig, store: BridgeStore, now: Date) throws -> IntegrationHealth {
        let counts = try store.stateCounts(integrationID: id)
        let status = try store.status(integrationID: id)
        let lease = try store.lease(integrationID: id)
        var problems: [String] = []
        let attention = counts[.needsAttention] ?? 0
        if attention > 0 {
            // Why, by reason (e.g. deleted in the warehouse), so `status --check` says what to do without the dashboard.
            let why = try store.attentionReasons(integrationID: id).prefix(3).map { "\($0.count) × \($0.reason)" }.joined(separator: " | ")
            problems.append(
                "\(attention) order\(attention == 1 ? " needs" : "s need") attention: open the dashboard or run `cin7bridge orders --state needs_attention`"
                    + (why.isEmpty ? "" : ". Why: " + why)
            )
        }
        let running = lease.map { now.timeIntervalSince($0.heartbeatAt) < IntegrationEngine.defaultLeaseTimeout } ?? false
        if config.enabled {
            if !running {
                problems.append("Not syncing: no cin7bridge process owns this integration. Start `cin7bridge run` (or the systemd unit).")
            } else if let last = status?.lastPollAt, now.timeIntervalSince(last) > max(config.limits.pollInterval * 6, 120) {
                problems.append("Polling is lagging: last poll of Cin7 \(Int(now.timeIntervalSince(last)))s ago.")
            }
            if let paused = status?.pausedReason { problems.append(paused) }
            if running, let status {
                problems.append(contentsOf: connectionProblems(status))
            }
            let flowing: [ShipmentState] = [.pending, .creating, .dispatched, .writingBack, .retrying]
            if let oldest = try store.oldestStateChange(integrationID: id, states: flowing), now.timeIntervalSince(oldest) > config.limits.stuckAfter
            {
                problems.append(
                    "Orders stuck: one has waited \(Int(now.timeIntervalSince(oldest) / 60)) min in the same state (limit \(Int(config.limits.stuckAfter / 60)) min)."
                )
            }
            let backoff = Lifecycle.RetrySchedule(base: config.limits.retryBase, cap: config.limits.retryCap).backoff
            if let unit = try store.mostRetried(integrationID: id) {
                let failing = backoff.minimumElapsed(afterAttempts: unit.attempts)
                if failing >= config.limits.stuckAfter {
                    let span = failing >= 120 ? "\(Int(failing / 60)) min" : "\(Int(failing)) s"
                    problems.append(
                        "Order \(unit.orderNumber) keeps failing: \(unit.attempts) attempts in a row over at least \(span). \(unit.lastError ?? "")"
                            + " Fix the cause and it goes through on its next attempt, or skip it in the dashboard."
                    )
                }
            }
        }
        let level: Level =
            !config.enabled
            ? (attention > 0 ? .warning : .paused) : (problems.isEmpty ? .ok : (attention > 0 && problems.count == 1 ? .warning : .error))
        let inFlight = [.pending, .creating, .inWarehouse, .dispatched, .writingBack, .retrying].reduce(0) { $0 + (counts[$1] ?? 0) }
        return IntegrationHealth(
            integrationID: id,
            name: config.name,
            enabled: config.enabled,
            level: level,
            problems: problems,
            counts: Dictionary(uniqueKeysWithValues: counts.map { ($0.key.rawValue, $0.value) }),
            inFlight: inFlight,
            failed: attention,
            lastPollAt: status?.lastPollAt,
            nextPollAt: status?.nextPollAt,
            owner: running ? lease.map { "\($0.host):\($0.pid)" } : nil,
            status: status
        )
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
