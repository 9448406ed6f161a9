import BridgeSupport
import EngineTestSupport
import Foundation
import Simulators
import SyncEngine
import TestSupport
import Testing

/// A real `cin7bridge run` process is killed with SIGKILL at random moments while sales flow, then restarted,
/// repeatedly; at the end every sale has exactly one warehouse order and one authorised shipment.
@Suite(.serialized)
struct CrashTests {
    static var binary: URL {
        let testBinary = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        var directory = testBinary.deletingLastPathComponent()
        while !directory.path.hasSuffix("/debug") && !directory.path.hasSuffix("/release") && directory.path != "/" {
            directory = directory.deletingLastPathComponent()
        }
        return directory.appendingPathComponent("cin7bridge")
    }

    @Test func killedAtRandomMomentsNothingIsLostOrDoubled() async throws {
        let binary = Self.binary
        try #require(FileManager.default.isExecutableFile(atPath: binary.path), "build the executable first: swift build (scripts/test does)")
        let saleCount = Int(ProcessInfo.processInfo.environment["CIN7BRIDGE_CRASH_SALES"] ?? "") ?? 150
        let kills = Int(ProcessInfo.processInfo.environment["CIN7BRIDGE_CRASH_KILLS"] ?? "") ?? 10
        let bed = try await EngineBed(start: false)
        let autopilot = Task { await WarehouseAutopilot(cartonCloud: bed.cartonCloud).run() }
        var sales: [SimSaleRef] = []
        var generator = SplitMix64(seed: 42)
        var killed = 0
        let authoriser = Task {
            var refs: [SimSaleRef] = []
            for index in 0..<saleCount {
                refs.append(bed.sale(lines: [SimLine(sku: ["TENT-2P", "BAG-35L", "STOVE-GAS"][index % 3], quantity: Double(1 + index % 2))]))
                if index % 10 == 9 { try? await Task.sleep(nanoseconds: 200_000_000) }
            }
            return refs
        }
        for _ in 0..<kills {
            let process = try Self.start(binary, dataDir: bed.directory)
            let lifetime = 0.3 + 2.5 * generator.nextUnit()
            try await Task.sleep(nanoseconds: UInt64(lifetime * 1_000_000_000))
            process.stop(signal: SIGKILL)
            killed += 1
        }
        sales = await authoriser.value
        let final = try Self.start(binary, dataDir: bed.directory)
        let report = try await Self.waitForCompletion(bed: bed, sales: sales, timeout: 240)
        let finalStatus = final.stop()
        autopilot.cancel()
        print("crash test: \(killed) SIGKILLs survived; \(report); Cin7 throttled \(bed.cin7.stats.throttledResponses)")
        #expect(report.problems.isEmpty, "\(report.problems.prefix(10))")
        #expect(report.completed == sales.count)
        #expect(finalStatus == 0, "SIGTERM should end `run` cleanly")
        await bed.shutdown()
    }

    static func start(_ binary: URL, dataDir: URL) throws -> Process {
        let process = Process()
        process.executableURL = binary
        process.arguments = ["run", "--data-dir", dataDir.path]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        try process.run()
        return process
    }

    static func waitForCompletion(bed: EngineBed, sales: [SimSaleRef], timeout: TimeInterval) async throws -> Invariants.Report {
        let deadline = Date().addingTimeInterval(timeout)
        var report = Invariants.Report()
        while Date() < deadline {
            report = try Invariants.check(sales: sales, cin7: bed.cin7, cartonCloud: bed.cartonCloud, store: bed.store, integrationID: bed.integrationID)
            if report.completed == sales.count || !report.problems.filter({ $0.contains("live warehouse orders") && !$0.contains(": 0 live") }).isEmpty { break }
            try await Task.sleep(nanoseconds: 250_000_000)
        }
        return report
    }
}

/// With throttling, 5xx, timeouts and dropped connections injected on both sides, the same invariants hold and
/// nothing is left stuck.
@Suite(.serialized)
struct FaultSoakTests {
    @Test func faultsOnBothSidesLoseAndDoubleNothing() async throws {
        var cin7 = EngineBed.fastCin7()
        cin7.faults = SimulatorFaults(serverErrorRate: 0.08, malformedRate: 0.04, dropRate: 0.04, hangRate: 0.01, hangSeconds: 3)
        cin7.rateLimit = 40
        var cc = EngineBed.fastCartonCloud()
        cc.faults = SimulatorFaults(serverErrorRate: 0.08, malformedRate: 0.04, dropRate: 0.04, hangRate: 0.01, hangSeconds: 3)
        let bed = try await EngineBed(cin7Configuration: cin7, cartonCloudConfiguration: cc) { config, _ in
            // The engine believes it has more budget than the simulator gives, so real throttling happens too.
            config.limits.cin7CallsPerWindow = 60
            config.limits.requestTimeout = 1
        }
        let autopilot = Task { await WarehouseAutopilot(cartonCloud: bed.cartonCloud).run() }
        var sales: [SimSaleRef] = []
        for index in 0..<60 { sales.append(bed.sale(lines: [SimLine(sku: index % 2 == 0 ? "TENT-2P" : "BAG-35L", quantity: 1)])) }
        let report = try await CrashTests.waitForCompletion(bed: bed, sales: sales, timeout: 180)
        autopilot.cancel()
        let injected = bed.cin7.stats.faultsInjected.values.reduce(0, +) + bed.cartonCloud.stats.faultsInjected.values.reduce(0, +)
        print("fault soak: \(injected) faults injected, \(bed.cin7.stats.throttledResponses) Cin7 throttles; \(report)")
        #expect(report.problems.isEmpty, "\(report.problems.prefix(10))")
        #expect(report.completed == sales.count)
        #expect(injected > 20)
        let stuck = try bed.store.units(state: .needsAttention, integrationID: bed.integrationID)
        #expect(stuck.isEmpty, "\(stuck.map { "\($0.orderNumber): \($0.reason ?? "")" }.prefix(5))")
        await bed.shutdown()
    }
}
