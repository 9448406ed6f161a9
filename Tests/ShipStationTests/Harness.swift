import BridgeSupport
import Foundation
import ShipStation
import Simulators

/// A simulator on loopback and a client for its key pair.
struct Harness {
    let simulator: ShipStationSimulator
    let client: ShipStationClient

    static func start(
        rate: RatePolicy = RatePolicy(limit: 40, window: 60),
        _ configure: (inout ShipStationSimulatorConfiguration) -> Void = { _ in }
    ) async throws -> Harness {
        var configuration = ShipStationSimulatorConfiguration()
        configure(&configuration)
        let simulator = ShipStationSimulator(configuration: configuration)
        let url = try await simulator.start()
        let client = ShipStationClient(
            configuration: ShipStationConfiguration(
                baseURL: url,
                apiKey: configuration.apiKey,
                apiSecret: Secret(configuration.apiSecret),
                rate: rate,
                retry: RetryPolicy(maxAttempts: 4, backoff: Backoff(base: 0.01, cap: 0.05)),
                timeout: 5
            )
        )
        return Harness(simulator: simulator, client: client)
    }

    func order(_ key: String, number: String? = nil, skus: [String] = ["WIDGET-1"], status: OrderStatus = .awaitingShipment) -> OrderRequest {
        OrderRequest(
            orderNumber: number ?? key,
            orderKey: key,
            orderDate: PacificDate(Date()),
            orderStatus: status,
            customerEmail: "buyer@example.com",
            billTo: .init(name: "Jane Buyer"),
            shipTo: .init(
                name: "Jane Buyer",
                street1: "1 Main St",
                city: "Austin",
                state: "TX",
                postalCode: "78701",
                country: "US",
                phone: "5125550100",
                residential: true
            ),
            items: skus.enumerated().map { .init(sku: $1, name: "Item \($1)", quantity: $0 + 2, unitPrice: 9.5) },
            advancedOptions: .init(warehouseId: 456_789, customField1: "cin7sale:\(key)")
        )
    }
}
