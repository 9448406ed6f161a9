import BridgeSupport
import Foundation
import Simulators
import SyncEngine
import Testing

/// Both simulators on loopback, a fresh data directory and an engine host, with time compressed through
/// configuration (rate windows of a second, polls every fraction of a second).
final class TestBed: Sendable {
    let cin7: Cin7Simulator
    let cartonCloud: CartonCloudSimulator
    let store: BridgeStore
    let directory: URL
    let host: EngineHost
    let cin7URL: URL
    let cartonCloudURL: URL
    let mainWarehouseID: String
    let northWarehouseID: String
    let mainLocationID: String
    let northLocationID: String
    let runTask: Task<Void, Never>
    let cartonCloudSecret: String

    /// Starts everything; `configure` adjusts the integration before it is saved.
    init(
        cin7Configuration: Cin7SimulatorConfiguration = TestBed.fastCin7(), cartonCloudConfiguration: CartonCloudSimulatorConfiguration = TestBed.fastCartonCloud(),
        start: Bool = true, configure: (inout IntegrationConfig, TestBed.Seed) -> Void = { _, _ in }
    ) async throws {
        cin7 = Cin7Simulator(configuration: cin7Configuration)
        cartonCloud = CartonCloudSimulator(configuration: cartonCloudConfiguration)
        cartonCloudSecret = cartonCloudConfiguration.clientSecret
        cin7URL = try await cin7.start()
        cartonCloudURL = try await cartonCloud.start()
        mainLocationID = cin7.addLocation(name: "Main Warehouse")
        _ = cin7.addLocation(name: "Main Warehouse: A-01", parentID: mainLocationID, isBin: true)
        northLocationID = cin7.addLocation(name: "Northside 3PL")
        for sku in ["TENT-2P", "BAG-35L", "STOVE-GAS", "MYSTERY-1"] { _ = cin7.addProduct(sku: sku, name: "Product \(sku)") }
        _ = cin7.addProduct(sku: "INSTALL", name: "Installation", type: "Service")
        for name in ["Harbour Outdoor Ltd", "Alpine Adventures"] { _ = cin7.addCustomer(name: name) }
        mainWarehouseID = cartonCloud.addWarehouse(name: "Sydney DC")
        northWarehouseID = cartonCloud.addWarehouse(name: "Brisbane DC")
        for sku in ["TENT-2P", "BAG-35L", "STOVE-GAS"] { _ = cartonCloud.addProduct(code: sku, name: "Product \(sku)") }

        directory = FileManager.default.temporaryDirectory.appendingPathComponent("cin7bridge-test-\(UUID().uuidString)")
        store = try BridgeStore(directory: directory)
        var config = IntegrationConfig(name: "Test")
        config.cin7 = .init(accountID: cin7Configuration.accountID, applicationKey: Secret(cin7Configuration.applicationKey), baseURL: cin7URL.absoluteString)
        config.warehouse = .init(
            baseURL: cartonCloudURL.absoluteString, tenantID: cartonCloud.tenantID, clientID: cartonCloudConfiguration.clientID,
            clientSecret: Secret(cartonCloudConfiguration.clientSecret), customerID: cartonCloud.customerID)
        config.orderCreation.defaultWarehouse = .init(id: mainWarehouseID, name: "Sydney DC")
        config.orderCreation.goLive = .fromDate(Date().addingTimeInterval(-3600))
        config.limits = TestBed.fastLimits(cin7Configuration, cartonCloudConfiguration)
        configure(&config, Seed(main: mainLocationID, north: northLocationID, mainWarehouse: mainWarehouseID, northWarehouse: northWarehouseID))
        try store.saveIntegration(config, actor: "test")
        host = EngineHost(store: store, reconcileInterval: 0.2)
        let host = self.host
        runTask = start ? Task { await host.run() } : Task {}
    }

    struct Seed {
        var main: String
        var north: String
        var mainWarehouse: String
        var northWarehouse: String
    }

    static func fastCin7() -> Cin7SimulatorConfiguration {
        var configuration = Cin7SimulatorConfiguration()
        configuration.rateLimit = 60
        configuration.rateWindow = 1
        return configuration
    }

