import BridgeSupport
import EngineTestSupport
import Foundation
import Simulators
import TestSupport
import Testing

@testable import SyncEngine

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

    /// Under `CI` a gate that would skip or shrink a test to nothing fails instead.
    static var underCI: Bool { ProcessInfo.processInfo.environment["CI"] != nil }

    /// The mix every reliability run uses: a reference prefix, one order per fulfilment, "Northside 3PL" routed to
    /// Brisbane DC (the rest to the default, Sydney DC).
    static func mixedOptions(_ config: inout IntegrationConfig, _ seed: EngineBed.Seed) {
        config.orderCreation.referencePrefix = "HB-"
        config.orderCreation.oneOrderPerFulfilment = true
        config.orderCreation.locationMappings = [
            .init(locationID: seed.north, locationName: "Northside 3PL", warehouse: .init(id: seed.northWarehouse))
        ]
    }

    /// Sale `index` of a mixed run: advanced with two fulfilments, multi-line with a service line, from the
    /// Northside location, from a bin, a service-only sale (skipped), a draft voided before it was authorised
    /// (skipped), or a single line.
    static func mixedSale(_ bed: EngineBed, _ index: Int) -> SimSaleRef {
        let skus = ["TENT-2P", "BAG-35L", "STOVE-GAS"]
        switch index % 8 {
        case 0:
            return bed.sale(
                lines: [SimLine(sku: "TENT-2P", quantity: 1), SimLine(sku: "BAG-35L", quantity: 2)],
                advanced: [[SimLine(sku: "TENT-2P", quantity: 1)], [SimLine(sku: "BAG-35L", quantity: 2)]]
            )
        case 1:
            return bed.sale(lines: [
                SimLine(sku: "TENT-2P", quantity: 1), SimLine(sku: "BAG-35L", quantity: 2), SimLine(sku: "STOVE-GAS", quantity: 3),
                SimLine(sku: "TENT-2P", quantity: 1), SimLine(sku: "INSTALL", quantity: 1),
            ])
        case 2: return bed.sale(location: "Northside 3PL", lines: [SimLine(sku: skus[index % 3], quantity: 2)], customer: "Alpine Adventures")
        case 3: return bed.sale(location: "Main Warehouse: A-01", lines: [SimLine(sku: skus[index % 3], quantity: 1)])
        case 4 where index % 16 == 4: return bed.sale(lines: [SimLine(sku: "INSTALL", quantity: 1)])
        case 5 where index % 16 == 5:
            let ref = bed.sale(authorise: false)
            bed.cin7.void(saleID: ref.saleID)
            return ref
        default: return bed.sale(lines: [SimLine(sku: skus[index % 3], quantity: Double(1 + index % 2))])
        }
    }

    /// Kills aimed at the two windows where a crash can double or lose an order: a create in flight (`creating`,
    /// after the intent is saved and before the answer is) and a write-back in flight (`writingBack`). Every third
    /// kill falls at a random moment. On every platform: 120 sales and 12 kills with CartonCloud; with each shipping
    /// platform a third of the sales and half the kills (two aimed at a create, two at a write-back).
    @Test(arguments: WarehousePlatform.allCases)
    func killedAtRandomMomentsNothingIsLostOrDoubled(_ platform: WarehousePlatform) async throws {
        let binary = Self.binary
        try #require(FileManager.default.isExecutableFile(atPath: binary.path), "build the executable first: swift build (scripts/test does)")
        let scale = platform == .cartonCloud ? 1 : 3
        let saleCount = (Int(ProcessInfo.processInfo.environment["CIN7BRIDGE_CRASH_SALES"] ?? "") ?? 120) / scale
        let kills = (Int(ProcessInfo.processInfo.environment["CIN7BRIDGE_CRASH_KILLS"] ?? "") ?? 12) / (platform == .cartonCloud ? 1 : 2)
        if Self.underCI {
            try #require(
                saleCount >= 40 / scale && kills >= 6 / (platform == .cartonCloud ? 1 : 2),
                "CIN7BRIDGE_CRASH_SALES (\(saleCount)) and CIN7BRIDGE_CRASH_KILLS (\(kills)) are below what proves anything (40, 6)"
            )
        }
        // CartonCloud's duplicate-reference check is a tenant setting; off, a second create is a second order.
        var cartonCloud = EngineBed.fastCartonCloud()
        cartonCloud.duplicateReferenceCheck = false
        // A little latency (no errors) widens the create window, so kills aimed at it land there.
        cartonCloud.faults = SimulatorFaults(latency: 0.03, latencyJitter: 0.03)
        var shipStation = EngineBed.fastShipStation()
        shipStation.faults = cartonCloud.faults
        var starshipit = EngineBed.fastStarshipit()
        starshipit.faults = cartonCloud.faults
        try await EngineBed.with(
            platform: platform,
            cartonCloudConfiguration: cartonCloud,
            shipStationConfiguration: shipStation,
            starshipitConfiguration: starshipit,
            start: false,
            configure: Self.mixedOptions
        ) { bed in
            let autopilot = Task { await WarehouseAutopilot(bed: bed).run() }
            var sales: [SimSaleRef] = []
            var generator = SplitMix64(seed: 42)
            var landed: [ShipmentState: Int] = [:]
            let batch = max(1, saleCount / max(1, kills))
            let started = Date()
            for kill in 0..<kills {
                let target: ShipmentState? = [.creating, .writingBack, nil][kill % 3]
                // A batch of new sales each life, so every life has creates and write-backs to do. A kill aimed at a
                // create adds its batch only once the process has had its random start: a quick process would
                // otherwise have made every create before the watch began (it happened on a quiet CI machine).
                func addBatch() {
                    for _ in 0..<(kill == kills - 1 ? saleCount - sales.count : batch) where sales.count < saleCount {
                        sales.append(Self.mixedSale(bed, sales.count))
                    }
                }
                if target != .creating { addBatch() }
                // Cin7 answers at once here, so a write-back (a few Cin7 calls) is over in milliseconds and a kill aimed
                // at it could miss every time (it did, on CI, with ShipStation); some latency while one is aimed at it
                // widens that window the way the warehouse's latency widens the create's.
                bed.cin7.faults = target == .writingBack ? SimulatorFaults(latency: 0.05, latencyJitter: 0.05) : .none
                let process = try Self.start(binary, dataDir: bed.directory)
                try await Task.sleep(nanoseconds: UInt64((0.3 + 1.5 * generator.nextUnit()) * 1_000_000_000))
                if target == .creating { addBatch() }
                if let target {
                    // Generous: on a loaded machine the process may take seconds to start and reach a create.
                    let deadline = Date().addingTimeInterval(15)
                    while Date() < deadline, ((try? bed.store.units(state: target, integrationID: bed.integrationID, limit: 1)) ?? []).isEmpty {
                        try await Task.sleep(nanoseconds: 1_000_000)
                    }
                }
                process.stop(signal: SIGKILL)
                for state in [ShipmentState.creating, .writingBack]
                where !((try? bed.store.units(state: state, integrationID: bed.integrationID, limit: 1)) ?? []).isEmpty {
                    landed[state, default: 0] += 1
                }
            }
            bed.cin7.faults = .none
            let final = try Self.start(binary, dataDir: bed.directory)
            // SIGTERM is only handled once the service group runs; the lease shows it does (the last life may have
            // finished every sale already, and a SIGTERM before that point ends the process by the signal).
            try await Self.waitForLease(bed: bed, pid: final.processIdentifier)
            // A kill in `writingBack` may leave one write whose outcome is unknown; nothing else may be sent twice.
            let options = Invariants.Options(complete: true, unknownOutcomes: landed[.writingBack] ?? 0)
            let report = try await Self.waitForCompletion(bed: bed, sales: sales, options: options, timeout: 240)
            let finalStatus = final.stop()
            autopilot.cancel()
            print(
                "crash test (\(platform.displayName)): \(kills) SIGKILLs (\(landed[.creating] ?? 0) in creating, \(landed[.writingBack] ?? 0) in writingBack) in \(String(format: "%.0f", Date().timeIntervalSince(started))) s; \(report); Cin7 throttled \(bed.cin7.stats.throttledResponses)"
            )
            #expect(report.problems.isEmpty, "\(report.problems.prefix(10))")
            #expect(report.settled, "\(report)")
            #expect(report.creates == report.liveOrders, "every create the warehouse accepted should be the one live order of its unit")
            #expect(report.withoutOrder > 0 && report.completed > 0)
            #expect((landed[.creating] ?? 0) >= 1, "no kill landed while a create was in flight: the run proved nothing about creates")
            #expect((landed[.writingBack] ?? 0) >= 1, "no kill landed while a write-back was in flight: the run proved nothing about write-back")
            #expect(finalStatus == 0, "SIGTERM should end `run` cleanly")
        }
    }

    /// The owner is stopped (SIGSTOP), not dead: its pid stays alive, so only its stale heartbeat lets another
    /// process take over (after `IntegrationEngine.defaultLeaseTimeout`). When the stopped one is continued it must
    /// notice and touch nothing: no order created twice, no write sent twice, the lease left with the new owner.
    @Test func aStoppedOwnerLosesTheLeaseAndTouchesNothingWhenItWakes() async throws {
        let binary = Self.binary
        try #require(FileManager.default.isExecutableFile(atPath: binary.path), "build the executable first: swift build (scripts/test does)")
        var cartonCloud = EngineBed.fastCartonCloud()
        cartonCloud.duplicateReferenceCheck = false
        try await EngineBed.with(cartonCloudConfiguration: cartonCloud, start: false) { bed in
            let autopilot = Task { await WarehouseAutopilot(cartonCloud: bed.cartonCloud).run() }
            let first = try Self.start(binary, dataDir: bed.directory)
            var sales = (0..<4).map { _ in bed.sale() }
            func completed() -> Bool { sales.allSatisfy { bed.unit($0)?.state == .completed } }
            func owner() -> Int32? { (try? bed.store.lease(integrationID: bed.integrationID))?.pid }
            try await bed.wait("the first process to own the integration and sync") { owner() == first.processIdentifier && completed() }
            // Freeze it with work in hand, inside a create or a write-back when one comes within a few seconds.
            for _ in 0..<8 { sales.append(bed.sale()) }
            let deadline = Date().addingTimeInterval(5)
            func inFlight() -> [ShipmentState] {
                [ShipmentState.creating, .writingBack].filter {
                    !((try? bed.store.units(state: $0, integrationID: bed.integrationID, limit: 1)) ?? []).isEmpty
                }
            }
            while Date() < deadline, inFlight().isEmpty { try await Task.sleep(nanoseconds: 1_000_000) }
            kill(first.processIdentifier, SIGSTOP)
            let frozenIn = inFlight()
            let second = try Self.start(binary, dataDir: bed.directory)
            do {
                try await bed.wait("the second process to take over from the stopped one", timeout: IntegrationEngine.defaultLeaseTimeout + 60) {
                    owner() == second.processIdentifier
                }
            } catch {
                // SQLite: a process frozen inside a write transaction (a status save, an audit batch, the shared rate
                // budget) keeps the database's write lock, so no other process can write — the lease included — until
                // it runs again. Known and inherent to the embedded store; anything else is a real failure.
                let locked = (try? bed.sqliteStore.write { db in try db.execute(sql: "UPDATE integration SET enabled = enabled WHERE 0") }) == nil
                if locked {
                    withKnownIssue("a process frozen while holding SQLite's write lock blocks every other writer", isIntermittent: true) {
                        Issue.record("no takeover: the frozen process holds the database's write lock")
                    }
                } else {
                    Issue.record(error)
                }
                kill(first.processIdentifier, SIGCONT)
                autopilot.cancel()
                _ = second.stop()
                _ = first.stop()
                return
            }
            try await bed.wait("every sale to complete under the second process", timeout: 60) { completed() }
            kill(first.processIdentifier, SIGCONT)
            // Awake again: more work arrives; only the new owner may do it.
            for _ in 0..<4 { sales.append(bed.sale()) }
            try await bed.wait("the sales after the wake-up to complete", timeout: 60) { completed() }
            #expect(owner() == second.processIdentifier, "the woken process must not take the lease back")
            let report = try bed.invariants(
                sales,
                options: Invariants.Options(complete: true, unknownOutcomes: frozenIn.contains(.writingBack) ? 1 : 0)
            )
            print("stopped owner: frozen in \(frozenIn.map(\.rawValue)); \(report)")
            // This test found a process frozen in `creating` sending its create when it woke, after the new owner had
            // searched, found nothing and created the order (a second warehouse order with CartonCloud's duplicate check
            // off). The engine now re-checks its lease right before every create and write, which closes the window
            // except for a freeze between that check and the request leaving the process (it includes the shared rate
            // budget's acquisition): only the warehouse can fence that (CartonCloud's duplicate-reference check, a tenant
            // setting; README says to keep it on).
            let doubled = report.problems.filter { $0.contains("orders accepted by the warehouse") || $0.contains("live warehouse orders") }
            withKnownIssue("a freeze between the lease check and the create leaving the process can still double it", isIntermittent: true) {
                #expect(doubled.isEmpty, "\(doubled)")
                #expect(report.creates == report.liveOrders && report.liveOrders == sales.count, "\(report)")
            }
            #expect(report.problems.filter { !doubled.contains($0) }.isEmpty, "\(report.problems.prefix(10))")
            #expect(report.completed == sales.count, "\(report)")
            autopilot.cancel()
            #expect(second.stop() == 0)
            #expect(first.stop() == 0, "the woken process should still stop cleanly")
        }
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

    /// Waits until the process `pid` holds the integration's lease, that is until its engine runs.
    static func waitForLease(bed: EngineBed, pid: Int32, timeout: TimeInterval = 30) async throws {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline, (try? bed.store.lease(integrationID: bed.integrationID))?.pid != pid {
            try await Task.sleep(nanoseconds: 50_000_000)
        }
    }

    /// Polls the invariants until every sale is settled (or an order is already doubled, which no wait undoes).
    static func waitForCompletion(
        bed: EngineBed,
        sales: [SimSaleRef],
        options: Invariants.Options = Invariants.Options(),
        timeout: TimeInterval
    ) async throws -> Invariants.Report {
        let deadline = Date().addingTimeInterval(timeout)
        var report = Invariants.Report()
        while Date() < deadline {
            report = try Invariants.check(sales: sales, bed: bed, options: options)
            if report.settled || report.problems.contains(where: { $0.contains("orders accepted by the warehouse") }) { break }
            try await Task.sleep(nanoseconds: 250_000_000)
        }
        return report
    }
}

