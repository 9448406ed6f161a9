import BridgeSupport
import Foundation
import ShipStation

extension ShipStationWarehouse {
    /// The adapter as `Connectors` builds a warehouse: one budget per key pair in `budgets` (so every process using
    /// the key shares it, shipstation-api.md L63), the engine's timeout and call observer. `rate` is ShipStation's
    /// 40 calls a minute (L59) unless a test shortens the window.
    public static func connect(
        baseURL: URL,
        apiKey: String,
        apiSecret: Secret,
        storeID: Int?,
        rate: RatePolicy = RatePolicy(limit: 40, window: 60),
        timeout: TimeInterval = 30,
        allowInsecureHTTP: Bool = false,
        budgets: any RateBudgetStore = InMemoryRateBudgetStore(),
        clock: any BridgeClock = SystemClock(),
        observer: APICallObserver? = nil
    ) -> ShipStationWarehouse {
        let configuration = ShipStationConfiguration(
            baseURL: baseURL,
            apiKey: apiKey,
            apiSecret: apiSecret,
            rate: rate,
            timeout: timeout,
            allowInsecureHTTP: allowInsecureHTTP,
            throttleCooldown: min(5, rate.window / 12)
        )
        let governor = RateGovernor(
            key: RateGovernor.budgetKey(service: ShipStationClient.service, account: apiKey, secret: apiSecret.reveal()),
            policy: rate,
            store: budgets,
            clock: clock
        )
        let client = ShipStationClient(configuration: configuration, governor: governor, clock: clock, observer: observer)
        return ShipStationWarehouse(client: client, storeID: storeID, clock: clock)
    }
}
