import Foundation
import Simulators
import SyncEngine

/// What a test needs from the fulfilment platform, the same for every platform: its orders, live orders per
/// reference, dispatching an order with tracking, and cancelling it there. Implemented with each simulator's hooks.
extension EngineBed {
    /// Every order the platform's simulator holds (deleted, cancelled and rejected ones included).
    public func platformOrders() -> [PlatformOrder] {
        switch platform {
        case .cartonCloud:
            return cartonCloud.orders().map { order in
                let address = order.request.at(pointer: "/details/deliver/address")
                return PlatformOrder(
                    id: order.id,
                    reference: order.reference,
                    status: order.status,
                    accepted: order.status != "REJECTED",
                    live: !order.deleted && order.status != "REJECTED",
                    dispatched: order.status == "DISPATCHED",
                    warehouseID: order.warehouseID,
                    lines: order.lines.map { (sku: $0.code, quantity: $0.quantity) },
                    company: address?["companyName"]?.stringValue,
                    contact: address?["contactName"]?.stringValue,
                    trackingNumbers: cartonCloud.consignments(orderID: order.id).compactMap { $0.tracking?.number }
                )
            }
        case .shipStation:
            return shipStation.allOrders().map { order in
                let live = shipStation.shipments(orderID: order.orderId).filter { !$0.voided }.sorted { $0.shipmentId < $1.shipmentId }
                let marked = shipStation.fulfillments(orderID: order.orderId).filter { !$0.voided }.compactMap(\.trackingNumber)
                var lines: [(sku: String, quantity: Double)] = []
                if case .array(let items)? = order.body["items"] {
                    lines = items.map { (sku: $0["sku"]?.stringValue ?? "", quantity: $0["quantity"]?.doubleValue ?? 0) }
                }
                return PlatformOrder(
                    id: String(order.orderId),
                    reference: order.orderKey,
                    status: order.status,
                    accepted: true,
                    live: !order.deleted && order.status != "cancelled",
                    dispatched: order.status == "shipped",
                    warehouseID: order.warehouseId.map(String.init),
                    lines: lines,
                    company: order.body.at(pointer: "/shipTo/company")?.stringValue,
                    contact: order.body.at(pointer: "/shipTo/name")?.stringValue,
                    trackingNumbers: live.map(\.trackingNumber) + marked
                )
            }
        case .starshipit:
            let printed = writebackPoint == .labelPrinted
            return starshipit.allOrders().map { order in
                PlatformOrder(
                    id: String(order.orderID),
                    reference: order.orderNumber,
                    status: order.status,
                    accepted: true,
                    live: order.isLive,
                    dispatched: ["Shipped", "Delivered"].contains(order.status) || (printed && order.status == "Printed"),
                    warehouseID: nil,
                    lines: order.items.map { (sku: $0.sku, quantity: $0.quantity) },
                    company: order.request.at(pointer: "/destination/company")?.stringValue,
                    contact: order.request.at(pointer: "/destination/name")?.stringValue,
                    trackingNumbers: order.packages.map(\.trackingNumber)
                )
            }
        }
    }

    /// Live orders per reference: CartonCloud's not deleted and not rejected orders; ShipStation's and Starshipit's
    /// `liveOrderCounts()` (ShipStation's counts a cancelled order, which will never ship, so it is taken off).
    public func liveOrderCounts() -> [String: Int] {
        switch platform {
        case .cartonCloud:
            return cartonCloud.orders().filter { !$0.deleted && $0.status != "REJECTED" }.reduce(into: [:]) { $0[$1.reference, default: 0] += 1 }
        case .shipStation:
            var counts = shipStation.liveOrderCounts()
            for order in shipStation.allOrders() where !order.deleted && order.status == "cancelled" {
                counts[order.orderKey, default: 0] -= 1
                if counts[order.orderKey] == 0 { counts[order.orderKey] = nil }
            }
            return counts
        case .starshipit:
            return starshipit.liveOrderCounts()
        }
    }

    /// The platform orders carrying exactly `reference` (deleted and cancelled ones included).
    public func platformOrders(reference: String) -> [PlatformOrder] { platformOrders().filter { $0.reference == reference } }

    /// The live platform orders carrying exactly `reference`.
    public func liveOrders(reference: String) -> [PlatformOrder] { platformOrders(reference: reference).filter(\.live) }

    /// The platform order `id`.
    public func platformOrder(id: String) -> PlatformOrder? { platformOrders().first { $0.id == id } }

