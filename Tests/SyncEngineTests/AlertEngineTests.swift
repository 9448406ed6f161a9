import BridgeSupport
import EngineTestSupport
import Foundation
import Simulators
import SyncEngine
import Testing

/// Alert hooks on the real engine: the host's dispatcher follows what the engine does.
@Suite(.serialized)
struct AlertEngineTests {
    static func payloads(_ receiver: AlertReceiver) throws -> [AlertPayload] {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return try receiver.bodies.map { try decoder.decode(AlertPayload.self, from: Data($0)) }
    }

    /// A sale with a SKU the warehouse does not know needs attention: the hook fires once, though the engine keeps
    /// polling and publishing while the order waits.
    @Test func anUnknownSKUFiresTheHookOnce() async throws {
        let receiver = AlertReceiver()
        let url = try await receiver.start()
        defer { Task { await receiver.stop() } }
        try await EngineBed.with(configure: { config, _ in config.alerts = AlertHook(.post(url: Secret(url.absoluteString)), quietPeriod: 60) }) {
            bed in
            let ref = bed.sale(lines: [SimLine(sku: "MYSTERY-1", quantity: 1)])
            try await bed.waitForState(ref, .needsAttention)
            try await bed.wait("the alert") { (try Self.payloads(receiver)).contains { $0.kind == "order_needs_attention" } }
            // Several polls later, still one.
            try await Task.sleep(for: .seconds(2))
            let attention = try Self.payloads(receiver).filter { $0.kind == "order_needs_attention" }
            #expect(attention.count == 1)
            #expect(attention.first?.orders == [ref.orderNumber])
            #expect(attention.first?.reasons == ["unknown_sku": 1])
            #expect(attention.first?.integration == "Test")
            #expect(attention.first?.action.contains("Add the missing product") == true)
            let text = receiver.bodies.map { String(decoding: $0, as: UTF8.self) }.joined()
            #expect(!text.contains(bed.cartonCloudConfiguration.clientSecret))
            #expect(!text.contains(bed.cin7Configuration.applicationKey))
            #expect(!text.contains("Product not found"), "the warehouse's error text stays out: \(text)")
        }
    }

    /// When the warehouse stops answering, health turns bad and the hook says so once.
    @Test func theWarehouseGoingDownFiresHealthTurnedBadOnce() async throws {
        let receiver = AlertReceiver()
        let url = try await receiver.start()
        defer { Task { await receiver.stop() } }
        try await EngineBed.with(configure: { config, _ in config.alerts = AlertHook(.post(url: Secret(url.absoluteString)), quietPeriod: 60) }) {
            bed in
            try await bed.waitForState(bed.sale(), .inWarehouse)
            #expect(try Self.payloads(receiver).isEmpty)
            await bed.stopPlatform()
            try await bed.wait("the health alert", timeout: 30) { (try Self.payloads(receiver)).contains { $0.kind == "health_turned_bad" } }
            try await Task.sleep(for: .seconds(2))
            let health = try Self.payloads(receiver).filter { $0.kind == "health_turned_bad" }
            #expect(health.count == 1)
            #expect(health.first?.reasons["warehouse_failing"] == 1, "\(health)")
        }
    }
}
