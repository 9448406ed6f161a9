import BridgeSupport
import EngineTestSupport
import Foundation
import Simulators
import SyncEngine
import TestSupport
import Testing

/// The remaining configuration options, each changing the outcome it should.
@Suite(.serialized)
struct OptionTests {
    @Test(arguments: WarehousePlatform.allCases)
    func goLiveFromNowLeavesEarlierSalesAlone(_ platform: WarehousePlatform) async throws {
        try await EngineBed.with(
            platform: platform,
            start: false,
            configure: { config, _ in config.orderCreation.goLive = .fromNow(Date().addingTimeInterval(3600)) }
        ) { bed in
            let early = bed.sale()
            let created = Date()
            let task = Task { await bed.host.run() }
            // Two polls that started after the sale existed: the first has finished when the second starts.
            for _ in 0..<2 {
                let after = Date()
                try await bed.wait("a poll") { (bed.events.lastStatus?.lastPollAt ?? .distantPast) > max(after, created) }
            }
            // The intake watermark starts at go-live, an hour ahead: the earlier sale is never even listed.
            #expect(bed.unit(early) == nil)
            #expect(bed.platformOrders().isEmpty)
            bed.host.stop()
            await task.value
        }
    }

    @Test(arguments: WarehousePlatform.allCases)
    func trackingOffWritesTheShipmentWithoutTrackingAndCarriersCanBeLeftUncreated(_ platform: WarehousePlatform) async throws {
        try await EngineBed.with(
            platform: platform,
            configure: { config, _ in
                config.fulfilment.sendTracking = false
                config.fulfilment.createMissingCarriers = false
            }
        ) { bed in
            let ref = bed.sale()
            try await bed.waitForState(ref, .inWarehouse)
            try bed.dispatch(ref, tracking: SimTracking(number: "TRK9", carrier: "Brand New Couriers"))
            try await bed.waitForState(ref, .completed)
            let line = bed.cin7.snapshot(saleID: ref.saleID)?.fulfilments.first?.shipLines.first
            let tracking = line?.trackingNumber ?? ""
            #expect(tracking.isEmpty)
            #expect(!bed.cin7.carrierNames.contains("Brand New Couriers"))
        }
    }

    /// With Cin7 refusing ship lines whose carrier it does not have, a carrier the warehouse names is created in
    /// Cin7 first (the default `createMissingCarriers`), so the shipment is accepted, written once, with it.
    @Test(arguments: WarehousePlatform.allCases)
    func aCarrierCin7DoesNotHaveIsCreatedBeforeTheShipment(_ platform: WarehousePlatform) async throws {
        var cin7 = EngineBed.fastCin7()
        cin7.rejectUnknownCarrierOnShip = true
        try await EngineBed.with(platform: platform, cin7Configuration: cin7) { bed in
            #expect(!bed.cin7.carrierNames.contains("Brand New Couriers"))
            let ref = bed.sale()
            try await bed.waitForState(ref, .inWarehouse)
            try bed.dispatch(ref, tracking: SimTracking(number: "BNC-1", carrier: "Brand New Couriers"))
            try await bed.waitForState(ref, .completed)
            let carrier = platform == .starshipit ? StarshipitWarehouse.defaultCarrier : "Brand New Couriers"
            #expect(bed.cin7.carrierNames.filter { $0 == carrier }.count == 1)
            #expect(bed.cin7.snapshot(saleID: ref.saleID)?.fulfilments.first?.shipLines.map(\.carrier) == [carrier])
            let report = try bed.invariants([ref], options: Invariants.Options(complete: true))
            #expect(report.problems.isEmpty, "\(report.problems)")
        }
    }