    static func fastCartonCloud() -> CartonCloudSimulatorConfiguration {
        var configuration = CartonCloudSimulatorConfiguration()
        configuration.createRateLimit = 30
        configuration.createRateWindow = 1
        return configuration
    }

    static func fastLimits(_ cin7: Cin7SimulatorConfiguration, _ cartonCloud: CartonCloudSimulatorConfiguration) -> IntegrationConfig.Limits {
        IntegrationConfig.Limits(
            cin7CallsPerWindow: cin7.rateLimit, cin7Window: cin7.rateWindow, warehouseCreatesPerWindow: cartonCloud.createRateLimit,
            warehouseWindow: cartonCloud.createRateWindow, pollInterval: 0.2, pollOverlap: 5, stuckAfter: 600, retryBase: 0.1, retryCap: 1,
            requestTimeout: 2)
    }

    var integrationID: Int64 { (try? store.integration(named: "Test"))??.id ?? 0 }

    /// Creates and authorises a sale in the Cin7 simulator.
    @discardableResult
    func sale(
        location: String = "Main Warehouse", lines: [SimLine] = [SimLine(sku: "TENT-2P", quantity: 2)], customer: String = "Harbour Outdoor Ltd",
        advanced: [[SimLine]]? = nil, notes: String = "Leave at dock 2", memo: String = "Fragile", contact: String = "Receiving Dept",
        authorise: Bool = true
    ) -> SimSaleRef {
        let ref = cin7.createSale(SimSaleDraft(
            customer: customer, location: location, lines: lines, additionalCharges: ["Freight"],
            shippingAddress: SimAddress(company: customer, contact: contact), phone: "03 9000 0001", email: "orders@example.com",
            shippingNotes: notes, memo: memo, customerReference: "PO-1", shipBy: "2026-12-24", advancedFulfilments: advanced))
        if authorise { cin7.authorise(saleID: ref.saleID) }
        return ref
    }

    func units(_ ref: SimSaleRef) -> [ShipmentUnit] {
        (try? store.units(integrationID: integrationID, saleID: ref.saleID)) ?? []
    }

    func unit(_ ref: SimSaleRef) -> ShipmentUnit? { units(ref).first }

    /// Waits (polling, never a fixed sleep) until `condition` holds.
    func wait(_ what: String, timeout: TimeInterval = 20, _ condition: () throws -> Bool) async throws {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if try condition() { return }
            try await Task.sleep(nanoseconds: 50_000_000)
        }
        let status = try? store.status(integrationID: integrationID)
        let recent = (try? store.recentAudit(integrationID: integrationID, limit: 8))?.map(\.message).joined(separator: " | ") ?? ""
        Issue.record("timed out waiting for \(what); engine: \(status?.lastError ?? "no error"), paused: \(status?.pausedReason ?? "no"); recent: \(recent)")
        throw TimeoutError(what: what)
    }

    func waitForState(_ ref: SimSaleRef, _ state: ShipmentState, timeout: TimeInterval = 20) async throws {
        try await wait("\(ref.orderNumber) to be \(state.rawValue) (is \(unit(ref)?.state.rawValue ?? "unseen"), \(unit(ref)?.reason ?? ""))", timeout: timeout) {
            unit(ref)?.state == state
        }
    }

    /// The warehouse picks, packs and dispatches the unit's order.
    func dispatch(_ ref: SimSaleRef, tracking: SimTracking? = SimTracking(number: "TRK123", carrier: "Aramex", url: "https://track.example/TRK123"), shortShip: [String: Double]? = nil) throws {
        let orderID = try #require(unit(ref)?.warehouseOrderID)
        cartonCloud.pick(orderID: orderID)
        cartonCloud.pack(orderID: orderID)
        cartonCloud.dispatch(orderID: orderID, tracking: tracking, shortShip: shortShip)
    }

    func command(_ kind: OperatorCommand.Kind, unit: ShipmentUnit? = nil, argument: String? = nil) throws {
        try host.command(OperatorCommand(integrationID: integrationID, unitID: unit?.id, kind: kind, argument: argument, actor: "test", createdAt: Date()))
    }

    func shutdown() async {
        host.stop()
        await runTask.value
        await cin7.stop()
        await cartonCloud.stop()
        try? FileManager.default.removeItem(at: directory)
    }

    struct TimeoutError: Error {
        var what: String
    }
}
