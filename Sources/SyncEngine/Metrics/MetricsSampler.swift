import Foundation
import Metrics
import Synchronization

/// Sets the state gauges (orders by state, oldest order needing attention, poll lag, Cin7 budget, lease owner,
/// health) from the store, once per scrape: one pass over the integrations however many there are, no timer per
/// integration. Series whose labels no longer apply (an integration deleted, a lease taken over, a poll not yet
/// made) are removed rather than left at their last value.
public final class MetricsSampler: Sendable {
    private struct Series: Hashable {
        var name: String
        var labels: [String]
    }

    private let store: BridgeStore
    private let factory: any MetricsFactory
    private let published = Mutex<[Series: Gauge]>([:])

    public init(store: BridgeStore, factory: any MetricsFactory = MetricsSystem.factory) {
        self.store = store
        self.factory = factory
    }

    /// Reads every integration's health (`IntegrationHealth.evaluate`, the `status --check` verdict), publishes the
    /// gauges and returns the health for `/healthz`.
    @discardableResult
    public func sample(now: Date = Date()) throws -> [IntegrationHealth] {
        let healths = try IntegrationHealth.all(store: store, now: now)
        var values: [Series: Double] = [:]
        for health in healths {
            let integration = (BridgeMetrics.Label.integration, health.name)
            func set(_ name: String, _ value: Double, _ extra: [(String, String)] = []) {
                values[Series(name: name, labels: ([integration] + extra).flatMap { [$0.0, $0.1] })] = value
            }
            for state in ShipmentState.allCases {
                set(BridgeMetrics.orders, Double(health.counts[state.rawValue] ?? 0), [(BridgeMetrics.Label.state, state.rawValue)])
            }
            let oldestAttention = try store.oldestStateChange(integrationID: health.integrationID, states: [.needsAttention])
            set(BridgeMetrics.oldestAttentionAge, oldestAttention.map { max(0, now.timeIntervalSince($0)) } ?? 0)
            if let lastPoll = health.lastPollAt { set(BridgeMetrics.pollLag, max(0, now.timeIntervalSince(lastPoll))) }
            if let budget = health.status?.cin7Budget {
                set(BridgeMetrics.cin7BudgetUsed, Double(budget.used))
                set(BridgeMetrics.cin7BudgetLimit, Double(budget.limit))
            }
            if let owner = health.owner, let colon = owner.lastIndex(of: ":") {
                set(
                    BridgeMetrics.leaseOwner,
                    1,
                    [(BridgeMetrics.Label.host, String(owner[..<colon])), (BridgeMetrics.Label.pid, String(owner[owner.index(after: colon)...]))]
                )
            }
            set(BridgeMetrics.healthy, health.isHealthy ? 1 : 0)
        }
        publish(values)
        return healths
    }

    private func publish(_ values: [Series: Double]) {
        let factory = self.factory
        published.withLock { published in
            for (series, gauge) in published where values[series] == nil {
                gauge.destroy()
                published[series] = nil
            }
            for (series, value) in values {
                let gauge =
                    published[series]
                    ?? Gauge(label: series.name, dimensions: Self.pairs(series.labels), factory: factory)
                published[series] = gauge
                gauge.record(value)
            }
        }
    }

    private static func pairs(_ flat: [String]) -> [(String, String)] {
        stride(from: 0, to: flat.count - 1, by: 2).map { (flat[$0], flat[$0 + 1]) }
    }
}