    @Test func shipmentDateIsTheCalendarDateInTheAccountsTimeZone() async throws {
        // Far east of UTC (+14): from 10:00 UTC it is already tomorrow there. Engine and warehouse run at 11:00 UTC
        // whenever the test runs, so the zone always decides the date.
        let clock = OffsetClock(nextUTCHour: 11)
        try await EngineBed.with(clock: clock, configure: { config, _ in config.fulfilment.timeZone = "Pacific/Kiritimati" }) { bed in
            bed.cartonCloud.advanceTime(by: clock.offset)
            let ref = bed.sale()
            try await bed.waitForState(ref, .inWarehouse)
            try bed.dispatch(ref)
            try await bed.waitForState(ref, .completed)
            var calendar = Calendar(identifier: .gregorian)
            calendar.timeZone = TimeZone(identifier: "Pacific/Kiritimati")!
            let orderID = try #require(bed.unit(ref)?.warehouseOrderID)
            let dispatched = try #require(bed.cartonCloud.order(id: orderID)?.dispatched)
            let parts = calendar.dateComponents([.year, .month, .day], from: dispatched)
            let expected = String(format: "%04d-%02d-%02d", parts.year!, parts.month!, parts.day!)
            calendar.timeZone = TimeZone(identifier: "UTC")!
            let utc = calendar.dateComponents([.year, .month, .day], from: dispatched)
            #expect(utc.day != parts.day, "the test runs at a time where the zones disagree")
            let shipped = bed.cin7.snapshot(saleID: ref.saleID)?.fulfilments.first?.shipLines.first?.shipmentDate ?? ""
            #expect(shipped == expected, "\(shipped) should be \(expected)")
        }
    }

    @Test(arguments: WarehousePlatform.allCases)
    func aLowerCin7BudgetIsNeverExceeded(_ platform: WarehousePlatform) async throws {
        var cin7 = EngineBed.fastCin7()
        cin7.rateLimit = 10
        try await EngineBed.with(platform: platform, cin7Configuration: cin7) { bed in
            let autopilot = Task { await WarehouseAutopilot(bed: bed).run() }
            let sales = (0..<12).map { _ in bed.sale() }
            let report = try await CrashTests.waitForCompletion(bed: bed, sales: sales, timeout: 60)
            autopilot.cancel()
            #expect(report.completed == sales.count)
            #expect(bed.cin7.stats.throttledResponses == 0)
        }
    }

    /// Another application on the same keys: both services' real limits are below what the engine believes, so
    /// Cin7 throttles and CartonCloud answers 429. A refused call is not an unknown outcome: every create and
    /// every pick, pack and ship is still accepted exactly once.
    @Test func limitsLowerThanTheEngineBelievesDoubleNothing() async throws {
        var cin7 = EngineBed.fastCin7()
        cin7.rateLimit = 20
        var cartonCloud = EngineBed.fastCartonCloud()
        cartonCloud.createRateLimit = 4
        cartonCloud.duplicateReferenceCheck = false
        try await EngineBed.with(
            cin7Configuration: cin7,
            cartonCloudConfiguration: cartonCloud,
            configure: { config, seed in
                CrashTests.mixedOptions(&config, seed)
                config.limits.cin7CallsPerWindow = 60
                config.limits.warehouseCreatesPerWindow = 30
            }
        ) { bed in
            let autopilot = Task { await WarehouseAutopilot(cartonCloud: bed.cartonCloud).run() }
            let sales = (0..<32).map { CrashTests.mixedSale(bed, $0) }
            let report = try await CrashTests.waitForCompletion(bed: bed, sales: sales, options: Invariants.Options(complete: true), timeout: 120)
            autopilot.cancel()
            print(
                "lower limits: Cin7 throttled \(bed.cin7.stats.throttledResponses), CartonCloud 429 \(bed.cartonCloud.stats.rateLimited); \(report)"
            )
            #expect(report.problems.isEmpty, "\(report.problems.prefix(10))")
            #expect(report.settled, "\(report)")
            #expect(report.creates == report.liveOrders)
            #expect(bed.cin7.stats.throttledResponses > 0, "Cin7's lower limit was never met: the run proved nothing")
            #expect(bed.cartonCloud.stats.rateLimited > 0, "CartonCloud never answered 429: the run proved nothing")
        }
    }
}

