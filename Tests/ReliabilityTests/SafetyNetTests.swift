import BridgeSupport
import EngineTestSupport
import Foundation
import Simulators
import SyncEngine
import Testing

/// The engine's rarely taken paths, each run against the simulators: the reconcile that finds what the bulk
/// search missed, a void the warehouse cannot honour, and a void while a create's outcome is unknown.
@Suite(.serialized)
struct SafetyNetTests {
    /// Waits until the engine has finished `count` more warehouse polls after now.
    static func waitForWarehousePolls(_ bed: EngineBed, _ count: Int = 3) async throws {
        for _ in 0..<count {
            let after = Date()
            try await bed.wait("a warehouse poll") { (bed.events.lastStatus?.lastWarehousePollAt ?? .distantPast) > after }
        }
    }

    /// CartonCloud's clock jumps back an hour after the engine's watermark followed it forward: the bulk search
    /// ("modified since the watermark") no longer sees the dispatch. Only `reconcileQuietOrders`, reading quiet
    /// orders one by one, finds it.
    @Test func reconcileFindsADispatchTheSearchMissed() async throws {
        let clock = JumpClock()
        var cartonCloud = EngineBed.fastCartonCloud()
        cartonCloud.duplicateReferenceCheck = false
        try await EngineBed.with(cartonCloudConfiguration: cartonCloud, clock: clock) { bed in
            let early = bed.sale()
            let quiet = bed.sale()
            try await bed.waitForState(early, .inWarehouse)
            try await bed.waitForState(quiet, .inWarehouse)
            // An order changes while CartonCloud's clock runs an hour fast; the watermark follows its timestamps.
            bed.cartonCloud.advanceTime(by: 3600)
            bed.cartonCloud.setStatus(orderID: try #require(bed.unit(early)?.warehouseOrderID), status: "AWAITING_PICK_AND_PACK")
            try await bed.wait("the watermark to follow the warehouse's fast clock") {
                (try bed.store.watermark(integrationID: bed.integrationID, name: "warehouse") ?? .distantPast) > Date().addingTimeInterval(1800)
            }
            bed.cartonCloud.advanceTime(by: -3600)
            try bed.dispatch(quiet, tracking: SimTracking(number: "TRK-QUIET", carrier: "Aramex"))
            try await Self.waitForWarehousePolls(bed)
            #expect(bed.unit(quiet)?.state == .inWarehouse, "the bulk search should not see a dispatch stamped before its watermark")
            // Half a minute later by the engine's clock the order is quiet, and the reconcile reads it.
            clock.jump(by: 120)
            try await bed.waitForState(quiet, .completed)
            let report = try bed.invariants([quiet])
            #expect(report.problems.isEmpty, "\(report.problems)")
            #expect(report.completed == 1)
        }
    }

    /// Voided in Cin7 after the warehouse started picking (CartonCloud will not delete it): the order needs a
    /// person, says what to do, and when the warehouse dispatches it anyway nothing is written to the voided sale.
    @Test func voidedAfterPickingNeedsAPersonAndIsNeverWrittenBack() async throws {
        try await EngineBed.with { bed in
            let ref = bed.sale()
            try await bed.waitForState(ref, .inWarehouse)
            let orderID = try #require(bed.unit(ref)?.warehouseOrderID)
            bed.cartonCloud.pick(orderID: orderID)
            bed.cin7.void(saleID: ref.saleID)
            try await bed.waitForState(ref, .needsAttention)
            let unit = try #require(bed.unit(ref))
            #expect(unit.reasonCode == .voidedInWarehouse)
            #expect(unit.reason?.contains("Cancel it in the warehouse, then skip this order with a note") == true, "\(unit.reason ?? "")")
            #expect(bed.cartonCloud.order(id: orderID)?.deleted == false)
            // The warehouse ships it anyway.
            bed.cartonCloud.pack(orderID: orderID)
            bed.cartonCloud.dispatch(orderID: orderID, tracking: SimTracking(number: "TRK-VOID", carrier: "Aramex"))
            try await Self.waitForWarehousePolls(bed)
            #expect(bed.unit(ref)?.state == .needsAttention)
            #expect(bed.unit(ref)?.reasonCode == .voidedInWarehouse)
            let task = try #require(bed.cin7.snapshot(saleID: ref.saleID)?.fulfilments.first?.taskID)
            #expect(
                bed.cin7.stats.fulfilmentWrites[task] == nil,
                "nothing may be written to a voided sale: \(bed.cin7.stats.fulfilmentWrites[task] ?? [:])"
            )
            // The person skips it with a note; it stays skipped.
            let result = try await bed.perform(.skip, unit: bed.unit(ref), argument: "cancelled by phone")
            #expect(result == "Skipped \(unit.reference).")
            #expect(bed.unit(ref)?.state == .skipped)
        }
    }

