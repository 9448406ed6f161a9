import BridgeSupport
import EngineTestSupport
import Foundation
import Simulators
import SyncEngine
import TestSupport
import Testing

/// A week of steady traffic, time-compressed, with periodic faults on both sides. Behind `CIN7BRIDGE_SOAK=1`
/// (`CIN7BRIDGE_SOAK_SECONDS` sets the real duration, default 240 s: one simulated day every 240/7 s).
@Suite(.serialized)
struct SoakTests {
    static var enabled: Bool { ProcessInfo.processInfo.environment["CIN7BRIDGE_SOAK"] == "1" }

    /// The `cin7bridge` binary built beside the tests.
    static var binary: URL {
        var directory = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
        while !directory.path.hasSuffix("/debug") && !directory.path.hasSuffix("/release") && directory.path != "/" {
            directory = directory.deletingLastPathComponent()
        }
        return directory.appendingPathComponent("cin7bridge")
    }

    static func databaseBytes(_ store: BridgeStore) -> Int {
        ["", "-wal", "-shm"].reduce(0) { total, suffix in
            total + (((try? FileManager.default.attributesOfItem(atPath: store.path + suffix)[.size]) as? NSNumber)?.intValue ?? 0)
        }
    }

    /// On every platform; the shipping platforms' weeks carry a quarter of CartonCloud's orders.
    @Test(.enabled(if: SoakTests.enabled), arguments: WarehousePlatform.allCases)
    func aWeekOfTrafficWithFaults(_ platform: WarehousePlatform) async throws {
        let seconds = Double(ProcessInfo.processInfo.environment["CIN7BRIDGE_SOAK_SECONDS"] ?? "") ?? 240
        let day = seconds / 7
        let ordersPerDay = platform == .cartonCloud ? 60 : 16
        // The engine runs as its own `cin7bridge run` process, so its memory and descriptors are measured alone (the
        // simulators, which keep every order, stay in this process).
        try await EngineBed.with(
            platform: platform,
            start: false,
            configure: { config, _ in
                config.limits.auditRetention = day
            }
        ) { bed in
            let binary = Self.binary
            try #require(FileManager.default.isExecutableFile(atPath: binary.path), "build the executable first: swift build")
            let engine = Process()
            engine.executableURL = binary
            engine.arguments = ["run", "--data-dir", bed.directory.path]
            engine.standardOutput = FileHandle.nullDevice
            engine.standardError = FileHandle.nullDevice
            try engine.run()
            let pid = String(engine.processIdentifier)
            let dispatcher = BrokenDependencyTests.dispatcher(bed)
            var sales: [SimSaleRef] = []
            var samples: [(day: Int, rss: Int, fds: Int, db: Int, audit: Int, units: Int)] = []
            func sample(_ index: Int) {
                let audit = (try? bed.store.auditCount()) ?? 0
                let rss = ProcessFigures.residentKB(of: pid)
                let fds = ProcessFigures.openFDs(of: pid)
                samples.append((index, rss, fds, Self.databaseBytes(bed.store), audit, sales.count))
                print(
                    "RELIABILITY soak day \(index): engine RSS \(rss) kB, FDs \(fds), DB \(Self.databaseBytes(bed.store)) B, audit rows \(audit), orders \(sales.count)"
                )
            }
            try await bed.wait("the engine process to start syncing") { (try bed.store.lease(integrationID: bed.integrationID)) != nil }
            let started = Date()
            sample(0)
            var faultWindows = 0
            for dayIndex in 1...7 {
                let dayStart = Date()
                for slot in 0..<ordersPerDay {
                    // Faults for a quarter of each simulated day, alternating sides.
                    let faulty = slot >= ordersPerDay / 2 && slot < ordersPerDay * 3 / 4
                    let faults = SimulatorFaults(serverErrorRate: 0.06, malformedRate: 0.03, dropRate: 0.03, hangRate: 0.01, hangSeconds: 2.5)
                    if slot == ordersPerDay / 2 { faultWindows += 1 }
                    bed.cin7.faults = faulty && dayIndex % 2 == 1 ? faults : .none
                    bed.setPlatformFaults(faulty && dayIndex % 2 == 0 ? faults : (faulty ? SimulatorFaults(serverErrorRate: 0.03) : .none))
                    sales.append(bed.sale(lines: [SimLine(sku: ["TENT-2P", "BAG-35L", "STOVE-GAS"][slot % 3], quantity: Double(1 + slot % 4))]))
                    for ref in sales.suffix(200) where bed.unit(ref)?.state == .needsAttention {
                        _ = try? bed.store.enqueue(
                            OperatorCommand(
                                integrationID: bed.integrationID,
                                unitID: bed.unit(ref)?.id,
                                kind: .retry,
                                argument: nil,
                                actor: "soak",
                                createdAt: Date()
                            )
                        )
                    }
                    let due = dayStart.addingTimeInterval(day * Double(slot + 1) / Double(ordersPerDay))
                    let wait = due.timeIntervalSinceNow
                    if wait > 0 { try await Task.sleep(nanoseconds: UInt64(wait * 1_000_000_000)) }
                }
                sample(dayIndex)
            }
            bed.cin7.faults = .none
            bed.setPlatformFaults(.none)
            try await bed.wait("every order of the week to complete", timeout: 300) {
                for ref in sales where bed.unit(ref)?.state == .needsAttention {
                    try bed.store.enqueue(
                        OperatorCommand(
                            integrationID: bed.integrationID,
                            unitID: bed.unit(ref)?.id,
                            kind: .retry,
                            argument: nil,
                            actor: "soak",
                            createdAt: Date()
                        )
                    )
                }
                return sales.allSatisfy { bed.unit($0)?.state == .completed }
            }
            dispatcher.cancel()
            sample(8)
            let engineStatus = engine.stop()
            let lost = bed.lostOrders(sales)
            let faults = bed.cin7.stats.faultsInjected.values.reduce(0, +) + bed.platformFaultsInjected
            let oldest = try bed.store.oldestAuditDate()
            let first = samples[1]
            let last = samples[samples.count - 1]
            print(
                """
                RELIABILITY soak (\(platform.displayName)): \(String(format: "%.0f", Date().timeIntervalSince(started))) s for 7 simulated days, \(sales.count) orders, \(faults) faults injected \
                (cin7 \(bed.cin7.stats.faultsInjected), \(platform.displayName) \(bed.platformFaultsInjected)) in \(faultWindows) fault windows, orders lost \(lost.count); \
                RSS \(samples[0].rss) → \(first.rss) (day 1) → \(last.rss) kB; FDs \(samples[0].fds) → \(first.fds) → \(last.fds); DB \(samples[0].db) → \(first.db) → \(last.db) B; \
                audit rows day 1 \(first.audit), end \(last.audit); oldest audit row \(oldest.map { String(format: "%.0f", Date().timeIntervalSince($0)) } ?? "-") s old (retention \(String(format: "%.0f", day)) s)
                """
            )
            #expect(lost.isEmpty, "\(lost.prefix(10))")
            #expect(engineStatus == 0, "the engine process should stop cleanly on SIGTERM")
            #expect(last.fds <= first.fds + 8, "file descriptors grew from \(first.fds) to \(last.fds)")
            #expect(Double(last.rss) <= Double(first.rss) * 1.25 + 8_000, "engine RSS grew from \(first.rss) to \(last.rss) kB")
            // Retention holds the audit log to about a day of rows, however long the run.
            #expect(oldest.map { Date().timeIntervalSince($0) <= day * 1.5 + 60 } ?? true)
            #expect(Double(last.audit) <= Double(samples.map(\.audit).max() ?? 0) * 1.1)
        }
    }
}