/// Two `cin7bridge run` processes on one data directory: one owns the integration, nothing is doubled, and the
/// CLI reads what they do.
@Suite(.serialized)
struct ProcessTests {
    func cli(_ arguments: [String], dataDir: URL) throws -> (status: Int32, output: String) {
        let result = try CLITests.cli(arguments + ["--data-dir", dataDir.path])
        return (result.status, result.text)
    }

    @Test func twoRunProcessesShareTheWorkWithoutDoubling() async throws {
        try #require(FileManager.default.isExecutableFile(atPath: CrashTests.binary.path), "build the executable first")
        try await EngineBed.with(start: false) { bed in
            let autopilot = Task { await WarehouseAutopilot(cartonCloud: bed.cartonCloud).run() }
            let first = try CrashTests.start(CrashTests.binary, dataDir: bed.directory)
            let second = try CrashTests.start(CrashTests.binary, dataDir: bed.directory)
            let sales = (0..<25).map { _ in bed.sale() }
            let report = try await CrashTests.waitForCompletion(bed: bed, sales: sales, timeout: 120)
            #expect(report.problems.isEmpty, "\(report.problems.prefix(5))")
            #expect(report.completed == sales.count)

            // The CLI sees the same state and health.
            let status = try cli(["status", "--json"], dataDir: bed.directory)
            #expect(status.status == 0)
            #expect(status.output.contains("\"name\" : \"Test\""))
            let orders = try cli(["orders", "--state", "completed", "--json"], dataDir: bed.directory)
            #expect(orders.output.components(separatedBy: "\"state\" : \"completed\"").count - 1 == sales.count)
            let badState = try cli(["orders", "--state", "shipped"], dataDir: bed.directory)
            #expect(badState.status != 0 && badState.output.contains("Unknown state"))

            // A failure makes `status --check` fail, and `retry` from another process fixes it.
            let failing = bed.sale(lines: [SimLine(sku: "MYSTERY-1", quantity: 1)])
            try await bed.waitForState(failing, .needsAttention, timeout: 30)
            #expect(try cli(["status", "--check"], dataDir: bed.directory).status == 1)
            _ = bed.cartonCloud.addProduct(code: "MYSTERY-1", name: "Mystery")
            let retry = try cli(["retry", failing.orderNumber], dataDir: bed.directory)
            #expect(retry.status == 0 && retry.output.contains("done: Retrying \(failing.orderNumber) (to Sydney DC)."), "\(retry.output)")
            try await bed.waitForState(failing, .completed, timeout: 30)
            #expect(try cli(["status", "--check"], dataDir: bed.directory).status == 0)

            // Export leaves the secrets out.
            let export = try cli(["config", "export"], dataDir: bed.directory)
            #expect(export.status == 0)
            #expect(!export.output.contains(bed.cin7.configuration.applicationKey))
            #expect(!export.output.contains(bed.cartonCloudConfiguration.clientSecret))

            let firstStatus = first.stop()
            let secondStatus = second.stop()
            #expect(firstStatus == 0 && secondStatus == 0)
            autopilot.cancel()
        }
    }
}

@Suite(.serialized)
struct ReconfigureWhileRunningTests {
    @Test func anIntegrationAddedWhileRunningStartsAndAPausedOneStops() async throws {
        try await EngineBed.with { bed in
            var second = try #require(try bed.store.integration(named: "Test")?.decodedConfig())
            second.name = "Second"
            second.orderCreation.referencePrefix = "B-"
            let secondID = try bed.store.saveIntegration(second, actor: "test")
            let ref = bed.sale()
            try await bed.wait("both integrations to send the sale") {
                bed.cartonCloud.orders(reference: ref.orderNumber).count == 1 && bed.cartonCloud.orders(reference: "B-\(ref.orderNumber)").count == 1
            }
            #expect(bed.host.runningIDs.contains(secondID))
            try bed.store.setEnabled(false, integrationID: secondID, actor: "test")
            try await bed.wait("the paused integration to stop") { !bed.host.runningIDs.contains(secondID) }
            let later = bed.sale()
            try await bed.waitForState(later, .inWarehouse)
            #expect(bed.cartonCloud.orders(reference: "B-\(later.orderNumber)").isEmpty)
        }
    }
}
