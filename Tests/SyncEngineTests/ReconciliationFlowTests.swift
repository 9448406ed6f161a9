import BridgeSupport
import EngineTestSupport
import Foundation
import Simulators
import SyncEngine
import TestSupport
import Testing

/// Reconciliation against the real simulators: each kind of discrepancy seeded on a platform is found, a normal
/// flow is clean, the run service reconciles on its own, and `cin7bridge reconcile` exits 1 or 0 by what it found.
@Suite(.serialized)
struct ReconciliationFlowTests {
    /// Reconciles `bed`'s integration over the last day, judging changes at once (settle 0).
    static func reconcile(_ bed: EngineBed) async throws -> ReconciliationReport {
        let config = try #require(try bed.store.integration(id: bed.integrationID)).decodedConfig()
        return try await Reconciler(store: bed.store, settle: 0).run(
            integrationID: bed.integrationID,
            config: config,
            connectors: try Connectors(config: config, store: bed.store),
            since: Date().addingTimeInterval(-86_400)
        )
    }

    /// Stops the engine so what a test seeds stays as seeded.
    static func stopEngine(_ bed: EngineBed) async throws {
        bed.host.stop()
        try await bed.wait("the engine to stop") { bed.host.runningIDs.isEmpty }
    }

    @Test(arguments: WarehousePlatform.allCases)
    func aNormalFlowIsClean(_ platform: WarehousePlatform) async throws {
        try await EngineBed.with(platform: platform) { bed in
            let shipped = bed.sale()
            let waiting = bed.sale(lines: [SimLine(sku: "BAG-35L", quantity: 1)])
            try await bed.waitForState(shipped, .inWarehouse)
            try await bed.waitForState(waiting, .inWarehouse)
            try bed.dispatch(shipped)
            try await bed.waitForState(shipped, .completed)
            let report = try await Self.reconcile(bed)
            #expect(report.findings.isEmpty, "\(report.findings)")
            #expect(report.salesCompared == 2)
            #expect(report.unitsCompared == 2)
            #expect(report.cin7Calls >= 1)
            #expect(report.warehouseCalls >= 1)
            let saved = try #require(try bed.store.lastReconciliation(integrationID: bed.integrationID))
            #expect(saved.findings == report.findings)
            #expect(saved.cin7Calls == report.cin7Calls && saved.warehouseCalls == report.warehouseCalls)
            #expect(abs(saved.ranAt.timeIntervalSince(report.ranAt)) < 0.01)
        }
    }

    /// Seeds one of each kind: a sale authorised while nothing took it in (missing); a second live order for a unit
    /// (duplicated; CartonCloud's duplicate-reference check off, since ShipStation upserts by key); an order the
    /// warehouse dispatched while Cin7 was not told (shipped, not in Cin7); a sale shipped in Cin7's UI while its
    /// order waits in the warehouse (shipped by others); a unit pending for two hours (stuck).
    @Test(arguments: WarehousePlatform.allCases)
    func eachKindOfDiscrepancyIsFound(_ platform: WarehousePlatform) async throws {
        var cartonCloud = EngineBed.fastCartonCloud()
        cartonCloud.duplicateReferenceCheck = false
        try await EngineBed.with(platform: platform, cartonCloudConfiguration: cartonCloud) { bed in
            let doubled = bed.sale()
            let dispatched = bed.sale(lines: [SimLine(sku: "BAG-35L", quantity: 1)])
            let shippedElsewhere = bed.sale(lines: [SimLine(sku: "STOVE-GAS", quantity: 1)])
            for ref in [doubled, dispatched, shippedElsewhere] { try await bed.waitForState(ref, .inWarehouse) }
            try await Self.stopEngine(bed)

            let missing = bed.sale()
            if platform == .cartonCloud {
                let config = try #require(try bed.store.integration(id: bed.integrationID)).decodedConfig()
                let request = try #require(bed.unit(doubled)?.orderRequest)
                _ = try await Connectors(config: config, store: bed.store).warehouse.createOrder(request)
                #expect(bed.liveOrderCounts()[doubled.orderNumber] == 2)
            }
            try bed.dispatch(dispatched)
            bed.cin7.shipViaUI(saleID: shippedElsewhere.saleID, carrier: "Aramex", tracking: "BYHAND-1")
            let stuck = try bed.store.insertUnit(
                ShipmentUnit(
                    integrationID: bed.integrationID,
                    saleID: UUID().uuidString,
                    orderNumber: "SO-STUCK",
                    reference: "SO-STUCK",
                    customerName: "Alpine Adventures",
                    cin7Location: "Main Warehouse",
                    state: .pending,
                    now: Date().addingTimeInterval(-7200)
                )
            )

            let report = try await Self.reconcile(bed)
            let byKind = Dictionary(grouping: report.findings, by: \.kind).mapValues { $0.map(\.orderNumber) }
            #expect(byKind[.missing] == [missing.orderNumber], "\(report.findings)")
            #expect(byKind[.shippedNotInCin7] == [dispatched.orderNumber], "\(report.findings)")
            #expect(byKind[.shippedInCin7ByOthers] == [shippedElsewhere.orderNumber], "\(report.findings)")
            #expect(byKind[.stuck] == ["SO-STUCK"], "\(report.findings)")
            #expect(report.findings(.stuck).first?.unitID == stuck.id)
            if platform == .cartonCloud {
                #expect(byKind[.duplicated] == [doubled.orderNumber], "\(report.findings)")
                #expect(report.findings(.duplicated).first?.warehouseOrderIDs.count == 2)
            }
            #expect(report.findings.count == (platform == .cartonCloud ? 5 : 4), "\(report.findings)")
            #expect(report.findings.allSatisfy { !$0.advice.isEmpty && !$0.detail.isEmpty })
            #expect(try bed.store.lastReconciliation(integrationID: bed.integrationID)?.findings == report.findings)

            // The command says the same, grouped by kind with the advice, and what it cost.
            let printed = try CLITests.cli(["reconcile", "--data-dir", bed.directory.path, "--settle-minutes", "0"])
            #expect(printed.status == 1, "\(printed.text)")
            for kind in ReconciliationReport.Finding.Kind.allCases where platform == .cartonCloud || kind != .duplicated {
                #expect(printed.text.contains("\(kind.title) (1)"), "\(printed.text)")
            }
            #expect(printed.text.contains(" to \(report.platform)"), "\(printed.text)")
            print(printed.text)
        }
    }

