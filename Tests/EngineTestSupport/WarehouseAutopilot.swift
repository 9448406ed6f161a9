import Simulators

/// A warehouse that ships every order it gets (with tracking), for soak and crash tests: CartonCloud picks, packs
/// and dispatches, ShipStation buys a label, Starshipit prints (and manifests when the integration waits for it).
public struct WarehouseAutopilot: Sendable {
    private let step: @Sendable () -> Void

    /// CartonCloud's autopilot, for a bed whose platform is CartonCloud.
    public init(cartonCloud: CartonCloudSimulator) {
        step = {
            for order in cartonCloud.orders() where !order.deleted && order.status == "AWAITING_PICK_AND_PACK" {
                cartonCloud.pick(orderID: order.id)
                cartonCloud.pack(orderID: order.id)
                cartonCloud.dispatch(
                    orderID: order.id,
                    tracking: SimTracking(number: "TRK\(order.numericID)", carrier: "Aramex", url: "https://track.example/\(order.numericID)")
                )
            }
        }
    }

    /// The autopilot of the bed's platform.
    public init(bed: EngineBed) {
        step = { bed.dispatchOpenOrders() }
    }

    public func run() async {
        while !Task.isCancelled {
            step()
            try? await Task.sleep(nanoseconds: 100_000_000)
        }
    }
}
