import Foundation
import Simulators

/// The live demo's story, played against a `DemoWorld`: sales authorised every few seconds (some to an unmapped
/// location, some with a SKU the warehouse lacks, some advanced with two fulfilments, one voided, one whose
/// tracking changes after dispatch), and a warehouse that picks, packs and dispatches each order after a delay — on
/// CartonCloud, or on ShipStation (labels bought, some orders in two packages, one marked shipped without a label) or
/// Starshipit (labels printed, then manifested). What only CartonCloud can show is skipped with a note.
public struct DemoScenario: Sendable {
    public var world: DemoWorld
    /// The platform whose simulator plays the warehouse (the world must run it).
    public var platform: DemoPlatform
    /// Where the storyline says what it skips or does that the screens do not show (the demo's log).
    public var note: @Sendable (String) -> Void
    /// Seconds between new sales.
    public var saleInterval: TimeInterval
    /// Seconds an order waits at each warehouse step.
    public var warehouseDelay: TimeInterval
    /// Stop authorising after this many sales (the warehouse keeps working).
    public var maxSales: Int

    public init(
        world: DemoWorld,
        platform: DemoPlatform = .cartonCloud,
        saleInterval: TimeInterval = 4,
        warehouseDelay: TimeInterval = 5,
        maxSales: Int = 60,
        note: @escaping @Sendable (String) -> Void = { _ in }
    ) {
        self.world = world
        self.platform = platform
        self.note = note
        self.saleInterval = saleInterval
        self.warehouseDelay = warehouseDelay
        self.maxSales = maxSales
    }

    /// The kind of the `index`th sale.
    public static func kind(of index: Int) -> DemoSaleKind {
        switch index % 10 {
        case 3: .unmapped
        case 5: .unknownSKU
        case 7: .advanced
        case 8: .northside
        case 9: .withService
        default: .normal
        }
    }

    /// What the storyline cannot show on `platform` (written to the demo's log when it starts).
    public static func skipped(on platform: DemoPlatform) -> [String] {
        switch platform {
        case .cartonCloud:
            return []
        case .shipStation:
            return [
                "ShipStation accepts any SKU: sales with \(DemoWorld.missingSKU) go through instead of being refused (CartonCloud's unknown-SKU story is skipped; M changes nothing here).",
                "ShipStation has no pick and pack steps: orders wait, then ship with labels (some in two packages), or are marked shipped without one (no tracking).",
            ]
        case .starshipit:
            return [
                "Starshipit accepts any SKU: sales with \(DemoWorld.missingSKU) go through instead of being refused (CartonCloud's unknown-SKU story is skipped; M changes nothing here).",
                "Starshipit labels always carry tracking and a printed label is not re-printed: the no-tracking dispatch and the tracking change are skipped.",
                "Starshipit orders are printed (the write-back point), then manifested; some print two packages.",
            ]
        }
    }

    /// Runs until cancelled.
    public func run() async {
        var index = 0
        var nextSale = Date()
        var voided = false
        var retracked = false
        var firstStep: [String: Date] = [:]
        for line in Self.skipped(on: platform) { note(line) }
        while !Task.isCancelled {
            let now = Date()
            if index < maxSales, now >= nextSale {
                let ref = world.authoriseSale(Self.kind(of: index), index: index)
                if index == 4, !voided {
                    // One sale is voided shortly after it is authorised.
                    let saleID = ref.saleID
                    let world = self.world
                    let delay = warehouseDelay
                    Task {
                        try? await Task.sleep(nanoseconds: UInt64(delay * 0.6 * 1_000_000_000))
                        world.cin7.void(saleID: saleID)
                    }
                    voided = true
                }
                index += 1
                nextSale = now.addingTimeInterval(saleInterval)
            }
            switch platform {
            case .cartonCloud: advanceCartonCloud(now: now, steps: &firstStep, retracked: &retracked)
            case .shipStation:
                if let shipStation = world.shipStation { advanceShipStation(shipStation, now: now, steps: &firstStep, retracked: &retracked) }
            case .starshipit:
                if let starshipit = world.starshipit { advanceStarshipit(starshipit, now: now, steps: &firstStep) }
            }
            try? await Task.sleep(nanoseconds: 250_000_000)
        }
    }

    /// CartonCloud's warehouse: pick, pack, dispatch (with tracking on most orders), and one tracking change.
    func advanceCartonCloud(now: Date, steps firstStep: inout [String: Date], retracked: inout Bool) {
        for order in world.cartonCloud.orders() where !order.deleted {
            let seen = firstStep[order.id] ?? now
            firstStep[order.id] = seen
            guard now.timeIntervalSince(seen) >= warehouseDelay else { continue }
            switch order.status {
            case "AWAITING_PICK_AND_PACK":
                world.cartonCloud.pick(orderID: order.id)
                firstStep[order.id] = now
            case "PACKING_IN_PROGRESS", "PICKED":
                world.cartonCloud.pack(orderID: order.id)
                firstStep[order.id] = now
            case "PACKED":
                let number = "AP\(100_000 + order.numericID)"
                let noTracking = order.numericID % 6 == 0
                world.cartonCloud.dispatch(
                    orderID: order.id,
                    tracking: noTracking
                        ? nil
                        : SimTracking(
                            number: number,
                            carrier: order.numericID % 2 == 0 ? "Australia Post" : "StarTrack",
                            url: "https://auspost.example/track/\(number)"
                        )
                )
                firstStep[order.id] = now
            case "DISPATCHED":
                if !retracked, now.timeIntervalSince(seen) >= warehouseDelay * 2 {
                    let number = "AP\(900_000 + order.numericID)"
                    world.cartonCloud.setTracking(
                        orderID: order.id,
                        tracking: SimTracking(number: number, carrier: "StarTrack", url: "https://startrack.example/\(number)")
                    )
                    retracked = true
                }
            default:
                break
            }
        }
    }
}
