import BridgeSupport
import Foundation
import Metrics

/// The names and labels of every metric cin7bridge exports, in one place (docs/METRICS.md describes each). The
/// engine emits through swift-metrics, so every call here is a no-op unless the process bootstrapped a backend
/// (`cin7bridge run --metrics-address` bootstraps Prometheus). A name always carries the same label names:
/// Prometheus requires it, and swift-prometheus stops the process when a name is reused with other labels.
public enum BridgeMetrics {
    /// Label names.
    public enum Label {
        /// The integration's name.
        public static let integration = "integration"
        /// `cin7`, `cartoncloud`, `shipstation` or `starshipit`.
        public static let system = "system"
        public static let method = "method"
        /// The path as a template (`EndpointTemplate`): never ids or a query.
        public static let endpoint = "endpoint"
        /// The HTTP status, or `none` when no answer arrived.
        public static let status = "status"
        /// The client's class of a failed call: `throttled`, `transient`, `malformed`.
        public static let reason = "reason"
        /// A `ShipmentState` raw value.
        public static let state = "state"
        public static let host = "host"
        public static let pid = "pid"
    }

    // MARK: Emitted as calls happen

    /// Counter of external calls, by integration, system, method, endpoint and status.
    public static let calls = "cin7bridge_external_calls_total"
    /// Histogram (seconds) of external call latency, by integration, system, method and endpoint.
    public static let callDuration = "cin7bridge_external_call_duration_seconds"
    /// The latency histogram's bucket bounds, in seconds (up to the longest request timeout).
    public static let callDurationBuckets: [Double] = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30]
    /// Counter of calls that failed in a way that is tried again (by the client at once, or by the engine at the
    /// order's next attempt), by integration, system and reason.
    public static let retries = "cin7bridge_external_call_retries_total"
    /// Counter of throttle answers from Cin7 (the shared budget backs off after each), by integration.
    public static let cin7Throttled = "cin7bridge_cin7_throttled_total"

    // MARK: Sampled from the store at scrape time (`MetricsSampler`)

    /// Gauge: orders (shipment units) by integration and state, every state present (0 included).
    public static let orders = "cin7bridge_orders"
    /// Gauge: seconds since the oldest order needing attention entered that state (0 when none does).
    public static let oldestAttentionAge = "cin7bridge_oldest_attention_age_seconds"
    /// Gauge: seconds since the last completed poll of Cin7 (absent before the first).
    public static let pollLag = "cin7bridge_poll_lag_seconds"
    /// Gauge: Cin7 calls used in the current window of the integration's (shared) budget.
    public static let cin7BudgetUsed = "cin7bridge_cin7_budget_used"
    /// Gauge: Cin7 calls allowed per window.
    public static let cin7BudgetLimit = "cin7bridge_cin7_budget_limit"
    /// Info gauge: 1 for the process that holds the integration's lease, with its host and pid.
    public static let leaseOwner = "cin7bridge_lease_owner"
    /// Gauge: 1 when the integration passes `cin7bridge status --check`, else 0.
    public static let healthy = "cin7bridge_integration_healthy"

    /// Outcomes after which a call is made again: throttling always, a transient failure or an unreadable answer
    /// by the client (idempotent calls) or by the engine's retry of the order.
    static let retriedOutcomes: Set<String> = ["throttled", "transient", "malformed"]

    /// Counts `call` and observes its latency, labelled with `integration`.
    public static func record(_ call: APICallRecord, integration: String, factory: any MetricsFactory = MetricsSystem.factory) {
        let endpoint = EndpointTemplate.template(call.path)
        let status = call.status.map(String.init) ?? "none"
        Counter(
            label: calls,
            dimensions: [
                (Label.integration, integration), (Label.system, call.service), (Label.method, call.method), (Label.endpoint, endpoint),
                (Label.status, status),
            ],
            factory: factory
        ).increment()
        Metrics.Timer(
            label: callDuration,
            dimensions: [(Label.integration, integration), (Label.system, call.service), (Label.method, call.method), (Label.endpoint, endpoint)],
            factory: factory
        ).recordSeconds(call.duration)
        if retriedOutcomes.contains(call.outcome) {
            Counter(
                label: retries,
                dimensions: [(Label.integration, integration), (Label.system, call.service), (Label.reason, call.outcome)],
                factory: factory
            ).increment()
        }
        if call.service == "cin7" && call.outcome == "throttled" {
            Counter(label: cin7Throttled, dimensions: [(Label.integration, integration)], factory: factory).increment()
        }
    }
}
