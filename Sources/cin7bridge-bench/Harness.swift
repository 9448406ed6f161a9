import BridgeSupport
import Demo
import Foundation
import Simulators
import SyncEngine
import Synchronization

/// Both simulators on loopback, a fresh data directory and an in-process engine host — the pattern of the tests'
/// `EngineBed`, but seeded as the demo and with the time scale and limits a benchmark asks for.
final class BenchWorld: Sendable {
    let world: DemoWorld
    let store: BridgeStore
    let directory: URL
    let host: EngineHost
    let integrationID: Int64
    let config: IntegrationConfig

    /// The engine is not started until `startEngine()`. The store is SQLite in a fresh directory unless `database`
    /// names another place (a PostgreSQL schema).
    init(
        cin7: Cin7SimulatorConfiguration,
        cartonCloud: CartonCloudSimulatorConfiguration,
        limits: IntegrationConfig.Limits,
        database: StoreLocation? = nil
    ) async throws {
        world = try await DemoWorld.start(cin7: cin7, cartonCloud: cartonCloud, host: "127.0.0.1")
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("cin7bridge-bench-\(UUID().uuidString)")
        store = try BridgeStores.open(database ?? .sqlite(directory))
        config = BenchWorld.makeConfig(
            cin7URL: world.cin7URL,
            cartonCloudURL: world.cartonCloudURL,
            cin7: cin7,
            cartonCloud: cartonCloud,
            tenantID: world.cartonCloud.tenantID,
            customerID: world.cartonCloud.customerID,
            warehouseID: world.warehouses[DemoWorld.mainWarehouse] ?? "",
            limits: limits
        )
        integrationID = try store.saveIntegration(config, actor: "bench")
        host = EngineHost(store: store, reconcileInterval: 0.2)
    }

    static func makeConfig(
        cin7URL: URL,
        cartonCloudURL: URL,
        cin7: Cin7SimulatorConfiguration,
        cartonCloud: CartonCloudSimulatorConfiguration,
        tenantID: String,
        customerID: String,
        warehouseID: String,
        limits: IntegrationConfig.Limits
    ) -> IntegrationConfig {
        var config = IntegrationConfig(name: "Bench")
        config.cin7 = .init(accountID: cin7.accountID, applicationKey: Secret(cin7.applicationKey), baseURL: cin7URL.absoluteString)
        config.warehouse = .init(
            baseURL: cartonCloudURL.absoluteString,
            tenantID: tenantID,
            clientID: cartonCloud.clientID,
            clientSecret: Secret(cartonCloud.clientSecret),
            customerID: customerID
        )
        config.orderCreation.defaultWarehouse = .init(id: warehouseID, name: DemoWorld.mainWarehouse)
        config.orderCreation.goLive = .fromDate(Date().addingTimeInterval(-3600))
        config.limits = limits
        return config
    }

    /// The integration for simulators running in another process, from the connection info their worker printed
    /// (`DemoWorld.connectionInfo` plus `warehouse`, the main warehouse's id).
    static func makeConfig(info: [String: String], limits: IntegrationConfig.Limits) throws -> IntegrationConfig {
        guard let cin7URL = URL(string: info["cin7BaseURL"] ?? ""), let cartonCloudURL = URL(string: info["cartonCloudBaseURL"] ?? "") else {
            throw BenchError("the simulator worker printed no addresses")
        }
        var cin7 = Cin7SimulatorConfiguration()
        cin7.accountID = info["cin7AccountID"] ?? ""
        cin7.applicationKey = info["cin7ApplicationKey"] ?? ""
        var cartonCloud = CartonCloudSimulatorConfiguration()
        cartonCloud.clientID = info["cartonCloudClientID"] ?? ""
        cartonCloud.clientSecret = info["cartonCloudClientSecret"] ?? ""
        return makeConfig(
            cin7URL: cin7URL,
            cartonCloudURL: cartonCloudURL,
            cin7: cin7,
            cartonCloud: cartonCloud,
            tenantID: info["cartonCloudTenantID"] ?? "",
            customerID: info["cartonCloudCustomerID"] ?? "",
            warehouseID: info["warehouse"] ?? "",
            limits: limits
        )
    }