/// With throttling, 5xx, timeouts and dropped connections injected on both sides, the same invariants hold and
/// nothing is left stuck, on every platform (64 sales with CartonCloud, 16 with each shipping platform).
@Suite(.serialized)
struct FaultSoakTests {
    @Test(arguments: WarehousePlatform.allCases)
    func faultsOnBothSidesLoseAndDoubleNothing(_ platform: WarehousePlatform) async throws {
        let faults = SimulatorFaults(serverErrorRate: 0.08, malformedRate: 0.04, dropRate: 0.04, hangRate: 0.01, hangSeconds: 3)
        var cin7 = EngineBed.fastCin7()
        cin7.faults = faults
        // Fewer sales make fewer calls: the lower limit keeps Cin7 throttling in the shipping platforms' shorter runs.
        cin7.rateLimit = platform == .cartonCloud ? 40 : 16
        // Each platform's real limit is below what the engine believes (another app on the same key), so it refuses
        // calls for real: CartonCloud 8 creates a second (the engine: 30), ShipStation 10 calls a second (the engine:
        // 40), Starshipit 8 a second (the engine: Production's 20). ShipStation's client stops at the window's
        // `X-Rate-Limit-Remaining`, so only the other app spending the window (below) makes it meet a 429.
        var cc = EngineBed.fastCartonCloud()
        cc.faults = faults
        cc.duplicateReferenceCheck = false
        cc.createRateLimit = 8
        var shipStation = EngineBed.fastShipStation()
        shipStation.faults = faults
        shipStation.rateLimit = 10
        var starshipit = EngineBed.fastStarshipit()
        starshipit.faults = faults
        starshipit.requestsPerSecond = 8
        let count = platform == .cartonCloud ? 64 : 16
        try await EngineBed.with(
            platform: platform,
            cin7Configuration: cin7,
            cartonCloudConfiguration: cc,
            shipStationConfiguration: shipStation,
            starshipitConfiguration: starshipit,
            configure: { config, seed in
                CrashTests.mixedOptions(&config, seed)
                config.limits.cin7CallsPerWindow = 60
                config.limits.warehouseCreatesPerWindow = 30
                config.limits.requestTimeout = 1
            }
        ) { bed in
            let started = Date()
            let autopilot = Task { await WarehouseAutopilot(bed: bed).run() }
            let otherApp = Task {
                while platform == .shipStation && !Task.isCancelled {
                    bed.shipStation.spendRateLimit(calls: 10)
                    try? await Task.sleep(nanoseconds: 700_000_000)
                }
            }
            var sales: [SimSaleRef] = []
            for index in 0..<count { sales.append(CrashTests.mixedSale(bed, index)) }
            // Writes whose outcome is unknown: Cin7 acted, then the answer was garbled, dropped or late.
            let unknown = { bed.cin7.stats.faultsInjected.filter { $0.key != "serverError" }.values.reduce(0, +) }
            let report = try await CrashTests.waitForCompletion(
                bed: bed,
                sales: sales,
                options: Invariants.Options(complete: true, unknownOutcomes: unknown()),
                timeout: 180
            )
            let final = try bed.invariants(sales, options: Invariants.Options(complete: true, unknownOutcomes: unknown()))
            autopilot.cancel()
            otherApp.cancel()
            let injected = bed.cin7.stats.faultsInjected.values.reduce(0, +) + bed.platformFaultsInjected
            print(
                "fault soak (\(platform.displayName)): \(String(format: "%.0f", Date().timeIntervalSince(started))) s, \(injected) faults injected, \(bed.cin7.stats.throttledResponses) Cin7 throttles, \(bed.platformRateLimited) \(platform.displayName) 429s; \(report)"
            )
            #expect(report.settled, "\(report)")
            #expect(final.problems.isEmpty, "\(final.problems.prefix(10))")
            #expect(final.creates == final.liveOrders, "every create the warehouse accepted should be the one live order of its unit")
            #expect(injected > count / 3)
            #expect(bed.cin7.stats.throttledResponses > 0, "the engine should have met Cin7's real limit")
            #expect(bed.platformRateLimited > 0, "the engine should have met \(platform.displayName)'s 429")
            let stuck = try bed.store.units(state: .needsAttention, integrationID: bed.integrationID)
            #expect(stuck.isEmpty, "\(stuck.map { "\($0.orderNumber): \($0.reason ?? "")" }.prefix(5))")
        }
    }
}
