import BridgeSupport
import Foundation
import Simulators
import Starshipit
import Synchronization

/// Every call the client reported (method, path, status, outcome).
final class StarshipitCallLog: Sendable {
    private let records = Mutex<[APICallRecord]>([])
    func append(_ record: APICallRecord) { records.withLock { $0.append(record) } }
    var all: [APICallRecord] { records.withLock { $0 } }
}

/// A simulator and a client that talks to it.
struct StarshipitHarness {
    let simulator: StarshipitSimulator
    let client: StarshipitClient
    let calls: StarshipitCallLog

    static func start(
        _ configure: (inout StarshipitSimulatorConfiguration) -> Void = { _ in },
        clientTier: StarshipitRateTier = .production,
        apiKey: String? = nil,
        subscriptionKey: String? = nil,
        maxThrottleRetries: Int = 6
    ) async throws -> StarshipitHarness {
        var configuration = StarshipitSimulatorConfiguration()
        // Fast unless a test asks for a tier's own rate (`requestsPerSecond = nil`).
        configuration.requestsPerSecond = 1000
        configure(&configuration)
        let simulator = StarshipitSimulator(configuration: configuration)
        let url = try await simulator.start()
        var clientConfiguration = StarshipitConfiguration(
            baseURL: url,
            apiKey: Secret(apiKey ?? configuration.apiKey),
            subscriptionKey: Secret(subscriptionKey ?? configuration.subscriptionKey),
            tier: clientTier,
            retry: RetryPolicy(maxAttempts: 4, backoff: Backoff(base: 0.02, cap: 0.1)),
            timeout: 5
        )
        clientConfiguration.throttleCooldown = 0.3
        clientConfiguration.maxThrottleRetries = maxThrottleRetries
        let calls = StarshipitCallLog()
        let client = StarshipitClient(configuration: clientConfiguration, observer: { calls.append($0) })
        return StarshipitHarness(simulator: simulator, client: client, calls: calls)
    }

    static func order(_ number: String, name: String = "John Smith") -> StarshipitOrderRequest {
        StarshipitOrderRequest(
            orderNumber: number,
            reference: "SO-\(number)",
            shippingMethod: "Express Shipping",
            destination: StarshipitAddressRequest(
                name: name,
                street: "20 George Street",
                suburb: "Sydney",
                state: "NSW",
                postCode: "2000",
                country: "Australia",
                deliveryInstructions: "Leave at door"
            ),
            items: [StarshipitItemRequest(description: "Mobile Phone", sku: "MOBILE", quantity: 1, weight: 0.65, value: 125)]
        )
    }
}