    /// The Starshipit write-back point the integration is configured with (print unless set).
    var writebackPoint: IntegrationConfig.Fulfilment.WritebackPoint {
        ((try? store.integration(id: integrationID)?.decodedConfig())?.fulfilment.writebackOn) ?? .labelPrinted
    }

    /// The platform ships order `orderID` with `packages` packages: CartonCloud picks, packs and dispatches (one
    /// consignment, the first number); ShipStation buys a label per package (several `/shipments` rows; no tracking:
    /// marked shipped without a label); Starshipit prints a label per package and, when the integration writes back
    /// on manifest, manifests it. `tracking.carrier` is what Cin7 should show: ShipStation gets it as the carrier code
    /// (an unknown code is written as is), Starshipit as the carrier name.
    public func dispatch(orderID: String, tracking: SimTracking?, trackingNumbers more: [String] = [], shortShip: [String: Double]? = nil) {
        let numbers = (tracking.map { [$0.number] } ?? []) + more
        switch platform {
        case .cartonCloud:
            cartonCloud.pick(orderID: orderID)
            cartonCloud.pack(orderID: orderID)
            cartonCloud.dispatch(orderID: orderID, tracking: tracking, shortShip: shortShip)
        case .shipStation:
            guard let id = Int(orderID) else { return }
            if let tracking {
                shipStation.shipOrder(
                    orderID: id,
                    packages: numbers.map { ShipStationSimPackage(carrierCode: tracking.carrier, trackingNumber: $0) }
                )
            } else {
                shipStation.markShipped(orderID: id)
            }
        case .starshipit:
            guard let id = Int(orderID) else { return }
            starshipit.printLabel(
                orderID: id,
                carrierName: tracking?.carrier ?? "Australia Post",
                packages: max(1, numbers.count),
                trackingNumbers: numbers.isEmpty ? nil : numbers
            )
            if writebackPoint == .manifested { starshipit.manifest(orderID: id) }
        }
    }

    /// Dispatches every open, live order the platform holds (tracking `TRK<order id>`, carrier Aramex); returns how
    /// many. What `WarehouseAutopilot` does each round.
    @discardableResult
    public func dispatchOpenOrders() -> Int {
        var count = 0
        for order in platformOrders() where order.live && !order.dispatched && Self.isOpen(order) {
            dispatch(orderID: order.id, tracking: SimTracking(number: "TRK\(order.id)", carrier: "Aramex", url: "https://track.example/\(order.id)"))
            count += 1
        }
        return count
    }

    static func isOpen(_ order: PlatformOrder) -> Bool {
        ["AWAITING_PICK_AND_PACK", "awaiting_shipment", "Unshipped", "Saved"].contains(order.status)
    }
}

extension EngineBed {
    /// Faults the platform's simulator injected, and the calls it refused for its rate limit (429).
    public var platformFaultsInjected: Int {
        switch platform {
        case .cartonCloud: cartonCloud.stats.faultsInjected.values.reduce(0, +)
        case .shipStation: shipStation.stats.faultsInjected.values.reduce(0, +)
        case .starshipit: starshipit.stats.faultsInjected.values.reduce(0, +)
        }
    }

    public var platformRateLimited: Int {
        switch platform {
        case .cartonCloud: cartonCloud.stats.rateLimited
        case .shipStation: shipStation.stats.rateLimited
        case .starshipit: starshipit.stats.rateLimited
        }
    }

    /// Sets the platform simulator's faults (none: `.none`).
    public func setPlatformFaults(_ faults: SimulatorFaults) {
        switch platform {
        case .cartonCloud: cartonCloud.faults = faults
        case .shipStation: shipStation.faults = faults
        case .starshipit: starshipit.faults = faults
        }
    }
}

extension EngineBed {
    /// Stops the platform's simulator (an outage); `startPlatform(port:)` brings it back on the same port.
    public func stopPlatform() async {
        switch platform {
        case .cartonCloud: await cartonCloud.stop()
        case .shipStation: await shipStation.stop()
        case .starshipit: await starshipit.stop()
        }
    }

    public func startPlatform(port: Int) async throws {
        switch platform {
        case .cartonCloud: _ = try await cartonCloud.start(port: port)
        case .shipStation: _ = try await shipStation.start(port: port)
        case .starshipit: _ = try await starshipit.start(port: port)
        }
    }
}
