import Logging
import Metrics
import Prometheus
import SyncEngine

extension MetricsOptions {
    /// Bootstraps swift-metrics with a Prometheus registry and returns the server to run beside the engine; nil when
    /// `--metrics-address` is absent (the engine's metrics then stay no-ops).
    func server(store: BridgeStore, logger: Logger) throws -> MetricsServer? {
        guard let address = try address else { return nil }
        let registry = PrometheusCollectorRegistry()
        var factory = PrometheusMetricsFactory(registry: registry)
        factory.durationHistogramBuckets[BridgeMetrics.callDuration] = BridgeMetrics.callDurationBuckets.map { .milliseconds(Int64($0 * 1000)) }
        MetricsSystem.bootstrap(factory)
        return MetricsServer(address: address, registry: registry, sampler: MetricsSampler(store: store, factory: factory), logger: logger)
    }
}
