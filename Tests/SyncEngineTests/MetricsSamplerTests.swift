import EngineTestSupport
import Foundation
import MetricsTestKit
import Testing

@testable import SyncEngine

/// The state gauges come from the store at each sample, and series that no longer apply are removed.
struct MetricsSamplerTests {
    @Test func leaseOwnerAndOrdersAreSampledAndAStaleOwnerIsRemoved() async throws {
        try await EngineBed.with(start: false) { bed in
            let metrics = TestMetrics()
            let sampler = MetricsSampler(store: bed.store, factory: metrics)
            let name = try #require(try bed.store.integration(id: bed.integrationID)?.decodedConfig().name)
            let integration = (BridgeMetrics.Label.integration, name)
            let unowned = try sampler.sample()
            #expect(unowned.count == 1)
            #expect(metrics.recorders(label: BridgeMetrics.leaseOwner).isEmpty, "nobody holds the lease yet")
            #expect(try metrics.expectGauge(BridgeMetrics.orders, [integration, (BridgeMetrics.Label.state, "pending")]).lastValue == 0)
            #expect(try metrics.expectGauge(BridgeMetrics.healthy, [integration]).lastValue == 0, "not syncing: no owner")
            #expect(metrics.recorders(label: BridgeMetrics.pollLag).isEmpty, "no poll yet")

            let owner = [integration, (BridgeMetrics.Label.host, "bridge-1"), (BridgeMetrics.Label.pid, "4242")]
            #expect(
                try bed.store.acquireLease(integrationID: bed.integrationID, holder: "h1", host: "bridge-1", pid: 4242, now: Date(), timeout: 30)
                    != nil
            )
            try sampler.sample()
            #expect(try metrics.expectGauge(BridgeMetrics.leaseOwner, owner).lastValue == 1)

            try bed.store.releaseLease(integrationID: bed.integrationID, holder: "h1")
            try sampler.sample()
            #expect(metrics.recorders(label: BridgeMetrics.leaseOwner).isEmpty, "the released lease's series is removed")
        }
    }
}