    /// A create is sent and CartonCloud acts on it, but the answer is lost; before the engine can find out, the
    /// sale is voided in Cin7. The order the warehouse did create must not be left live behind a unit that says
    /// "cancelled" or "never reached the warehouse".
    @Test func voidWhileACreatesOutcomeIsUnknown() async throws {
        var cartonCloud = EngineBed.fastCartonCloud()
        cartonCloud.duplicateReferenceCheck = false
        // Retries two seconds apart hold the window open between the lost answer and the next look.
        try await EngineBed.with(
            cartonCloudConfiguration: cartonCloud,
            configure: { config, _ in
                config.limits.retryBase = 2
                config.limits.retryCap = 2
            }
        ) { bed in
            let first = bed.sale()
            try await bed.waitForState(first, .inWarehouse)
            // Every create searches first, so answers are dropped at random (seeded) until one create's is; then every
            // answer is dropped, so the engine cannot find out what happened while the void arrives.
            var sales = [first]
            var uncertain: SimSaleRef?
            for _ in 0..<12 where uncertain == nil {
                bed.cartonCloud.faults = SimulatorFaults(dropRate: 0.5)
                let ref = bed.sale()
                sales.append(ref)
                try await bed.wait("\(ref.orderNumber) to be created or left uncertain", timeout: 60) {
                    let unit = bed.unit(ref)
                    return unit?.state == .inWarehouse
                        || (unit?.createUncertain == true && bed.cartonCloud.orders().contains { $0.reference == ref.orderNumber })
                }
                bed.cartonCloud.faults = SimulatorFaults(dropRate: 1)
                if let unit = bed.unit(ref), unit.createUncertain, unit.state != .inWarehouse, unit.warehouseOrderID == nil { uncertain = ref }
            }
            let ref = try #require(uncertain, "no create was left with an unknown outcome in 12 tries")
            bed.cin7.void(saleID: ref.saleID)
            try await bed.wait("the engine to see the void") {
                bed.unit(ref)?.cin7Change != nil || bed.unit(ref)?.state.isSettled == true || bed.unit(ref)?.state == .needsAttention
            }
            bed.cartonCloud.faults = .none
            try await bed.wait("the voided sale to settle") {
                let unit = bed.unit(ref)
                return unit?.state == .cancelled || unit?.state == .skipped
                    || (unit?.state == .needsAttention && unit?.reasonCode?.rawValue.hasPrefix("voided") == true)
            }
            try await Self.waitForWarehousePolls(bed, 2)
            let unit = try #require(bed.unit(ref))
            let live = bed.cartonCloud.orders().filter { $0.reference == ref.orderNumber && !$0.deleted }
            print(
                "RELIABILITY void while a create's outcome is unknown: \(ref.orderNumber) ended \(unit.state.rawValue) (\(unit.reasonCode?.rawValue ?? "")), live warehouse orders \(live.count)"
            )
            if unit.state == .cancelled || unit.state == .skipped {
                #expect(live.isEmpty, "\(unit.state.rawValue) (\(unit.reason ?? "")) but warehouse order \(live.map(\.id)) is live")
            } else {
                #expect(
                    live.count == 1 && unit.warehouseOrderID == live.first?.id,
                    "needs attention for order \(unit.warehouseOrderID ?? "none"), live \(live.map(\.id))"
                )
            }
            #expect(bed.cartonCloud.orders().filter { $0.reference == ref.orderNumber }.count == 1, "one create, however many retries")
            let report = try bed.invariants(sales)
            #expect(report.problems.isEmpty, "\(report.problems)")
        }
    }
}
