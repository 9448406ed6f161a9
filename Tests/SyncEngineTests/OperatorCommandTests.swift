import BridgeSupport
import EngineTestSupport
import Foundation
import Simulators
import SyncEngine
import Testing

/// Each operator command carried out by the engine, with the result it reports and the state it leaves.
@Suite(.serialized)
struct OperatorCommandTests {
    /// A sale for a SKU the warehouse does not know: rejected, needs attention.
    static func rejected(_ bed: EngineBed) async throws -> SimSaleRef {
        let ref = bed.sale(lines: [SimLine(sku: "MYSTERY-1", quantity: 1)])
        try await bed.waitForState(ref, .needsAttention)
        return ref
    }

    @Test func skipSettlesANeedsAttentionOrderWithTheNoteAndRefusesACompletedOne() async throws {
        try await EngineBed.with { bed in
            let ref = try await Self.rejected(bed)
            let unit = try #require(bed.unit(ref))
            let result = try await bed.perform(.skip, unit: unit, argument: "customer cancelled")
            #expect(result == "Skipped \(unit.reference).")
            let skipped = try #require(bed.unit(ref))
            #expect(skipped.state == .skipped)
            #expect(skipped.reasonCode == .operatorSkip)
            #expect(skipped.reason == "Skipped by an operator: customer cancelled")
            let audit = try bed.store.recentAudit(integrationID: bed.integrationID, limit: 50)
            #expect(audit.contains { $0.message == "Skipped by operator: customer cancelled" && $0.actor == "test" && $0.unitID == unit.id })

            let done = bed.sale()
            try await bed.waitForState(done, .inWarehouse)
            try bed.dispatch(done)
            try await bed.waitForState(done, .completed)
            let refused = try await bed.perform(.skip, unit: bed.unit(done), argument: "too late")
            #expect(refused == "Not possible now: cannot skip an order that is completed.", "\(refused)")
            #expect(bed.unit(done)?.state == .completed)
        }
    }

    @Test func retryByReasonRetriesExactlyTheOrdersWithThatReason() async throws {
        try await EngineBed.with { bed in
            let first = try await Self.rejected(bed)
            let second = try await Self.rejected(bed)
            let code = try #require(bed.unit(first)?.reasonCode)
            #expect(bed.unit(second)?.reasonCode == code)
            // A different reason: voided after the warehouse started picking.
            let other = bed.sale()
            try await bed.waitForState(other, .inWarehouse)
            bed.cartonCloud.pick(orderID: try #require(bed.unit(other)?.warehouseOrderID))
            bed.cin7.void(saleID: other.saleID)
            try await bed.waitForState(other, .needsAttention)
            #expect(bed.unit(other)?.reasonCode != code)
            // The warehouse now knows the product; retrying the reason sends both again.
            _ = bed.cartonCloud.addProduct(code: "MYSTERY-1", name: "Product MYSTERY-1")
            let result = try await bed.perform(.retryReason, argument: code.rawValue)
            #expect(result == "Retrying 2 orders.")
            try await bed.waitForState(first, .inWarehouse)
            try await bed.waitForState(second, .inWarehouse)
            #expect(bed.unit(other)?.state == .needsAttention)
            let none = try await bed.perform(.retryReason, argument: "no_such_reason")
            #expect(none == "No order needs attention for that reason any more.")
        }
    }

    /// With polling an hour apart, only the commands make the engine look at Cin7 again.
    static func slowPolling(_ config: inout IntegrationConfig, _ seed: EngineBed.Seed) {
        config.limits.pollInterval = 3600
    }

    @Test func resyncReReadsOneSaleAndPollNowLooksAtCin7AtOnce() async throws {
        try await EngineBed.with(start: false, configure: Self.slowPolling) { bed in
            let draft = bed.sale(authorise: false)
            let run = Task { await bed.host.run() }
            try await bed.waitForState(draft, .skipped)
            #expect(bed.unit(draft)?.reasonCode == .status)
            bed.cin7.authorise(saleID: draft.saleID)
            let result = try await bed.perform(.resync, unit: bed.unit(draft))
            #expect(result == "Re-read \(draft.orderNumber) from Cin7.")
            try await bed.waitForState(draft, .inWarehouse)

            let later = bed.sale()
            let lists = bed.cin7.stats.count("GET", "salelist")
            let polled = try await bed.perform(.pollNow)
            #expect(polled == "Polling now.")
            try await bed.waitForState(later, .inWarehouse)
            #expect(bed.cin7.stats.count("GET", "salelist") > lists)
            bed.host.stop()
            await run.value
        }
    }

    @Test func pauseStopsTheIntegrationUntilItIsEnabledAgain() async throws {
        try await EngineBed.with { bed in
            let before = bed.sale()
            try await bed.waitForState(before, .inWarehouse)
            let result = try await bed.perform(.pause)
            #expect(result == "Paused: nothing is sent or polled until you resume.")
            #expect(try bed.store.integration(id: bed.integrationID)?.enabled == false)
            try await bed.wait("the engine to stop") { !bed.host.runningIDs.contains(bed.integrationID) }
            let during = bed.sale()
            let lists = bed.cin7.stats.count("GET", "salelist")
            // Watched for a while, through host reconciles (every 0.2 s, and forced here), it is not started again.
            let host = bed.host
            let watchedUntil = Date().addingTimeInterval(1)
            var restarted = false
            try await bed.wait("a second of paused reconciles") {
                host.reconcile()
                restarted = restarted || bed.host.runningIDs.contains(bed.integrationID)
                return Date() > watchedUntil
            }
            #expect(!restarted, "a paused integration was started again")
            #expect(bed.unit(during) == nil)
            #expect(bed.cin7.stats.count("GET", "salelist") == lists)
            // Enabled again (what the TUI's pause key does): it carries on.
            try bed.store.setEnabled(true, integrationID: bed.integrationID, actor: "test")
            try await bed.waitForState(during, .inWarehouse)
        }
    }
}
