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
            withKnownIssue("write-back sends only the first package's tracking number (IntegrationEngine+Writeback.swift)") {
                for number in ["PKG-2", "PKG-3"] { #expect(written.contains { $0.contains(number) }, "\(number) not in \(written)") }
            }
        }
    }

    /// ShipStation: the label is voided after the shipment was written to Cin7 (the order goes back to
    /// `awaiting_shipment`, shipstation-api.md L246). Today the engine does not notice the void: the unit stays
    /// completed and Cin7 keeps the voided label's tracking (printed, not asserted: what it should do is the lead's
    /// call). Cin7 is not written again and no second order appears; a new label's tracking number replaces the
    /// voided one in Cin7 (the tracking watch).
    @Test func aShipStationLabelVoidedAfterWriteBack() async throws {
        try await EngineBed.with(platform: .shipStation) { bed in
            let ref = bed.sale()
            try await bed.waitForState(ref, .inWarehouse)
            try bed.dispatch(ref, tracking: SimTracking(number: "1Z-FIRST", carrier: "ups"))
            try await bed.waitForState(ref, .completed)
            let orderID = try #require(bed.unit(ref)?.warehouseOrderID.flatMap(Int.init))
            let label = try #require(bed.shipStation.shipments(orderID: orderID).first)
            bed.shipStation.voidLabel(shipmentID: label.shipmentId)
            #expect(bed.shipStation.order(id: orderID)?.status == "awaiting_shipment")
            // Several polls see the reopened order.
            let polled = Date()
            try await bed.wait("two polls after the void") { (bed.events.lastStatus?.lastPollAt ?? .distantPast) > polled.addingTimeInterval(0.5) }
            let afterVoid = try #require(bed.unit(ref))
            let cin7Tracking = bed.cin7.snapshot(saleID: ref.saleID)?.fulfilments.first?.shipLines.first?.trackingNumber
            print(
                "ShipStation label voided after write-back: unit \(afterVoid.state.rawValue) \(afterVoid.reasonCode?.rawValue ?? "") \(afterVoid.reason ?? ""); Cin7 ship \(bed.cin7.snapshot(saleID: ref.saleID)?.fulfilments.first?.shipStatus ?? "?") with tracking \(cin7Tracking ?? "none")"
            )
            #expect(bed.cin7.stats.shipPostsBySale[ref.saleID] == 1)
            #expect(bed.liveOrderCounts()[ref.orderNumber] == 1)
            // The warehouse buys a new label: its number should replace the voided one in Cin7.
            bed.shipStation.shipOrder(orderID: orderID, packages: [ShipStationSimPackage(carrierCode: "ups", trackingNumber: "1Z-SECOND")])
            let relabelled = Date()
            try await bed.wait("three polls after the new label") {
                (bed.events.lastStatus?.lastPollAt ?? .distantPast) > relabelled.addingTimeInterval(1)
            }
            let lines = bed.cin7.snapshot(saleID: ref.saleID)?.fulfilments.first?.shipLines.map(\.trackingNumber) ?? []
            let unit = try #require(bed.unit(ref))
            print(
                "ShipStation new label after the void: unit \(unit.state.rawValue), Cin7 tracking \(lines), unit trackingSent \(unit.trackingSent ?? "none")"
            )
            #expect(lines == ["1Z-SECOND"], "\(lines)")
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
            #expect(line?.carrier == "Australia Post")
            #expect(bed.cin7.stats.shipPostsBySale[ref.saleID] == 1)
            let report = try bed.invariants([ref], options: Invariants.Options(complete: true))
            #expect(report.problems.isEmpty, "\(report.problems)")
        }
    }
}
