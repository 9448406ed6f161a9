import Foundation

extension IntegrationHealth {
    /// The states whose orders count as "stuck" when one waits too long in them.
    public static let flowingStates: [ShipmentState] = [.pending, .creating, .dispatched, .writingBack, .retrying]

    /// Every integration's health from one `integrationOverviews` read: a fixed number of queries whatever the
    /// number of integrations (`status`, the TUI's Integrations screen). Integrations whose configuration cannot be
    /// read are left out, as `evaluate(store:now:)` does.
    public static func all(store: BridgeStore, now: Date = Date()) throws -> [IntegrationHealth] {
        try store.integrationOverviews(flowingStates: flowingStates).compactMap { overview in
            guard let config = try? overview.record.decodedConfig() else { return nil }
            return evaluate(overview, config: config, now: now)
        }
    }

    /// Judges one integration from what was read of it, without a query: the one place the health rules live. nil
    /// when the record has no id.
    public static func evaluate(_ overview: IntegrationOverview, config: IntegrationConfig, now: Date) -> IntegrationHealth? {
        guard let id = overview.record.id else { return nil }
        let counts = overview.counts
        let status = overview.status
        let lease = overview.lease
        var problems: [String] = []
        let attention = counts[.needsAttention] ?? 0
        if attention > 0 {
            let why = overview.attentionReasons.prefix(3).map { "\($0.count) × \($0.reason)" }.joined(separator: " | ")
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
            if let oldest = overview.oldestStateChange, now.timeIntervalSince(oldest) > config.limits.stuckAfter {
                problems.append(
                    "Orders stuck: one has waited \(Int(now.timeIntervalSince(oldest) / 60)) min in the same state (limit \(Int(config.limits.stuckAfter / 60)) min)."
                )
            }
            let backoff = Lifecycle.RetrySchedule(base: config.limits.retryBase, cap: config.limits.retryCap).backoff
            if let unit = overview.mostRetried {
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
}
