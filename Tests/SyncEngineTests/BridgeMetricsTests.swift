import BridgeSupport
import Foundation
import MetricsTestKit
import Testing

@testable import SyncEngine

/// What one external call emits, through a test factory of its own (nothing is bootstrapped globally).
struct BridgeMetricsTests {
    static func call(_ service: String, _ path: String, status: Int?, outcome: String) -> APICallRecord {
        APICallRecord(service: service, method: "GET", path: path, status: status, startedAt: Date(), duration: 0.042, outcome: outcome, context: nil)
    }

    @Test func aCallIsCountedByTemplateAndStatusAndItsLatencyObserved() throws {
        let metrics = TestMetrics()
        BridgeMetrics.record(Self.call("cin7", "/ExternalApi/v2/sale?ID=42", status: 200, outcome: "ok"), integration: "Shop", factory: metrics)
        let counter = try metrics.expectCounter(
            BridgeMetrics.calls,
            [("integration", "Shop"), ("system", "cin7"), ("method", "GET"), ("endpoint", "/ExternalApi/v2/sale"), ("status", "200")]
        )
        #expect(counter.totalValue == 1)
        let timer = try metrics.expectTimer(
            BridgeMetrics.callDuration,
            [("integration", "Shop"), ("system", "cin7"), ("method", "GET"), ("endpoint", "/ExternalApi/v2/sale")]
        )
        #expect(timer.values == [42_000_000])
        #expect(metrics.counters(label: BridgeMetrics.retries).isEmpty)
        #expect(metrics.counters(label: BridgeMetrics.cin7Throttled).isEmpty)
    }

    @Test func throttlingAndUnansweredCallsCountAsRetries() throws {
        let metrics = TestMetrics()
        BridgeMetrics.record(Self.call("cin7", "/ExternalApi/v2/saleList", status: 429, outcome: "throttled"), integration: "Shop", factory: metrics)
        BridgeMetrics.record(
            Self.call("cartoncloud", "/tenants/abc-123/outbound-orders", status: nil, outcome: "transient"),
            integration: "Shop",
            factory: metrics
        )
        BridgeMetrics.record(
            Self.call("cartoncloud", "/tenants/abc-123/outbound-orders", status: 422, outcome: "rejected"),
            integration: "Shop",
            factory: metrics
        )
        #expect(try metrics.expectCounter(BridgeMetrics.cin7Throttled, [("integration", "Shop")]).totalValue == 1)
        #expect(
            try metrics.expectCounter(BridgeMetrics.retries, [("integration", "Shop"), ("system", "cin7"), ("reason", "throttled")]).totalValue == 1
        )
        #expect(
            try metrics.expectCounter(BridgeMetrics.retries, [("integration", "Shop"), ("system", "cartoncloud"), ("reason", "transient")]).totalValue
                == 1
        )
        #expect(metrics.counterTotal(label: BridgeMetrics.retries) == 2, "a refusal is not retried")
        let unanswered = metrics.counters(label: BridgeMetrics.calls).filter { $0.dimensions.contains { $0 == ("status", "none") } }
        #expect(unanswered.count == 1)
    }

    @Test func healthReportIsTheStatusCheckVerdict() {
        #expect(!HealthReport([]).healthy)
        #expect(HealthReport(failure: "disk I/O error").reasons == ["The data directory could not be read: disk I/O error"])
    }
}
