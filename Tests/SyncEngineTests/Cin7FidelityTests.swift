import BridgeSupport
import EngineTestSupport
import Foundation
import Simulators
import SyncEngine
import Testing

/// The engine against a Cin7 simulator as strict as Cin7's documents: empty draft picks, voided fulfilments, TaskIDs,
/// deprecated products, packed boxes, the account's time zone.
@Suite(.serialized)
struct Cin7FidelityTests {
    /// Runs the bed's engine host (for tests that set the simulator up before the engine's first look); the bed
    /// itself is shut down by `EngineBed.with`.
    final class Runner: Sendable {
        let bed: EngineBed
        let task: Task<Void, Never>
        init(_ bed: EngineBed) {
            self.bed = bed
            let host = bed.host
            task = Task { await host.run() }
        }
        func stop() async {
            bed.host.stop()
            await task.value
        }
    }

    /// Item 9: a fulfilment nobody has picked yet (`"Pick": {"Status": "DRAFT", "Lines": []}`) is not ready; the sale
    /// waits, saying so, and is sent when the pick lists lines.
    @Test func emptyDraftPickWaitsAndIsSentWhenThePickHasLines() async throws {
        try await EngineBed.with(start: false, configure: { config, _ in config.orderCreation.oneOrderPerFulfilment = true }) { bed in
            let ref = bed.sale(lines: [SimLine(sku: "TENT-2P", quantity: 1)], advanced: [])
            let task = try #require(bed.cin7.addFulfilment(saleID: ref.saleID))
            let runner = Runner(bed)
            try await bed.wait("\(ref.orderNumber) to wait for its pick (\(bed.unit(ref)?.reasonCode?.rawValue ?? "unseen"))") {
                bed.unit(ref)?.reasonCode == .awaitingFulfilment
            }
            let waiting = try #require(bed.unit(ref))
            #expect(waiting.state == .skipped)
            #expect(waiting.reason?.contains("empty draft pick") == true)
            #expect(bed.cartonCloud.orders(reference: ref.orderNumber + "-F1").isEmpty)
            bed.cin7.fillDraftPick(taskID: task)
            try await bed.waitForState(ref, .inWarehouse)
            #expect(bed.unit(ref)?.taskIDs == [task])
            try bed.dispatch(ref)
            try await bed.waitForState(ref, .completed)
            #expect(bed.cin7.snapshot(saleID: ref.saleID)?.fulfilments.first?.shipStatus == "AUTHORISED")
            await runner.stop()
        }
    }

    /// Item 9 with a fulfilment already going: fulfilment 1 (picked and packed by a person) is sent at once, the
    /// empty fulfilment 2 waits and is sent when its pick lists lines.
    @Test func emptyFulfilmentWaitsWhileTheReadyOneIsSent() async throws {
        try await EngineBed.with(start: false, configure: { config, _ in config.orderCreation.oneOrderPerFulfilment = true }) { bed in
            let lines = [SimLine(sku: "TENT-2P", quantity: 1), SimLine(sku: "BAG-35L", quantity: 1)]
            let ref = bed.sale(lines: lines, advanced: [[lines[0]]])
            bed.cin7.packViaUI(saleID: ref.saleID, boxes: ["Carton A"])
            let second = try #require(bed.cin7.addFulfilment(saleID: ref.saleID))
            let runner = Runner(bed)
            func unit(_ number: Int) -> ShipmentUnit? { bed.units(ref).first { $0.fulfilmentNumber == number } }
            try await bed.wait("fulfilment 1 in the warehouse, 2 waiting") {
                unit(1)?.state == .inWarehouse && unit(2)?.reasonCode == .awaitingFulfilment
            }
            #expect(bed.cartonCloud.orders(reference: ref.orderNumber + "-F2").isEmpty)
            bed.cin7.fillDraftPick(taskID: second)
            try await bed.wait("fulfilment 2 in the warehouse") { unit(2)?.state == .inWarehouse }
            #expect(unit(2)?.taskIDs == [second])
            #expect(bed.cartonCloud.orders(reference: ref.orderNumber + "-F2").first?.lines.map(\.code) == ["BAG-35L"])
            bed.dispatchReady()
            try await bed.wait("both completed") { bed.units(ref).count == 2 && bed.units(ref).allSatisfy { $0.state == .completed } }
            let sale = try #require(bed.cin7.snapshot(saleID: ref.saleID))
            #expect(sale.fulfilments.map(\.shipStatus) == ["AUTHORISED", "AUTHORISED"])
            #expect(sale.fulfilments[0].shipLines.map(\.box) == ["Carton A"])
            await runner.stop()
        }
    }

