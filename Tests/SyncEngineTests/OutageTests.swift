import BridgeSupport
import EngineTestSupport
import Foundation
import Simulators
import SyncEngine
import Testing

/// Services going away and coming back, as an operator sees it: which side is down shows at the first failed call,
/// and a stop request does not wait for a hanging service.
@Suite(.serialized)
struct OutageTests {
    /// The health problems of the bed's integration right now.
    func problems(_ bed: EngineBed) throws -> [String] {
        try IntegrationHealth.evaluate(store: bed.store).first { $0.integrationID == bed.integrationID }?.problems ?? []
    }

    @Test(arguments: WarehousePlatform.allCases)
    func bothSidesDownShowWithinAPollIntervalEachSeparatelyAndClearWhenBack(_ platform: WarehousePlatform) async throws {
        let interval: TimeInterval = 5
        try await EngineBed.with(platform: platform, configure: { config, _ in config.limits.pollInterval = interval }) { bed in
            let ref = bed.sale()
            try await bed.waitForState(ref, .inWarehouse)
            #expect(try problems(bed).isEmpty)
            let cin7Port = try #require(bed.cin7URL.port)
            let platformPort = try #require(bed.warehouseURL.port)

            await bed.cin7.stop()
            await bed.stopPlatform()
            let down = Date()
            try await bed.wait("both sides reported down", timeout: interval + 2) {
                let now = try problems(bed)
                return now.contains { $0.hasPrefix("Cin7 Core is not answering: no answer") }
                    && now.contains { $0.hasPrefix("Calls to the warehouse are failing: \(platform.displayName): no answer") }
            }
            let seen = Date().timeIntervalSince(down)
            let status = try #require(try bed.store.status(integrationID: bed.integrationID))
            #expect(!status.cin7Connected && !status.warehouseConnected)
            print(
                "OUTAGE (\(platform.displayName)) both sides down: reported after \(String(format: "%.1f", seen)) s (poll interval \(Int(interval)) s)"
            )

            _ = try await bed.cin7.start(port: cin7Port)
            try await bed.startPlatform(port: platformPort)
            let back = Date()
            try await bed.wait("both sides back", timeout: interval * 2 + 5) { try problems(bed).isEmpty }
            print("OUTAGE back: healthy after \(String(format: "%.1f", Date().timeIntervalSince(back))) s")
            try bed.dispatch(ref)
            try await bed.waitForState(ref, .completed)
        }
    }

    @Test func stoppingDoesNotWaitForAHangingService() async throws {
        try await EngineBed.with(configure: { config, _ in config.limits.requestTimeout = 60 }) { bed in
            let ref = bed.sale()
            try await bed.waitForState(ref, .inWarehouse)
            var faults = SimulatorFaults()
            faults.hangRate = 1
            faults.hangSeconds = 120
            bed.cin7.faults = faults
            _ = bed.sale()
            // Let a call start hanging.
            try await bed.wait("a Cin7 call in flight", timeout: 10) { bed.cin7.stats.faultsInjected["hang", default: 0] > 0 }
            let stopping = Date()
            bed.host.stop()
            try await bed.wait("the engine to stop", timeout: 30) { bed.host.runningIDs.isEmpty }
            let took = Date().timeIntervalSince(stopping)
            print("OUTAGE stop with a hanging call: \(String(format: "%.1f", took)) s")
            #expect(took < 10, "stopping took \(took) s")
            bed.cin7.faults = SimulatorFaults()
        }
    }

    @Test func aServiceThatAnswersButRefusesUsIsNotShownAsConnected() async throws {
        try await EngineBed.with(configure: { config, _ in config.warehouse.clientSecret = Secret("not-the-secret") }) { bed in
            try await bed.wait("the warehouse side reported failing") {
                (try bed.store.status(integrationID: bed.integrationID))?.warehouseMessage != nil
            }
            // Later status writes (every half second, each after more refused calls) keep saying so: a refusal is
            // an answer, but not a connection.
            let refused = bed.cartonCloud.stats.requests
            try await bed.wait("more refused calls") { bed.cartonCloud.stats.requests >= refused + 3 }
            try await bed.wait("a later status write") {
                let status = try bed.store.status(integrationID: bed.integrationID)
                return (status?.updatedAt ?? .distantPast) > Date().addingTimeInterval(-0.2)
            }
            let status = try #require(try bed.store.status(integrationID: bed.integrationID))
            #expect(!status.warehouseConnected, "\(status.warehouseMessage ?? "")")
            #expect(status.warehouseMessage?.contains("client ID or client secret") == true, "\(status.warehouseMessage ?? "")")
        }
    }
}
