import EngineTestSupport
import Foundation
import SyncEngine
import Testing

/// An engine whose integration another process took over (its heartbeat looked stale there: a frozen process, a
/// host cut off from the others) stops, and what it had in hand is not written: the store refuses every write made
/// under the old lease generation (`LeaseFence`).
@Suite(.serialized) struct LeaseFencingTests {
    @Test(arguments: StoreBackendKind.allCases)
    func anEngineThatLostItsLeaseStopsAndWritesNothing(_ backend: StoreBackendKind) async throws {
        let database = try backend.freshLocation()
        try await EngineBed.with(database: database) { bed in
            let first = bed.sale()
            try await bed.waitForState(first, .inWarehouse)
            let ours = try #require(try bed.store.lease(integrationID: bed.integrationID))
            // Another host takes the integration over, as it would once our heartbeat looked stale to it.
            let theirs = try #require(
                try bed.store.acquireLease(
                    integrationID: bed.integrationID,
                    holder: "other-engine",
                    host: "bridge-2",
                    pid: 4242,
                    now: Date().addingTimeInterval(IntegrationEngine.defaultLeaseTimeout + 1),
                    timeout: IntegrationEngine.defaultLeaseTimeout
                )
            )
            #expect(theirs.generation == ours.generation + 1)
            let second = bed.sale()
            try bed.dispatch(first)
            try await bed.wait("the engine to notice and stop") { bed.host.runningIDs.isEmpty }
            #expect(bed.events.problems.contains { $0.contains("took over") }, "\(bed.events.problems)")
            #expect(bed.unit(second) == nil, "the sale authorised after the takeover is the new owner's to take in")
            #expect(bed.unit(first)?.state == .inWarehouse, "the dispatch is the new owner's to write back")
            #expect(try bed.store.lease(integrationID: bed.integrationID)?.holder == "other-engine", "the lease stays with the new owner")
        }
    }
}