    /// Item 11: an Advanced Sale with no fulfilment yet has no task to write to; it waits (its SaleID is not a TaskID).
    @Test func advancedSaleWithoutFulfilmentWaitsForOne() async throws {
        try await EngineBed.with { bed in
            let ref = bed.sale(lines: [SimLine(sku: "TENT-2P", quantity: 1)], advanced: [])
            try await bed.wait("\(ref.orderNumber) to wait for a fulfilment (\(bed.unit(ref)?.reasonCode?.rawValue ?? "unseen"))") {
                bed.unit(ref)?.reasonCode == .awaitingFulfilment
            }
            #expect(bed.unit(ref)?.reason?.contains("no fulfilment yet") == true)
            #expect(bed.cartonCloud.orders(reference: ref.orderNumber).isEmpty)
            let task = try #require(bed.cin7.addFulfilment(saleID: ref.saleID))
            try await bed.waitForState(ref, .inWarehouse)
            #expect(bed.unit(ref)?.taskIDs == [task])
            try bed.dispatch(ref)
            try await bed.waitForState(ref, .completed)
            #expect(bed.cin7.snapshot(saleID: ref.saleID)?.combinedShippingStatus == "SHIPPED")
        }
    }

    /// Item 10: a fulfilment voided after the order was planned is not written to; the rest of the sale completes.
    @Test func fulfilmentVoidedAfterPlanningIsNotWritten() async throws {
        try await EngineBed.with { bed in
            let lines = [SimLine(sku: "TENT-2P", quantity: 1), SimLine(sku: "BAG-35L", quantity: 1)]
            let ref = bed.sale(lines: lines, advanced: [[lines[0]], [lines[1]]])
            try await bed.waitForState(ref, .inWarehouse)
            let tasks = try #require(bed.cin7.snapshot(saleID: ref.saleID)?.fulfilments.map(\.taskID))
            bed.cin7.voidFulfilment(taskID: tasks[1])
            try bed.dispatch(ref)
            try await bed.waitForState(ref, .completed)
            let sale = try #require(bed.cin7.snapshot(saleID: ref.saleID))
            #expect(sale.fulfilments[0].shipStatus == "AUTHORISED")
            #expect(sale.fulfilments[1].pickStatus == "VOIDED")
            #expect(sale.combinedShippingStatus == "SHIPPED")
            let timeline = try bed.store.timeline(unitID: try #require(bed.unit(ref)?.id))
            #expect(timeline.contains { $0.message.contains("voided in Cin7") })
        }
    }

    /// Item 10, both modes: a fulfilment voided before the engine first looks is never planned or counted.
    @Test(arguments: [false, true])
    func fulfilmentVoidedBeforeIntakeIsNeverPlanned(perFulfilment: Bool) async throws {
        try await EngineBed.with(start: false, configure: { config, _ in config.orderCreation.oneOrderPerFulfilment = perFulfilment }) { bed in
            let lines = [SimLine(sku: "TENT-2P", quantity: 1), SimLine(sku: "BAG-35L", quantity: 1), SimLine(sku: "STOVE-GAS", quantity: 1)]
            let ref = bed.sale(lines: lines, advanced: [[lines[0]], [lines[1]], [lines[2]]])
            let tasks = try #require(bed.cin7.snapshot(saleID: ref.saleID)?.fulfilments.map(\.taskID))
            bed.cin7.voidFulfilment(taskID: tasks[1])
            let runner = Runner(bed)
            try await bed.wait("\(ref.orderNumber) to be in the warehouse") {
                !bed.units(ref).isEmpty && bed.units(ref).allSatisfy { $0.state == .inWarehouse }
            }
            let units = bed.units(ref)
            #expect(units.count == (perFulfilment ? 2 : 1))
            #expect(!units.contains { $0.taskIDs.contains(tasks[1]) })
            #expect(units.allSatisfy { !$0.taskIDs.contains(ref.saleID.lowercased()) && !$0.taskIDs.isEmpty })
            bed.dispatchReady()
            try await bed.wait("\(ref.orderNumber) to complete") { bed.units(ref).allSatisfy { $0.state == .completed } }
            let sale = try #require(bed.cin7.snapshot(saleID: ref.saleID))
            #expect(sale.fulfilments.map(\.shipStatus) == ["AUTHORISED", "VOIDED", "AUTHORISED"])
            await runner.stop()
        }
    }

    /// Item 12: `product` lists only active products unless asked; a deprecated service product is still a service.
    @Test func deprecatedServiceProductIsNeverSentToTheWarehouse() async throws {
        try await EngineBed.with(start: false) { bed in
            bed.cin7.addProduct(sku: "OLD-SVC", name: "Retired service", type: "Service")
            bed.cin7.deprecateProduct(sku: "OLD-SVC")
            let runner = Runner(bed)
            let ref = bed.sale(lines: [SimLine(sku: "TENT-2P", quantity: 1), SimLine(sku: "OLD-SVC", quantity: 1)])
            try await bed.waitForState(ref, .inWarehouse)
            let order = try #require(bed.cartonCloud.orders(reference: ref.orderNumber).first)
            #expect(order.lines.map(\.code) == ["TENT-2P"])
            await runner.stop()
        }
    }

    /// Item 13: a pack authorised in Cin7 by a person, into boxes of their own, is shipped box by box.
    @Test func shipNamesTheBoxesOfAPackMadeOutsideTheProduct() async throws {
        try await EngineBed.with { bed in
            let ref = bed.sale(lines: [SimLine(sku: "TENT-2P", quantity: 1), SimLine(sku: "BAG-35L", quantity: 1)])
            try await bed.waitForState(ref, .inWarehouse)
            bed.cin7.packViaUI(saleID: ref.saleID, boxes: ["Carton A", "Carton B"])
            try bed.dispatch(ref)
            try await bed.waitForState(ref, .completed)
            let lines = try #require(bed.cin7.snapshot(saleID: ref.saleID)?.fulfilments.first?.shipLines)
            #expect(Set(lines.map(\.box)) == ["Carton A", "Carton B"])
            #expect(lines.allSatisfy { $0.trackingNumber == "TRK123" && $0.carrier == "Aramex" })
            // A tracking change names the same boxes.
            let orderID = try #require(bed.unit(ref)?.warehouseOrderID)
            bed.cartonCloud.setTracking(orderID: orderID, tracking: SimTracking(number: "TRK999", carrier: "Aramex"))
            try await bed.wait("the new tracking in Cin7") {
                bed.cin7.snapshot(saleID: ref.saleID)?.fulfilments.first?.shipLines.allSatisfy { $0.trackingNumber == "TRK999" } == true
            }
        }
    }

    /// Item 14: without a configured time zone, the ship date is the calendar date in the Cin7 account's zone.
    @Test func shipDateUsesTheCin7AccountsTimeZoneWhenNoneIsConfigured() async throws {
        func day(_ zone: TimeZone) -> String {
            var calendar = Calendar(identifier: .gregorian)
            calendar.timeZone = zone
            let parts = calendar.dateComponents([.year, .month, .day], from: Date())
            return String(format: "%04d-%02d-%02d", parts.year!, parts.month!, parts.day!)
        }
        // UTC+14 and UTC-11 are a calendar day apart at every moment, so one of them differs from this machine's date.
        let zone = ["Pacific/Kiritimati", "Pacific/Pago_Pago"].first { day(TimeZone(identifier: $0)!) != day(.current) }!
        var cin7 = EngineBed.fastCin7()
        cin7.timeZone = zone
        try await EngineBed.with(cin7Configuration: cin7, configure: { config, _ in config.fulfilment.timeZone = "" }) { bed in
            let ref = bed.sale()
            try await bed.waitForState(ref, .inWarehouse)
            try bed.dispatch(ref)
            let expected = day(TimeZone(identifier: zone)!)
            try await bed.waitForState(ref, .completed)
            let shipped = bed.cin7.snapshot(saleID: ref.saleID)?.fulfilments.first?.shipLines.first?.shipmentDate ?? ""
            #expect(shipped.hasPrefix(expected), "\(shipped) should be \(expected) (\(zone)), not this machine's \(day(.current))")
        }
    }

    /// Issue 16: with carrier creation off, a carrier Cin7 does not have is left off the ship line rather than sent to
    /// be refused (the simulator refuses unknown carriers by default).
    @Test func unknownCarrierIsLeftOutWhenCreationIsOff() async throws {
        #expect(Cin7SimulatorConfiguration().rejectUnknownCarrierOnShip)
        try await EngineBed.with(configure: { config, _ in config.fulfilment.createMissingCarriers = false }) { bed in
            let ref = bed.sale()
            try await bed.waitForState(ref, .inWarehouse)
            try bed.dispatch(ref, tracking: SimTracking(number: "TRK7", carrier: "Brand New Couriers"))
            try await bed.waitForState(ref, .completed)
            let line = try #require(bed.cin7.snapshot(saleID: ref.saleID)?.fulfilments.first?.shipLines.first)
            #expect(line.carrier == "")
            #expect(line.trackingNumber == "TRK7")
            #expect(!bed.cin7.carrierNames.contains("Brand New Couriers"))
        }
    }
}

/// The router's view of fulfilments, without I/O.
@Suite struct FulfilmentRoutingTests {
    let locations = LocationIndex([.init(id: "main", name: "Main Warehouse", parentID: nil)])
    let sydney = IntegrationConfig.WarehouseRef(id: "w-syd", name: "Sydney DC")

