import EngineTestSupport
import Foundation
import Simulators
import SyncEngine
import Testing

/// Every operator command gets an answer from the engine that owns the integration: done with what changed, or
/// refused with why — in the command table (for the TUI and CLI of any process) and on the order's timeline.
@Suite(.serialized)
struct CommandOutcomeTests {
    func send(_ bed: EngineBed, _ kind: OperatorAction, unit: ShipmentUnit? = nil, argument: String? = nil) async throws -> CommandAnswers {
        let command = try bed.host.command(
            OperatorCommand(integrationID: bed.integrationID, unitID: unit?.id, kind: kind, argument: argument, actor: "test", createdAt: Date())
        )
        return await CommandAnswers.wait(for: [try #require(command.id)], store: bed.store, timeout: 30)
    }

    @Test func skippingAnOrderAlreadyInTheWarehouseIsRefusedAndSaysWhy() async throws {
        try await EngineBed.with { bed in
            let ref = bed.sale()
            try await bed.waitForState(ref, .inWarehouse)
            let unit = try #require(bed.unit(ref))

            let answers = try await send(bed, .skip, unit: unit, argument: "duplicate")
            #expect(answers.unanswered == 0)
            #expect(answers.reports == [.refused("Not possible now: cannot skip an order that is in warehouse.")])
            #expect(bed.unit(ref)?.state == .inWarehouse)
            let timeline = try bed.store.timeline(unitID: try #require(unit.id))
            #expect(
                timeline.contains { $0.message == "Refused skip: Not possible now: cannot skip an order that is in warehouse." && $0.actor == "test" }
            )
        }
    }

    @Test func eachCommandSaysWhatItDid() async throws {
        try await EngineBed.with { bed in
            let failing = bed.sale(lines: [SimLine(sku: "MYSTERY-1", quantity: 1)])
            try await bed.waitForState(failing, .needsAttention)

            #expect(
                try await send(bed, .reevaluate).reports == [.done("No skipped sale could change with the configuration; nothing to re-evaluate.")]
            )
            #expect(
                try await send(bed, .retryReason, argument: "no_such_reason").reports == [
                    .refused("No order needs attention for that reason any more.")
                ]
            )
            #expect(
                try await send(bed, .skip, unit: bed.unit(failing), argument: "customer cancelled by phone").reports == [
                    .done("Skipped \(failing.orderNumber).")
                ]
            )
            #expect(bed.unit(failing)?.state == .skipped)
            #expect(try await send(bed, .retry, unit: bed.unit(failing)).reports == [.done("Retrying \(failing.orderNumber) (to Sydney DC).")])
            #expect(try await send(bed, .pollNow).reports == [.done("Polling now.")])
        }
    }
}
