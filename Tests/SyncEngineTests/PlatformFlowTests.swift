import BridgeSupport
import EngineTestSupport
import Foundation
import Simulators
import SyncEngine
import Testing

/// What only the shipping platforms (ShipStation, Starshipit) do, with the engine running against their simulators:
/// several packages, a voided label, Starshipit's write-back point; and a create whose answer is lost on every
/// platform.
@Suite(.serialized)
struct PlatformFlowTests {
    /// The create reaches the platform but its answer is lost (the connection drops after the platform acted): the
    /// engine finds the order by its reference and adopts it; the platform never holds a second one.
    @Test(arguments: WarehousePlatform.allCases)
    func aCreateWhoseAnswerIsLostIsAdoptedNotDuplicated(_ platform: WarehousePlatform) async throws {
        var cartonCloud = EngineBed.fastCartonCloud()
        cartonCloud.duplicateReferenceCheck = false
        try await EngineBed.with(platform: platform, cartonCloudConfiguration: cartonCloud) { bed in
            try await bed.waitForState(bed.sale(), .inWarehouse)  // connected, reference data read
            bed.setPlatformFaults(SimulatorFaults(dropRate: 1))
            let ref = bed.sale()
            try await bed.wait("the create of \(ref.orderNumber) to reach the platform") { !bed.platformOrders(reference: ref.orderNumber).isEmpty }
            try await Task.sleep(nanoseconds: 500_000_000)  // more answers lost: searches, a second try
            bed.setPlatformFaults(.none)
            try await bed.waitForState(ref, .inWarehouse)
            #expect(bed.platformOrders(reference: ref.orderNumber).count == 1)
            #expect(bed.liveOrderCounts()[ref.orderNumber] == 1)
            #expect(bed.unit(ref)?.warehouseOrderID == bed.platformOrders(reference: ref.orderNumber).first?.id)
            try bed.dispatch(ref)
            try await bed.waitForState(ref, .completed)
            let report = try bed.invariants([ref], options: Invariants.Options(complete: false))
            #expect(report.problems.isEmpty, "\(report.problems)")
        }
    }

    /// A shipment in several packages (ShipStation: a label per package; Starshipit: a package per label): every
    /// tracking number reaches Cin7, not only the first.
    @Test(arguments: [WarehousePlatform.shipStation, .starshipit])
    func everyPackagesTrackingNumberReachesCin7(_ platform: WarehousePlatform) async throws {
        try await EngineBed.with(platform: platform) { bed in
            let ref = bed.sale(lines: [SimLine(sku: "TENT-2P", quantity: 3)])
            try await bed.waitForState(ref, .inWarehouse)
            try bed.dispatch(ref, tracking: SimTracking(number: "PKG-1", carrier: "Aramex"), moreTracking: ["PKG-2", "PKG-3"])
            try await bed.waitForState(ref, .completed)
            #expect(bed.cin7.stats.shipPostsBySale[ref.saleID] == 1)
            let written = bed.cin7.snapshot(saleID: ref.saleID)?.fulfilments.flatMap(\.shipLines).map(\.trackingNumber) ?? []
            #expect(written.contains { $0.contains("PKG-1") }, "\(written)")
            #expect(written == ["PKG-1, PKG-2, PKG-3"], "every package's number on the ship line, as Cin7 combines them")
            #expect(bed.unit(ref)?.trackingSent?.hasSuffix("PKG-1, PKG-2, PKG-3") == true)
        }
    }