    func advanced(_ fulfilments: [SaleInfo.Fulfilment]) -> SaleInfo {
        SaleInfo(
            saleID: "S1",
            orderNumber: "SO-1",
            status: "ORDERED",
            isAdvanced: true,
            customer: "C",
            location: "Main Warehouse",
            lines: [.init(sku: "TENT", name: "", quantity: 1), .init(sku: "BAG", name: "", quantity: 1)],
            fulfilments: fulfilments
        )
    }

    func router(perFulfilment: Bool) -> Router {
        Router(options: .init(defaultWarehouse: sydney, oneOrderPerFulfilment: perFulfilment), locations: locations)
    }

    @Test(arguments: [false, true])
    func voidedFulfilmentsAreNeverPlanned(perFulfilment: Bool) throws {
        let sale = advanced([
            .init(
                taskID: "T1",
                number: 1,
                pickStatus: "DRAFT",
                packStatus: "NOT AVAILABLE",
                shipStatus: "NOT AVAILABLE",
                lines: [.init(sku: "TENT", name: "", quantity: 1)]
            ),
            .init(
                taskID: "T2",
                number: 2,
                pickStatus: "VOIDED",
                packStatus: "VOIDED",
                shipStatus: "VOIDED",
                lines: [.init(sku: "BAG", name: "", quantity: 1)]
            ),
        ])
        let units = try router(perFulfilment: perFulfilment).route(sale).get()
        #expect(units.flatMap(\.taskIDs) == ["t1"])
    }

