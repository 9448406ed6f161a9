import BridgeSupport
import CartonCloud
import Cin7Core
import Foundation
import ShipStation
import Starshipit

/// The clients one integration talks through, built from its configuration. Both Cin7 budgets and the
/// warehouse create budget live in the database so every process using the same keys shares them.
public struct Connectors: Sendable {
    public let cin7: Cin7Client
    public let warehouse: any Warehouse
    let ledger: CallLedger

    /// Builds the clients for `config`. `allowInsecureHTTP` permits plain HTTP to non-loopback hosts (loopback is
    /// always allowed, for the simulators).
    public init(config: IntegrationConfig, store: BridgeStore?, clock: any BridgeClock = SystemClock(), allowInsecureHTTP: Bool = false) throws {
        let ledger = CallLedger(integration: config.name)
        self.ledger = ledger
        let budgets: any RateBudgetStore = store.map { $0.rateBudgets() } ?? InMemoryRateBudgetStore()

        guard let cin7URL = URL(string: config.cin7.baseURL.hasSuffix("/") ? config.cin7.baseURL : config.cin7.baseURL + "/"), cin7URL.host != nil
        else {
            throw Failure.permanent(.configuration, "The Cin7 base URL \"\(config.cin7.baseURL)\" is not a valid address.")
        }
        var cin7Config = Cin7Configuration(
            baseURL: cin7URL,
            credentials: Cin7Credentials(accountID: config.cin7.accountID, applicationKey: config.cin7.applicationKey)
        )
        cin7Config.rate = RatePolicy(limit: config.limits.cin7CallsPerWindow, window: config.limits.cin7Window)
        cin7Config.timeout = config.limits.requestTimeout
        cin7Config.allowInsecureHTTP = allowInsecureHTTP
        cin7Config.throttleCooldown = min(5, config.limits.cin7Window / 12)
        cin7Config.maxThrottleCooldown = config.limits.cin7Window
        let cin7Governor = RateGovernor(
            key: Cin7Client.governorKey(for: cin7Config.credentials),
            policy: cin7Config.rate,
            store: budgets,
            clock: clock
        )
        cin7 = Cin7Client(configuration: cin7Config, governor: cin7Governor, clock: clock, observer: ledger.observer)

        let connection = config.warehouse
        guard let url = URL(string: connection.baseURL), url.host != nil else {
            throw Failure.permanent(.configuration, "The \(connection.kind.displayName) base URL \"\(connection.baseURL)\" is not a valid address.")
        }
        switch connection.kind {
        case .cartonCloud:
            warehouse = Self.cartonCloud(config, url: url, budgets: budgets, clock: clock, allowInsecureHTTP: allowInsecureHTTP, ledger: ledger)
        case .shipStation:
            warehouse = ShipStationWarehouse.connect(
                baseURL: url,
                apiKey: connection.apiKey.reveal(),
                apiSecret: connection.apiSecret,
                storeID: Int(connection.storeID),
                // ShipStation's 40 calls per key pair in a fixed window (shipstation-api.md L59-L61): a minute, unless
                // `limits.warehouseWindow` says otherwise (time-compressed tests and demos).
                rate: RatePolicy(limit: 40, window: config.limits.warehouseWindow),
                timeout: config.limits.requestTimeout,
                allowInsecureHTTP: allowInsecureHTTP,
                budgets: budgets,
                clock: clock,
                observer: ledger.observer
            )
        case .starshipit:
            let tier: StarshipitRateTier = connection.productionTier ? .production : .developer
            var starshipit = StarshipitConfiguration(baseURL: url, apiKey: connection.apiKey, subscriptionKey: connection.apiSecret, tier: tier)
            starshipit.timeout = config.limits.requestTimeout
            starshipit.allowInsecureHTTP = allowInsecureHTTP
            // One budget per subscription key (it selects the tier), shared by every process using it.
            let governor = RateGovernor(
                key: RateGovernor.budgetKey(service: StarshipitClient.service, account: "subscription", secret: connection.apiSecret.reveal()),
                policy: starshipit.rate,
                store: budgets,
                clock: clock
            )
            let client = StarshipitClient(configuration: starshipit, governor: governor, clock: clock, observer: ledger.observer)
            warehouse = StarshipitWarehouse(client: client, writebackOn: config.fulfilment.writebackOn, accountName: config.name)
        }
    }

    private static func cartonCloud(
        _ config: IntegrationConfig,
        url: URL,
        budgets: any RateBudgetStore,
        clock: any BridgeClock,
        allowInsecureHTTP: Bool,
        ledger: CallLedger
    ) -> CartonCloudWarehouse {
        let connection = config.warehouse
        var ccConfig = CartonCloudConfiguration(
            baseURL: url,
            tenantID: connection.tenantID,
            clientID: connection.clientID,
            clientSecret: connection.clientSecret
        )
        ccConfig.createRate = RatePolicy(limit: config.limits.warehouseCreatesPerWindow, window: config.limits.warehouseWindow)
        ccConfig.timeout = config.limits.requestTimeout
        ccConfig.allowInsecureHTTP = allowInsecureHTTP
        ccConfig.timeZone = config.fulfilment.resolvedTimeZone
        ccConfig.throttleCooldown = min(2, config.limits.warehouseWindow / 30)
        let createGovernor = RateGovernor(
            key: RateGovernor.budgetKey(service: "cartoncloud", account: connection.clientID, secret: connection.clientSecret.reveal()),
            policy: ccConfig.createRate,
            store: budgets,
            clock: clock
        )
        let client = CartonCloudClient(configuration: ccConfig, createGovernor: createGovernor, clock: clock, observer: ledger.observer)
        return CartonCloudWarehouse(client: client, customerID: connection.customerID)
    }

    /// Tests the Cin7 side as the wizard shows it: the company name and how many top-level locations it has.
    public func testCin7() async -> ConnectionReport {
        do {
            let me = try await cin7.me(priority: .normal)
            let locations = try await cin7.locations(priority: .normal)
            let topLevel = locations.filter { $0.ParentID == nil }.count
            return ConnectionReport(checks: [
                .init(name: "Cin7 Core", ok: true, detail: "\(me.Company ?? "Connected") — \(topLevel) location\(topLevel == 1 ? "" : "s")")
            ])
        } catch {
            return ConnectionReport(checks: [.init(name: "Cin7 Core", ok: false, detail: Failure.classify(error).message)])
        }
    }
}
