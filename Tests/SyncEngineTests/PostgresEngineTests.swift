import EngineTestSupport
import Foundation
import SyncEngine
import Testing

/// The engine on the PostgreSQL store, against the simulators: the store swap is invisible to it.
@Suite(.serialized) struct PostgresEngineTests {
    @Test func aSaleFlowsToCompletionOnPostgres() async throws {
        let database = try StoreBackendKind.postgres.freshLocation()
        try await EngineBed.with(database: database) { bed in
            #expect(bed.store is PostgresStore)
            let ref = bed.sale()
            try await bed.waitForState(ref, .inWarehouse)
            try bed.dispatch(ref)
            try await bed.waitForState(ref, .completed)
            let report = try bed.invariants([ref])
            #expect(report.problems.isEmpty, "\(report.problems)")
            #expect(report.completed == 1)
            #expect(try bed.store.timeline(unitID: try #require(bed.unit(ref)?.id)).count > 2)
        }
    }
}