    @Test(arguments: [false, true])
    func noTaskMeansWaitingNeverTheSaleID(perFulfilment: Bool) {
        for fulfilments in [
            [], [SaleInfo.Fulfilment(taskID: "T1", number: 1, pickStatus: "VOIDED", packStatus: "VOIDED", shipStatus: "VOIDED", lines: [])],
        ] {
            guard case .failure(let skip) = router(perFulfilment: perFulfilment).route(advanced(fulfilments)) else {
                Issue.record("routed without a task")
                return
            }
            #expect(skip.code == .awaitingFulfilment)
            #expect(skip.code.reconsideredOnSaleChange)
        }
    }

    @Test func emptyDraftPickWaitsInPerFulfilmentModeWhileReadyOnesGo() throws {
        let ready = SaleInfo.Fulfilment(
            taskID: "T1",
            number: 1,
            pickStatus: "AUTHORISED",
            packStatus: "DRAFT",
            shipStatus: "NOT AVAILABLE",
            lines: [.init(sku: "TENT", name: "", quantity: 1)]
        )
        let empty = SaleInfo.Fulfilment(
            taskID: "T2",
            number: 2,
            pickStatus: "DRAFT",
            packStatus: "NOT AVAILABLE",
            shipStatus: "NOT AVAILABLE",
            lines: []
        )
        let units = try router(perFulfilment: true).route(advanced([ready, empty])).get()
        #expect(units.map(\.fulfilmentNumber) == [1, 2])
        #expect(units[0].waiting == nil)
        #expect(units[1].waiting?.code == .awaitingFulfilment)
        #expect(units[1].waiting?.reason.contains("fulfilment 2") == true)
        guard case .failure(let skip) = router(perFulfilment: true).route(advanced([empty])) else {
            Issue.record("routed an empty pick")
            return
        }
        #expect(skip.code == .awaitingFulfilment)
    }
}