    /// The run service's schedule: one loop in the host reconciles each integration it runs, saves the report and
    /// emits `reconciled` (what an alert follows).
    @Test func theHostReconcilesOnItsOwnAndSaysSo() async throws {
        try await EngineBed.with(start: false) { bed in
            let host = EngineHost(store: bed.store, reconcileInterval: 0.2, reconciliationEvery: 2)
            let heard = Task { () -> (Int64, Int)? in
                for await event in host.events {
                    if case .reconciled(let id, let findings) = event { return (id, findings) }
                }
                return nil
            }
            let running = Task { await host.run() }
            try await bed.waitForState(bed.sale(), .inWarehouse)
            try await bed.wait("a reconciliation to be saved") { try bed.store.lastReconciliation(integrationID: bed.integrationID) != nil }
            let event = await heard.value
            host.stop()
            await running.value
            let report = try #require(try bed.store.lastReconciliation(integrationID: bed.integrationID))
            #expect(event?.0 == bed.integrationID)
            #expect(event?.1 == report.findings.count)
            #expect(report.findings.isEmpty, "\(report.findings)")
        }
    }

    /// `cin7bridge reconcile`: 0 and a clean JSON report after a normal flow; 1 and the finding, its advice and the
    /// calls spent once a sale slipped through; one sentence and 66 for an integration that does not exist.
    @Test func theCommandExitsByWhatItFound() async throws {
        try await EngineBed.with { bed in
            try await bed.waitForState(bed.sale(), .inWarehouse)
            let arguments = ["reconcile", "--data-dir", bed.directory.path, "--settle-minutes", "0"]
            let clean = try CLITests.cli(arguments + ["--integration", "Test", "--json"])
            #expect(clean.status == 0, "\(clean.text)")
            let decoder = JSONDecoder()
            decoder.dateDecodingStrategy = .iso8601
            let json = try #require(clean.text.firstIndex(of: "[").map { clean.text[$0...] })
            let reports = try decoder.decode([ReconciliationReport].self, from: Data(json.utf8))
            #expect(reports.count == 1)
            #expect(reports.first?.findings.isEmpty == true)
            #expect(reports.first?.integrationName == "Test")

            try await Self.stopEngine(bed)
            let missing = bed.sale()
            let found = try CLITests.cli(arguments)
            #expect(found.status == 1, "\(found.text)")
            #expect(found.text.contains("Missing from the warehouse (1)"), "\(found.text)")
            #expect(found.text.contains(missing.orderNumber), "\(found.text)")
            #expect(found.text.contains("→ Check that `cin7bridge run` is running"), "\(found.text)")
            #expect(found.text.contains("calls to Cin7,") || found.text.contains("call to Cin7,"), "\(found.text)")
            print(found.text)

            let unknown = try CLITests.cli(arguments + ["--integration", "Nope"])
            #expect(unknown.status == 66, "\(unknown.text)")
            #expect(unknown.text.hasPrefix("Error: No integration named \"Nope\""), "\(unknown.text)")
        }
    }

    /// Cin7 not answering: one sentence saying so, exit 69 (unavailable), nothing saved.
    @Test func anUnreachableServiceIsOneSentence() throws {
        let (directory, store, units) = try CLITests.seeded()
        defer { try? FileManager.default.removeItem(at: directory) }
        let output = try CLITests.cli(["reconcile", "--data-dir", directory.path])
        #expect(output.status == 69, "\(output.text)")
        #expect(output.text.hasPrefix("Error: Reconciling \"Test\" failed: "), "\(output.text)")
        #expect(output.text.split(separator: "\n").count == 1, "\(output.text)")
        #expect(try store.lastReconciliation(integrationID: units[0].integrationID) == nil)
    }
}