    /// Cin7's limits with every duration scaled by `scale` (1 = real time; 1/60 = a 60-second window in one second).
    static func limits(scale: Double, cin7Calls: Int = 60, warehouseCreates: Int = 30) -> IntegrationConfig.Limits {
        let d = IntegrationConfig.Limits()
        return IntegrationConfig.Limits(
            cin7CallsPerWindow: cin7Calls,
            cin7Window: d.cin7Window * scale,
            warehouseCreatesPerWindow: warehouseCreates,
            warehouseWindow: d.warehouseWindow * scale,
            pollInterval: d.pollInterval * scale,
            pollOverlap: d.pollOverlap * scale,
            stuckAfter: d.stuckAfter,
            retryBase: d.retryBase * scale,
            retryCap: d.retryCap * scale,
            requestTimeout: 10
        )
    }

    private let runTask = Mutex<Task<Void, Never>?>(nil)

    func startEngine() {
        let host = self.host
        runTask.withLock { $0 = Task { await host.run() } }
    }

    func completedCount() -> Int {
        ((try? store.stateCounts(integrationID: integrationID)) ?? [:])[.completed] ?? 0
    }

    func status() -> IntegrationStatus? {
        guard let status = try? store.status(integrationID: integrationID) else { return nil }
        return status
    }

    func counts() -> [ShipmentState: Int] {
        (try? store.stateCounts(integrationID: integrationID)) ?? [:]
    }

    /// Waits (polling) until `condition` holds or `timeout` passes; returns whether it held.
    func wait(timeout: TimeInterval, every: TimeInterval = 0.05, _ condition: () -> Bool) async -> Bool {
        let deadline = now() + timeout
        while now() < deadline {
            if condition() { return true }
            try? await Task.sleep(nanoseconds: UInt64(every * 1e9))
        }
        return condition()
    }

    func shutdown() async {
        host.stop()
        let task = runTask.withLock { $0 }
        await task?.value
        await world.stop()
        try? FileManager.default.removeItem(at: directory)
    }
}

/// The warehouse side of the benchmarks: picks, packs and dispatches every order as soon as it appears, and
/// remembers when it first saw each order and when it dispatched it.
final class AutoDispatcher: Sendable {
    struct Seen: Sendable {
        var reference: String
        var seenAt: Double
        var dispatchedAt: Double
    }

    private let cartonCloud: CartonCloudSimulator
    private let state = Mutex<[String: Seen]>([:])
    private let stopFlag = Mutex(false)
    private let interval: TimeInterval
    private let task = Mutex<Task<Void, Never>?>(nil)

    init(cartonCloud: CartonCloudSimulator, interval: TimeInterval) {
        self.cartonCloud = cartonCloud
        self.interval = interval
    }

    func start() {
        let work = Task { [self] in
            while !stopFlag.withLock({ $0 }) && !Task.isCancelled {
                sweep()
                try? await Task.sleep(nanoseconds: UInt64(interval * 1e9))
            }
        }
        task.withLock { $0 = work }
    }

    func sweep() {
        let known = state.withLock { Set($0.keys) }
        for order in cartonCloud.orders() where !known.contains(order.id) && !order.deleted && order.status != "REJECTED" {
            let seenAt = now()
            cartonCloud.pick(orderID: order.id)
            cartonCloud.pack(orderID: order.id)
            cartonCloud.dispatch(
                orderID: order.id,
                tracking: SimTracking(number: "TRK\(order.numericID)", carrier: "Australia Post", url: "https://track.example/TRK\(order.numericID)")
            )
            let dispatchedAt = now()
            state.withLock { $0[order.id] = Seen(reference: order.reference, seenAt: seenAt, dispatchedAt: dispatchedAt) }
        }
    }

    var seen: [String: Seen] { state.withLock { $0 } }

    func stop() async {
        stopFlag.withLock { $0 = true }
        let work = task.withLock { $0 }
        await work?.value
    }
}
