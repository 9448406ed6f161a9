import EngineTestSupport
import Foundation
import Simulators
import TestSupport
import Testing

@testable import SyncEngine

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// `cin7bridge run --metrics-address`: a real `run` process against the simulators, scraped over HTTP as Prometheus
/// and a monitor would (docs/METRICS.md).
@Suite(.serialized)
struct MetricsEndpointTests {
    /// Starts `run` with its metrics on a free loopback port (port 0) and returns the process and the base URL it
    /// announced on standard error.
    static func startRun(dataDir: URL) async throws -> (process: Process, base: URL) {
        let binary = CrashTests.binary
        try #require(FileManager.default.isExecutableFile(atPath: binary.path), "build the executable first: swift build (scripts/test does)")
        let log = dataDir.appendingPathComponent("run-stderr.txt")
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        let process = Process()
        process.executableURL = binary
        process.arguments = ["run", "--data-dir", dataDir.path, "--metrics-address", "127.0.0.1:0"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = try FileHandle(forWritingTo: log)
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let deadline = Date().addingTimeInterval(30)
        while Date() < deadline {
            let text = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
            if let range = text.range(of: #"Metrics at http://127\.0\.0\.1:[0-9]+"#, options: .regularExpression),
                let url = URL(string: String(text[range].dropFirst("Metrics at ".count)))
            {
                return (process, url)
            }
            try await Task.sleep(nanoseconds: 50_000_000)
        }
        process.stop(signal: SIGKILL)
        throw HarnessError("run announced no metrics address within 30 s: \((try? String(contentsOf: log, encoding: .utf8)) ?? "")")
    }

    static func get(_ url: URL) async throws -> (status: Int, body: String) {
        var request = URLRequest(url: url)
        request.timeoutInterval = 10
        let (data, response) = try await URLSession.shared.data(for: request)
        return ((response as? HTTPURLResponse)?.statusCode ?? 0, String(decoding: data, as: UTF8.self))
    }

    /// The sample lines of `family` (its name, then `{`) whose labels include every one of `labels` (`key="value"`).
    static func samples(_ scrape: String, _ family: String, _ labels: [String] = []) -> [String] {
        scrape.split(separator: "\n").map(String.init).filter { line in
            line.hasPrefix(family + "{") && labels.allSatisfy { line.contains($0) }
        }
    }

    static func value(_ line: String?) -> Double? {
        line.flatMap { $0.split(separator: " ").last }.flatMap { Double($0) }
    }

    @Test func runServesMetricsAndHealthThatTurnsUnhealthyWhenAnOrderNeedsAttention() async throws {
        try await EngineBed.with(start: false) { bed in
            let autopilot = Task { await WarehouseAutopilot(cartonCloud: bed.cartonCloud).run() }
            defer { autopilot.cancel() }
            let name = try #require(try bed.store.integration(id: bed.integrationID)?.decodedConfig().name)
            let (process, base) = try await Self.startRun(dataDir: bed.directory)
            defer { process.stop(signal: SIGKILL) }
            let integration = "integration=\"\(name)\""
            let sales = (0..<3).map { _ in bed.sale() }
            try await bed.wait("three sales to complete under `run`", timeout: 60) {
                sales.allSatisfy { bed.unit($0)?.state == .completed }
            }

            var health = try await Self.get(base.appendingPathComponent("healthz"))
            let healthyBy = Date().addingTimeInterval(30)
            while health.status != 200 && Date() < healthyBy {
                try await Task.sleep(nanoseconds: 250_000_000)
                health = try await Self.get(base.appendingPathComponent("healthz"))
            }
            #expect(health.status == 200, "\(health.body)")
            #expect(health.body.contains(#""healthy":true"#), "\(health.body)")

            let (status, scrape) = try await Self.get(base.appendingPathComponent("metrics"))
            #expect(status == 200)
            // Orders by state: every state present, the three completed ones counted.
            #expect(Self.value(Self.samples(scrape, BridgeMetrics.orders, [integration, #"state="completed""#]).first) == 3, "\(scrape)")
            #expect(Self.samples(scrape, BridgeMetrics.orders, [integration]).count == ShipmentState.allCases.count)
            // Calls by system, endpoint template and status: Cin7's sale reads and CartonCloud's tenant-scoped paths.
            let calls = Self.samples(scrape, BridgeMetrics.calls, [integration])
            #expect(calls.contains { $0.contains(#"system="cin7""#) && $0.contains(#"status="200""#) }, "\(calls)")
            #expect(calls.contains { $0.contains(#"system="cartoncloud""#) && $0.contains(#"endpoint="/tenants/{id}/outbound-orders"#) }, "\(calls)")
            #expect(!calls.contains { $0.contains("?") }, "a raw query in an endpoint label: \(calls)")
            // A latency histogram with its buckets, count and sum.
            let buckets = Self.samples(scrape, BridgeMetrics.callDuration + "_bucket", [integration, #"system="cin7""#])
            #expect(buckets.contains { $0.contains(#"le="0.005""#) } && buckets.contains { $0.contains(#"le="+Inf""#) }, "\(buckets)")
            #expect(!Self.samples(scrape, BridgeMetrics.callDuration + "_count", [integration]).isEmpty)
            // The lease owner is this `run` process; polling is recent; the budget is published.
            let owner = Self.samples(scrape, BridgeMetrics.leaseOwner, [integration, "pid=\"\(process.processIdentifier)\""])
            #expect(Self.value(owner.first) == 1, "\(Self.samples(scrape, BridgeMetrics.leaseOwner))")
            #expect((Self.value(Self.samples(scrape, BridgeMetrics.pollLag, [integration]).first) ?? 99) < 30)
            #expect(Self.value(Self.samples(scrape, BridgeMetrics.cin7BudgetLimit, [integration]).first) == 60)
            #expect(Self.value(Self.samples(scrape, BridgeMetrics.healthy, [integration]).first) == 1)
            #expect(Self.value(Self.samples(scrape, BridgeMetrics.oldestAttentionAge, [integration]).first) == 0)
            print(
                "metrics scrape excerpt:\n"
                    + scrape.split(separator: "\n").filter { !$0.contains("_bucket") || $0.contains(#"endpoint="/ExternalApi/v2/sale","#) }
                    .prefix(150).joined(separator: "\n")
            )

            // A product CartonCloud does not know: the order needs attention and /healthz says so with 503.
            let rejected = bed.sale(lines: [SimLine(sku: "MYSTERY-1", quantity: 1)])
            try await bed.waitForState(rejected, .needsAttention, timeout: 60)
            let unhealthy = try await Self.get(base.appendingPathComponent("healthz"))
            #expect(unhealthy.status == 503, "\(unhealthy.body)")
            let report = try JSONDecoder().decode(HealthReport.self, from: Data(unhealthy.body.utf8))
            #expect(!report.healthy)
            #expect(report.reasons.contains { $0.hasPrefix("\(name): 1 order needs attention") }, "\(report.reasons)")
            #expect(report.integrations.first?.problems.isEmpty == false)
            let after = try await Self.get(base.appendingPathComponent("metrics")).body
            #expect(Self.value(Self.samples(after, BridgeMetrics.orders, [integration, #"state="needs_attention""#]).first) == 1)
            #expect(Self.value(Self.samples(after, BridgeMetrics.healthy, [integration]).first) == 0)
            #expect(Self.value(Self.samples(after, BridgeMetrics.oldestAttentionAge, [integration]).first).map { $0 >= 0 } == true)

            // SIGTERM stops the engine and the metrics server together.
            #expect(process.stop() == 0)
            await #expect(throws: (any Error).self) { try await Self.get(base.appendingPathComponent("healthz")) }
        }
    }

    @Test func aNonLoopbackAddressIsRefusedWithoutTheFlag() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("cin7bridge-metrics-\(UUID().uuidString.prefix(8))")
        defer { try? FileManager.default.removeItem(at: directory) }
        let refused = try CLITests.cli(["run", "--data-dir", directory.path, "--metrics-address", "0.0.0.0:9464"])
        #expect(refused.status != 0)
        #expect(refused.text.contains("--metrics-address 0.0.0.0:9464 is not a loopback address"), "\(refused.text)")
        #expect(refused.text.contains("--metrics-allow-remote"), "\(refused.text)")
        let malformed = try CLITests.cli(["run", "--data-dir", directory.path, "--metrics-address", "9464"])
        #expect(malformed.status != 0)
        #expect(malformed.text.contains("is not HOST:PORT"), "\(malformed.text)")
    }
}
