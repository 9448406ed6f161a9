import BridgeSupport
import EngineTestSupport
import Foundation
import Simulators
import SyncEngine
import Testing

/// The engine against the Cin7 simulator and each platform's simulator over loopback: the order flow end to end and
/// every configuration option. Tests taking a `WarehousePlatform` run once per platform; the others are
/// CartonCloud's own (rejections, unknown products, consignments).
@Suite(.serialized)
struct EngineFlowTests {
    @Test(arguments: WarehousePlatform.allCases)
    func authorisedSaleReachesWarehouseOnceAndCompletesWithTracking(_ platform: WarehousePlatform) async throws {
        try await EngineBed.with(platform: platform) { bed in
            let ref = bed.sale()
            try await bed.waitForState(ref, .inWarehouse)
            let orders = bed.platformOrders(reference: ref.orderNumber)
            #expect(orders.count == 1)
            if platform != .starshipit { #expect(orders.first?.warehouseID == bed.seed.mainWarehouse) }
            try bed.dispatch(ref)
            try await bed.waitForState(ref, .completed)
            let sale = try #require(bed.cin7.snapshot(saleID: ref.saleID))
            #expect(sale.fulfilments.first?.shipStatus == "AUTHORISED")
            #expect(sale.fulfilments.first?.shipLines.first?.trackingNumber == "TRK123")
            // An unmapped carrier keeps the platform's name, except on Starshipit ("DEFAULT Carrier", as its own integration).
            let carrier = platform == .starshipit ? StarshipitWarehouse.defaultCarrier : "Aramex"
            #expect(sale.fulfilments.first?.shipLines.first?.carrier == carrier)
            #expect(bed.cin7.stats.shipPostsBySale[ref.saleID] == 1)
            #expect(bed.cin7.carrierNames.contains(carrier))
            let timeline = try bed.store.timeline(unitID: try #require(bed.unit(ref)?.id))
            #expect(timeline.contains { $0.kind == .call && ($0.path ?? "").lowercased().contains("ship") })
            #expect(timeline.contains { $0.message.contains("Completed") })
            let report = try bed.invariants([ref], options: Invariants.Options(complete: true))
            #expect(report.problems.isEmpty, "\(report.problems)")
            #expect(report.completed == 1 && report.liveOrders == 1)
        }
    }

    /// Starshipit has no warehouses (the account is the one), so only CartonCloud and ShipStation route.
    @Test(arguments: [WarehousePlatform.cartonCloud, .shipStation])
    func binRoutesByItsTopLevelParentsMapping(_ platform: WarehousePlatform) async throws {
        try await EngineBed.with(
            platform: platform,
            configure: { config, seed in
                config.orderCreation.defaultWarehouse = nil
                config.orderCreation.locationMappings = [
                    .init(locationID: seed.main, locationName: "Main Warehouse", warehouse: .init(id: seed.northWarehouse))
                ]
            }
        ) { bed in
            let atBin = bed.sale(location: "Main Warehouse: A-01")
            let unmapped = bed.sale(location: "Northside 3PL")
            try await bed.waitForState(atBin, .inWarehouse)
            try await bed.waitForState(unmapped, .skipped)
            #expect(bed.platformOrders(reference: atBin.orderNumber).first?.warehouseID == bed.seed.northWarehouse)
            #expect(bed.unit(unmapped)?.reasonCode == .unmappedLocation)
            #expect(bed.platformOrders(reference: unmapped.orderNumber).isEmpty)
        }
    }

    @Test func unknownSKUIsRejectedWithTheProductMessageThenCompletesAfterRetry() async throws {
        try await EngineBed.with { bed in
            let ref = bed.sale(lines: [SimLine(sku: "MYSTERY-1", quantity: 1)])
            try await bed.waitForState(ref, .needsAttention)
            let unit = try #require(bed.unit(ref))
            #expect(unit.reasonCode == .unknownSKU)
            #expect(unit.reason?.contains("MYSTERY-1") == true)
            #expect(unit.reason?.contains("Product not found") == true)
            _ = bed.cartonCloud.addProduct(code: "MYSTERY-1", name: "Mystery")
            try bed.command(.retry, unit: unit)
            try await bed.waitForState(ref, .inWarehouse)
            let live = bed.cartonCloud.orders(reference: ref.orderNumber).filter { !$0.deleted }
            #expect(live.count == 1)
            #expect(live.first?.status != "REJECTED")
            try bed.dispatch(ref)
            try await bed.waitForState(ref, .completed)
        }
    }

    /// A garbled answer (a body cut short on the way) is retried with backoff, never handed to a person; an order
    /// that keeps failing longer than `stuckAfter` shows in the health check; it still reaches the warehouse once when
    /// answers are whole again.
    @Test func garbledWarehouseAnswersAreRetriedNotSentToAttention() async throws {
        try await EngineBed.with(configure: { config, _ in config.limits.stuckAfter = 2 }) { bed in
            let keepsFailing = { try IntegrationHealth.evaluate(store: bed.store).flatMap(\.problems).first { $0.contains("keeps failing") } }
            try await bed.waitForState(bed.sale(), .inWarehouse)  // signed in, reference data read
            bed.cartonCloud.faults = SimulatorFaults(malformedRate: 1)
            let ref = bed.sale()
            try await bed.wait("\(ref.orderNumber) to retry after a garbled answer") {
                let unit = bed.unit(ref)
                #expect(unit?.state != .needsAttention, "\(unit?.reason ?? "")")
                return unit?.state == .retrying && unit?.reasonCode == .warehouse(.cartonCloud, .malformed)
            }
            #expect(bed.unit(ref)?.reason?.contains("tried again automatically") == true)
            try await bed.wait("the health check to report \(ref.orderNumber) failing for over 2 s") { try keepsFailing() != nil }
            #expect(try keepsFailing()?.contains("Order \(ref.orderNumber) keeps failing") == true)
            #expect(try keepsFailing()?.contains("could not be read") == true)
            bed.cartonCloud.faults = .none
            try await bed.waitForState(ref, .inWarehouse)
            #expect(bed.cartonCloud.orders(reference: ref.orderNumber).filter { !$0.deleted }.count == 1)
            #expect(try keepsFailing() == nil)
        }
    }

    @Test func rejectedOrderThatCannotBeDeletedIsReplacedWithAnRReference() async throws {
        var cc = EngineBed.fastCartonCloud()
        cc.deletableStatuses = ["AWAITING_PICK_AND_PACK"]
        try await EngineBed.with(cartonCloudConfiguration: cc) { bed in
            let ref = bed.sale(lines: [SimLine(sku: "MYSTERY-1", quantity: 1)])
            try await bed.waitForState(ref, .needsAttention)
            _ = bed.cartonCloud.addProduct(code: "MYSTERY-1", name: "Mystery")
            try bed.command(.retry, unit: bed.unit(ref))
            try await bed.waitForState(ref, .inWarehouse)
            #expect(bed.unit(ref)?.reference == "\(ref.orderNumber)-R1")
            #expect(bed.cartonCloud.orders(reference: "\(ref.orderNumber)-R1").count == 1)
        }
    }

    /// A sale voided in Cin7 while its platform order is open cancels that order (CartonCloud and Starshipit delete
    /// it, ShipStation sets it cancelled): no live order is left.
    @Test(arguments: WarehousePlatform.allCases)
    func voidedBeforeDispatchIsCancelledInTheWarehouse(_ platform: WarehousePlatform) async throws {
        try await EngineBed.with(platform: platform) { bed in
            let ref = bed.sale()
            try await bed.waitForState(ref, .inWarehouse)
            bed.cin7.void(saleID: ref.saleID)
            try await bed.waitForState(ref, .cancelled)
            #expect(bed.platformOrders(reference: ref.orderNumber).count == 1)
            #expect(bed.liveOrders(reference: ref.orderNumber).isEmpty, "\(bed.platformOrders(reference: ref.orderNumber).map(\.status))")
            #expect(bed.liveOrderCounts()[ref.orderNumber] == nil)
            let report = try bed.invariants([ref], options: Invariants.Options(complete: true))
            #expect(report.problems.isEmpty, "\(report.problems)")
        }
    }

    @Test(arguments: WarehousePlatform.allCases)
    func voidedAfterDispatchNeedsAttention(_ platform: WarehousePlatform) async throws {
        try await EngineBed.with(platform: platform) { bed in
            let ref = bed.sale()
            try await bed.waitForState(ref, .inWarehouse)
            try bed.dispatch(ref)
            try await bed.waitForState(ref, .completed)
            bed.cin7.void(saleID: ref.saleID)
            try await bed.waitForState(ref, .needsAttention)
            #expect(bed.unit(ref)?.reasonCode == .voidedAfterDispatch)
        }
    }

    @Test(arguments: WarehousePlatform.allCases)
    func editAfterSendingIsFlaggedWithWhatChanged(_ platform: WarehousePlatform) async throws {
        try await EngineBed.with(platform: platform) { bed in
            let ref = bed.sale()
            try await bed.waitForState(ref, .inWarehouse)
            bed.cin7.editSale(saleID: ref.saleID, lines: [SimLine(sku: "TENT-2P", quantity: 5)])
            try await bed.waitForState(ref, .needsAttention)
            #expect(bed.unit(ref)?.reasonCode == .changedAfterSend)
            #expect(bed.unit(ref)?.reason?.contains("lines changed") == true)
        }
    }

    @Test func trackingChangedAfterDispatchReachesCin7() async throws {
        try await EngineBed.with { bed in
            let ref = bed.sale()
            try await bed.waitForState(ref, .inWarehouse)
            try bed.dispatch(ref)
            try await bed.waitForState(ref, .completed)
            let orderID = try #require(bed.unit(ref)?.warehouseOrderID)
            bed.cartonCloud.setTracking(
                orderID: orderID,
                tracking: SimTracking(number: "NEW999", carrier: "StarTrack", url: "https://track.example/NEW999")
            )
            try await bed.wait("tracking NEW999 in Cin7") {
                bed.cin7.snapshot(saleID: ref.saleID)?.fulfilments.first?.shipLines.contains { $0.trackingNumber == "NEW999" } == true
            }
            try await bed.wait("the unit to record NEW999") { bed.unit(ref)?.trackingSent?.contains("NEW999") == true }
            #expect(bed.cin7.stats.shipPostsBySale[ref.saleID] == 1)
        }
    }

    /// ShipStation: marked shipped without a label (no tracking). Starshipit always has tracking once printed.
    @Test(arguments: [WarehousePlatform.cartonCloud, .shipStation])
    func dispatchWithoutTrackingUsesUndefinedCarrier(_ platform: WarehousePlatform) async throws {
        try await EngineBed.with(platform: platform) { bed in
            let ref = bed.sale()
            try await bed.waitForState(ref, .inWarehouse)
            try bed.dispatch(ref, tracking: nil)
            try await bed.waitForState(ref, .completed)
            #expect(bed.cin7.snapshot(saleID: ref.saleID)?.fulfilments.first?.shipLines.first?.carrier == "Undefined")
        }
    }

    @Test func shortShipmentNeedsAttention() async throws {
        // Only a consignment that names the order's SKUs can say it went short (by default consignments carry
        // transport items, cartoncloud-api.md ~L2136-2155).
        var configuration = EngineBed.fastCartonCloud()
        configuration.consignmentItems = .orderProducts
        try await EngineBed.with(cartonCloudConfiguration: configuration) { bed in
            let ref = bed.sale(lines: [SimLine(sku: "TENT-2P", quantity: 3)])
            try await bed.waitForState(ref, .inWarehouse)
            try bed.dispatch(ref, shortShip: ["TENT-2P": 2])
            try await bed.waitForState(ref, .needsAttention)
            #expect(bed.unit(ref)?.reasonCode == .shortShipped)
            #expect(bed.unit(ref)?.reason?.contains("TENT-2P 2 of 3") == true)
        }
    }

    @Test(arguments: WarehousePlatform.allCases)
    func advancedSaleBecomesOneOrderPerFulfilmentWhenAsked(_ platform: WarehousePlatform) async throws {
        try await EngineBed.with(platform: platform, configure: { config, _ in config.orderCreation.oneOrderPerFulfilment = true }) { bed in
            let ref = bed.sale(
                lines: [SimLine(sku: "TENT-2P", quantity: 1), SimLine(sku: "BAG-35L", quantity: 1)],
                advanced: [[SimLine(sku: "TENT-2P", quantity: 1)], [SimLine(sku: "BAG-35L", quantity: 1)]]
            )
            try await bed.wait("two units in warehouse") { bed.units(ref).count == 2 && bed.units(ref).allSatisfy { $0.state == .inWarehouse } }
            #expect(Set(bed.units(ref).map(\.reference)) == ["\(ref.orderNumber)-F1", "\(ref.orderNumber)-F2"])
            for unit in bed.units(ref) {
                let orderID = try #require(unit.warehouseOrderID)
                bed.dispatch(orderID: orderID, tracking: SimTracking(number: "T-\(unit.fulfilmentNumber)", carrier: "Aramex"))
            }
            try await bed.wait("both completed") { bed.units(ref).allSatisfy { $0.state == .completed } }
            let sale = try #require(bed.cin7.snapshot(saleID: ref.saleID))
            #expect(sale.fulfilments.count == 2)
            #expect(sale.fulfilments.allSatisfy { $0.shipStatus == "AUTHORISED" })
            let report = try bed.invariants([ref], options: Invariants.Options(complete: true))
            #expect(report.problems.isEmpty, "\(report.problems)")
            #expect(report.completed == 1 && report.creates == 2)
        }
    }

    @Test(arguments: WarehousePlatform.allCases)
    func advancedSaleAsOneOrderWritesEveryFulfilment(_ platform: WarehousePlatform) async throws {
        try await EngineBed.with(platform: platform) { bed in
            let ref = bed.sale(
                lines: [SimLine(sku: "TENT-2P", quantity: 1), SimLine(sku: "BAG-35L", quantity: 1)],
                advanced: [[SimLine(sku: "TENT-2P", quantity: 1)], [SimLine(sku: "BAG-35L", quantity: 1)]]
            )
            try await bed.waitForState(ref, .inWarehouse)
            #expect(bed.units(ref).count == 1)
            try bed.dispatch(ref)
            try await bed.waitForState(ref, .completed)
            #expect(bed.cin7.snapshot(saleID: ref.saleID)?.fulfilments.allSatisfy { $0.shipStatus == "AUTHORISED" } == true)
            // Both tasks written once each, with the warehouse's tracking on every ship line (not only the first task's).
            let report = try bed.invariants([ref], options: Invariants.Options(complete: true))
            #expect(report.problems.isEmpty, "\(report.problems)")
            #expect(report.completed == 1)
        }
    }

    @Test func orderCreationOptionsShapeTheWarehouseOrder() async throws {
        try await EngineBed.with(configure: { config, _ in
            config.orderCreation.referencePrefix = "HB-"
            config.orderCreation.deliveryInstructions = .both
            config.orderCreation.contactAsCompany = true
        }) { bed in
            let ref = bed.sale(lines: [
                SimLine(sku: "TENT-2P", quantity: 2), SimLine(sku: "INSTALL", quantity: 1), SimLine(sku: "BAG-35L", quantity: 1, dropShip: true),
            ])
            try await bed.waitForState(ref, .inWarehouse)
            let order = try #require(bed.cartonCloud.orders(reference: "HB-\(ref.orderNumber)").first)
            #expect(order.lines.map(\.code) == ["TENT-2P"])
            let body = String(decoding: try JSONEncoder().encode(order.request), as: UTF8.self)
            #expect(body.contains("Leave at dock 2"))
            #expect(body.contains("Fragile"))
            // The sale's contact ("Receiving Dept") differs from its company ("Harbour Outdoor Ltd"), so this shows the
            // contact was put in the company field.
            let address = order.request.at(pointer: "/details/deliver/address")
            #expect(address?["companyName"]?.stringValue == "Receiving Dept")
            #expect(address?["contactName"]?.stringValue == "Receiving Dept")
            #expect(body.contains("2026-12-24"))
            #expect(address?.at(pointer: "/country/iso2Code")?.stringValue == "AU", "\(String(describing: address))")
        }
    }

    @Test(arguments: WarehousePlatform.allCases)
    func statusesToImportDecideWhatComesAcross(_ platform: WarehousePlatform) async throws {
        try await EngineBed.with(platform: platform) { bed in
            let draft = bed.sale(authorise: false)
            try await bed.waitForState(draft, .skipped)
            #expect(bed.unit(draft)?.reasonCode == .status)
            bed.cin7.authorise(saleID: draft.saleID)
            try await bed.waitForState(draft, .inWarehouse)
        }
    }

    @Test func reevaluateSkippedAfterMappingChange() async throws {
        try await EngineBed.with(configure: { config, _ in
            config.orderCreation.defaultWarehouse = nil
            config.orderCreation.locationMappings = []
        }) { bed in
            let ref = bed.sale(location: "Northside 3PL")
            try await bed.waitForState(ref, .skipped)
            var config = try #require(try bed.store.integration(named: "Test")?.decodedConfig())
            config.orderCreation.locationMappings = [
                .init(locationID: bed.seed.north, locationName: "Northside 3PL", warehouse: .init(id: bed.seed.northWarehouse))
            ]
            try bed.store.saveIntegration(config, actor: "test")
            // A command reads the configuration as it is now, so one re-evaluate right after saving routes the sale.
            let result = try await bed.perform(.reevaluate)
            #expect(result == "Re-evaluated 1 skipped sale: 1 now routed.")
            try await bed.waitForState(ref, .inWarehouse)
            #expect(bed.cartonCloud.orders(reference: ref.orderNumber).first?.warehouseID == bed.seed.northWarehouse)
        }
    }

    @Test(arguments: WarehousePlatform.allCases)
    func fulfilmentOffCompletesWithoutWritingToCin7(_ platform: WarehousePlatform) async throws {
        try await EngineBed.with(platform: platform, configure: { config, _ in config.fulfilment.completeOnDispatch = false }) { bed in
            let ref = bed.sale()
            try await bed.waitForState(ref, .inWarehouse)
            try bed.dispatch(ref)
            try await bed.waitForState(ref, .completed)
            #expect(bed.cin7.snapshot(saleID: ref.saleID)?.fulfilments.first?.shipStatus != "AUTHORISED")
        }
    }

    @Test(arguments: WarehousePlatform.allCases)
    func carrierMappingNamesTheCin7Carrier(_ platform: WarehousePlatform) async throws {
        try await EngineBed.with(platform: platform, configure: { config, _ in config.fulfilment.carrierMappings = ["aramex": "Aramex Express"] }) {
            bed in
            let ref = bed.sale()
            try await bed.waitForState(ref, .inWarehouse)
            try bed.dispatch(ref)
            try await bed.waitForState(ref, .completed)
            #expect(bed.cin7.snapshot(saleID: ref.saleID)?.fulfilments.first?.shipLines.first?.carrier == "Aramex Express")
        }
    }
}

/// Cin7 calls per order stay at the API minimum: one sale read at intake, three writes at writeback, nothing per
/// order while waiting (list pages, locations, products and carriers are per poll or cached).
@Suite(.serialized)
struct CallBudgetTests {
    @Test(arguments: WarehousePlatform.allCases)
    func cin7CallsPerOrderAreOneReadAndThreeWrites(_ platform: WarehousePlatform) async throws {
        try await EngineBed.with(platform: platform) { bed in
            let autopilot = Task { await WarehouseAutopilot(bed: bed).run() }
            let count = platform == .cartonCloud ? 30 : 12
            let sales = (0..<count).map { _ in bed.sale() }
            let report = try await CrashTests.waitForCompletion(bed: bed, sales: sales, timeout: 120)
            autopilot.cancel()
            #expect(report.completed == count)
            let stats = bed.cin7.stats
            let reads = stats.count("GET", "sale")
            let writes =
                stats.count("POST", "sale/fulfilment/pick") + stats.count("POST", "sale/fulfilment/pack")
                + stats.count("POST", "sale/fulfilment/ship")
            let perOrder = Double(stats.totalRequests) / Double(count)
            print(
                "Cin7 calls per order: \(Double(reads) / Double(count)) intake reads, \(Double(writes) / Double(count)) writeback writes, \(perOrder) in total (incl. \(stats.count("GET", "salelist")) list polls); throttled \(stats.throttledResponses)"
            )
            #expect(reads == count)
            #expect(writes == 3 * count)
            #expect(stats.count("GET", "sale/fulfilment") == 0)
            #expect(stats.throttledResponses == 0)
        }
    }
}

/// An integration with nothing open in the warehouse searches it only every `quietCeiling` (six rests), not every
/// poll; once an order of its is there, every poll searches again, and the order completes as usual.
@Suite(.serialized)
struct IdleWarehouseLookTests {
    @Test func anIdleIntegrationSearchesTheWarehouseRarelyAndEveryPollOnceItHasAnOrderThere() async throws {
        try await EngineBed.with(configure: { config, _ in config.limits.pollInterval = 0.5 }) { bed in
            // Poll 0.5 s, rests of 0.25 s: an idle look every 1.5 s, where a look every poll would be 6 in 3 s.
            func searches() -> Int { bed.cartonCloud.stats.byEndpoint["POST outbound-orders/search", default: 0] }
            try await Task.sleep(for: .seconds(1))
            let idleStart = searches()
            let cin7Start = bed.cin7.stats.count("GET", "salelist")
            try await Task.sleep(for: .seconds(3))
            let idleSearches = searches() - idleStart
            let listPolls = bed.cin7.stats.count("GET", "salelist") - cin7Start
            #expect(listPolls >= 5, "Cin7 is polled every interval (\(listPolls) in 3 s)")
            // "Sync now" searches the warehouse too, however idle: right after an idle look, the next would be 1.5 s away.
            let beforeLook = searches()
            try await bed.wait("an idle look", timeout: 3) { searches() > beforeLook }
            let afterLook = searches()
            await bed.host.engine(for: bed.integrationID)?.pollNow()
            try await bed.wait("a warehouse search after sync now", timeout: 0.7) { searches() > afterLook }
            let ref = bed.sale()
            try await bed.waitForState(ref, .inWarehouse)
            let busyStart = searches()
            try await Task.sleep(for: .seconds(3))
            let busySearches = searches() - busyStart
            try bed.dispatch(ref)
            try await bed.waitForState(ref, .completed)
            print(
                "idle warehouse look: \(idleSearches) order searches in 3 idle s, \(busySearches) in 3 s with an order there; \(listPolls) Cin7 list polls"
            )
            #expect(idleSearches >= 1 && idleSearches <= 3 * busySearches / 5, "idle \(idleSearches), busy \(busySearches)")
            #expect(busySearches >= 4, "an order in the warehouse: a search every poll")
        }
    }
}

/// The timeline shows when each external call was made, not when the batch it was saved in was written.
@Suite(.serialized)
struct CallTimeTests {
    @Test func everyCallRowCarriesTheTimeOfItsCall() async throws {
        try await EngineBed.with { bed in
            let ref = bed.sale()
            try await bed.waitForState(ref, .inWarehouse)
            let calls = try bed.store.recentAudit(integrationID: bed.integrationID).filter { $0.kind == .call }
            #expect(calls.count >= 3, "\(calls.map(\.message))")
            // Saved in batches with the batch's time, a batch's calls would share one time. Two calls (one per side,
            // made concurrently) may start in the same millisecond, the store's resolution.
            let sharing = Dictionary(grouping: calls, by: \.at).values.map(\.count).max() ?? 0
            #expect(sharing <= 2, "\(calls.map { "\($0.at.timeIntervalSince1970) \($0.message)" })")
        }
    }
}
