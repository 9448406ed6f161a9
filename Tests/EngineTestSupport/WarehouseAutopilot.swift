import Simulators

/// A warehouse that picks, packs and dispatches every order it gets (with tracking), for soak and crash tests.
public struct WarehouseAutopilot: Sendable {
    public var cartonCloud: CartonCloudSimulator

    public init(cartonCloud: CartonCloudSimulator) { self.cartonCloud = cartonCloud }

    public func run() async {
        while !Task.isCancelled {
            for order in cartonCloud.orders() where !order.deleted && order.status == "AWAITING_PICK_AND_PACK" {
                cartonCloud.pick(orderID: order.id)
                cartonCloud.pack(orderID: order.id)
                cartonCloud.dispatch(
                    orderID: order.id,
                    tracking: SimTracking(number: "TRK\(order.numericID)", carrier: "Aramex", url: "https://track.example/\(order.numericID)")
                )
            }
            try? await Task.sleep(nanoseconds: 100_000_000)
        }
    }
}