    /// ShipStation: the label is voided after the shipment was written to Cin7 (the order goes back to
    /// `awaiting_shipment`, shipstation-api.md L246; the voided label keeps its row, L244). The order needs a person
    /// (`label_voided`); Cin7 is not written again and no second order appears. Once the warehouse buys a new label,
    /// retry goes back to watching and the new number replaces the voided one in Cin7.
    @Test func aShipStationLabelVoidedAfterWriteBackNeedsAPerson() async throws {
        try await EngineBed.with(platform: .shipStation) { bed in
            let ref = bed.sale()
            try await bed.waitForState(ref, .inWarehouse)
            try bed.dispatch(ref, tracking: SimTracking(number: "1Z-FIRST", carrier: "ups"))
            try await bed.waitForState(ref, .completed)
            let orderID = try #require(bed.unit(ref)?.warehouseOrderID.flatMap(Int.init))
            let label = try #require(bed.shipStation.shipments(orderID: orderID).first)
            bed.shipStation.voidLabel(shipmentID: label.shipmentId)
            #expect(bed.shipStation.order(id: orderID)?.status == "awaiting_shipment")
            try await bed.waitForState(ref, .needsAttention)
            let flagged = try #require(bed.unit(ref))
            #expect(flagged.reasonCode == .labelVoided && flagged.reason?.contains("1Z-FIRST") == true)
            #expect(bed.cin7.stats.shipPostsBySale[ref.saleID] == 1)
            #expect(bed.liveOrderCounts()[ref.orderNumber] == 1)

            bed.shipStation.shipOrder(orderID: orderID, packages: [ShipStationSimPackage(carrierCode: "ups", trackingNumber: "1Z-SECOND")])
            _ = try await bed.perform(.retry, unit: flagged)
            try await bed.wait("the new label's number in Cin7") {
                bed.cin7.snapshot(saleID: ref.saleID)?.fulfilments.first?.shipLines.map(\.trackingNumber) == ["1Z-SECOND"]
            }
            #expect(bed.unit(ref)?.state == .completed)
            #expect(bed.cin7.stats.shipPostsBySale[ref.saleID] == 1)
            let report = try bed.invariants([ref])
            #expect(report.problems.filter { $0.contains("live warehouse order") }.isEmpty, "\(report.problems)")
        }
    }

    /// Starshipit's write-back point (`fulfilment.writebackOn`): on print, the label's printing completes the order
    /// in Cin7; on manifest, a printed order waits (nothing written to Cin7) until it is manifested.
    @Test(arguments: IntegrationConfig.Fulfilment.WritebackPoint.allCases)
    func starshipitWritesBackOnPrintOrOnManifest(_ point: IntegrationConfig.Fulfilment.WritebackPoint) async throws {
        try await EngineBed.with(platform: .starshipit, configure: { config, _ in config.fulfilment.writebackOn = point }) { bed in
            let ref = bed.sale()
            try await bed.waitForState(ref, .inWarehouse)
            let orderID = try #require(bed.unit(ref)?.warehouseOrderID.flatMap(Int.init))
            let numbers = try #require(bed.starshipit.printLabel(orderID: orderID, carrierName: "Australia Post", trackingNumbers: ["QQQ-PRINTED"]))
            #expect(numbers == ["QQQ-PRINTED"])
            switch point {
            case .labelPrinted:
                try await bed.waitForState(ref, .completed)
            case .manifested:
                let printed = Date()
                try await bed.wait("three polls after the print") {
                    (bed.events.lastStatus?.lastPollAt ?? .distantPast) > printed.addingTimeInterval(1)
                }
                #expect(bed.unit(ref)?.state == .inWarehouse, "\(bed.unit(ref)?.state.rawValue ?? "")")
                #expect(bed.cin7.stats.shipPostsBySale[ref.saleID] == nil)
                #expect(bed.starshipit.manifest(orderID: orderID))
                try await bed.waitForState(ref, .completed)
            }
            let line = bed.cin7.snapshot(saleID: ref.saleID)?.fulfilments.first?.shipLines.first
            #expect(line?.trackingNumber == "QQQ-PRINTED")
            // No carrier mapping: written as Starshipit's own Cin7 integration writes it (seed "Writeback").
            #expect(line?.carrier == StarshipitWarehouse.defaultCarrier)
            #expect(bed.cin7.stats.shipPostsBySale[ref.saleID] == 1)
            let report = try bed.invariants([ref], options: Invariants.Options(complete: true))
            #expect(report.problems.isEmpty, "\(report.problems)")
        }
    }
}
