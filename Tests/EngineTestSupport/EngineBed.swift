import BridgeSupport
import Foundation
import Logging
import Simulators
import SyncEngine
import Synchronization

/// The Cin7 simulator and the simulator of one fulfilment platform (CartonCloud, ShipStation or Starshipit) on
/// loopback, seeded to agree, a data directory and an engine host running the integration "Test", with time
/// compressed through configuration (rate windows of a second, polls every fraction of a second). The harness of
/// every test that runs the engine against the simulators.
public final class EngineBed: Sendable {
    public let platform: WarehousePlatform
    public let cin7: Cin7Simulator
    /// Started only when `platform` is CartonCloud (the others' tests never reach it).
    public let cartonCloud: CartonCloudSimulator
    /// Started only when `platform` is ShipStation.
    public let shipStation: ShipStationSimulator
    /// Started only when `platform` is Starshipit.
    public let starshipit: StarshipitSimulator
    public let cin7Configuration: Cin7SimulatorConfiguration
    public let cartonCloudConfiguration: CartonCloudSimulatorConfiguration
    public let cin7URL: URL
    /// The platform simulator's address.
    public let warehouseURL: URL
    /// The CartonCloud simulator's address when `platform` is CartonCloud.
    public var cartonCloudURL: URL { warehouseURL }
    public let store: BridgeStore
    /// The store as SQLite, for tests that reach under the protocol (GRDB's pool); only on a SQLite bed.
    public var sqliteStore: SQLiteStore {
        guard let sqlite = store as? SQLiteStore else { preconditionFailure("this bed's store is not SQLite") }
        return sqlite
    }
    public let directory: URL
    public let integrationID: Int64
    public let host: EngineHost
    /// What the engine published (the only place a storage pause shows while the database cannot be written).
    public let events: EventRecorder
    public let seed: Seed
    /// SKUs the Cin7 simulator knows as services (never sent to a warehouse), uppercased.
    public let serviceSKUs: Set<String> = ["INSTALL"]
    private let runTask: Task<Void, Never>
    /// The sales `sale(…)` created, by sale ID: what the invariants compare warehouse orders with.
    private let drafts = Mutex<[String: Invariants.Expectation]>([:])

    /// The ids the simulators gave the seeded locations and warehouses.
    public struct Seed: Sendable {
        /// Cin7 "Main Warehouse" (with a bin "Main Warehouse: A-01") and "Northside 3PL".
        public var main: String
        public var north: String
        /// The integration's default warehouse and a second one: CartonCloud "Sydney DC" and "Brisbane DC";
        /// ShipStation's fixture warehouses "Main Warehouse" and "East Coast DC"; Starshipit's account (it has no
        /// warehouses, both are the account).
        public var mainWarehouse: String
        public var northWarehouse: String
        /// The two warehouses' names, in the same order.
        public var mainWarehouseName: String
        public var northWarehouseName: String
    }

    /// Starts everything; `configure` adjusts the integration before it is saved. With `start: false` the engine
    /// host is not run (a test that runs the engine as its own process). `database` puts the store elsewhere than
    /// SQLite in `directory` (a PostgreSQL test database).
    public init(
        platform: WarehousePlatform = .cartonCloud,
        cin7Configuration: Cin7SimulatorConfiguration = EngineBed.fastCin7(),
        cartonCloudConfiguration: CartonCloudSimulatorConfiguration = EngineBed.fastCartonCloud(),
        shipStationConfiguration: ShipStationSimulatorConfiguration = EngineBed.fastShipStation(),
        starshipitConfiguration: StarshipitSimulatorConfiguration = EngineBed.fastStarshipit(),
        directory: URL? = nil,
        database: StoreLocation? = nil,
        clock: any BridgeClock = SystemClock(),
        logger: Logger = Logger(label: "cin7bridge.engine"),
        start: Bool = true,
        configure: (inout IntegrationConfig, Seed) -> Void = { _, _ in }
    ) async throws {
        self.platform = platform
        self.cin7Configuration = cin7Configuration
        self.cartonCloudConfiguration = cartonCloudConfiguration
        cin7 = Cin7Simulator(configuration: cin7Configuration)
        cartonCloud = CartonCloudSimulator(configuration: cartonCloudConfiguration)
        shipStation = ShipStationSimulator(configuration: shipStationConfiguration)
        starshipit = StarshipitSimulator(configuration: starshipitConfiguration)
        cin7URL = try await cin7.start()
        switch platform {
        case .cartonCloud: warehouseURL = try await cartonCloud.start()
        case .shipStation: warehouseURL = try await shipStation.start()
        case .starshipit: warehouseURL = try await starshipit.start()
        }
        let main = cin7.addLocation(name: "Main Warehouse")
        _ = cin7.addLocation(name: "Main Warehouse: A-01", parentID: main, isBin: true)
        let north = cin7.addLocation(name: "Northside 3PL")
        for sku in ["TENT-2P", "BAG-35L", "STOVE-GAS", "MYSTERY-1"] { _ = cin7.addProduct(sku: sku, name: "Product \(sku)") }
        _ = cin7.addProduct(sku: "INSTALL", name: "Installation", type: "Service")
        for name in ["Harbour Outdoor Ltd", "Alpine Adventures"] { _ = cin7.addCustomer(name: name) }
        switch platform {
        case .cartonCloud:
            seed = Seed(
                main: main,
                north: north,
                mainWarehouse: cartonCloud.addWarehouse(name: "Sydney DC"),
                northWarehouse: cartonCloud.addWarehouse(name: "Brisbane DC"),
                mainWarehouseName: "Sydney DC",
                northWarehouseName: "Brisbane DC"
            )
            for sku in ["TENT-2P", "BAG-35L", "STOVE-GAS"] { _ = cartonCloud.addProduct(code: sku, name: "Product \(sku)") }
        case .shipStation:
            let warehouses = shipStationConfiguration.warehouses
            seed = Seed(
                main: main,
                north: north,
                mainWarehouse: String(warehouses[0].id),
                northWarehouse: String(warehouses[1].id),
                mainWarehouseName: warehouses[0].name,
                northWarehouseName: warehouses[1].name
            )
        case .starshipit:
            let account = starshipitConfiguration.accountName
            seed = Seed(
                main: main,
                north: north,
                mainWarehouse: account,
                northWarehouse: account,
                mainWarehouseName: account,
                northWarehouseName: account
            )
        }

        self.directory = directory ?? FileManager.default.temporaryDirectory.appendingPathComponent("cin7bridge-test-\(UUID().uuidString)")
        store = try BridgeStores.open(database ?? .sqlite(self.directory))
        var config = IntegrationConfig(name: "Test")
        config.cin7 = .init(
            accountID: cin7Configuration.accountID,
            applicationKey: Secret(cin7Configuration.applicationKey),
            baseURL: cin7URL.absoluteString
        )
        switch platform {
        case .cartonCloud:
            config.warehouse = .init(
                baseURL: warehouseURL.absoluteString,
                tenantID: cartonCloud.tenantID,
                clientID: cartonCloudConfiguration.clientID,
                clientSecret: Secret(cartonCloudConfiguration.clientSecret),
                customerID: cartonCloud.customerID
            )
            config.orderCreation.defaultWarehouse = .init(id: seed.mainWarehouse, name: seed.mainWarehouseName)
        case .shipStation:
            config.warehouse = .init(
                kind: .shipStation,
                baseURL: warehouseURL.absoluteString,
                apiKey: Secret(shipStationConfiguration.apiKey),
                apiSecret: Secret(shipStationConfiguration.apiSecret)
            )
            config.orderCreation.defaultWarehouse = .init(id: seed.mainWarehouse, name: seed.mainWarehouseName)
        case .starshipit:
            config.warehouse = .init(
                kind: .starshipit,
                baseURL: warehouseURL.absoluteString,
                apiKey: Secret(starshipitConfiguration.apiKey),
                apiSecret: Secret(starshipitConfiguration.subscriptionKey),
                productionTier: starshipitConfiguration.tier == .production
            )
            config.orderCreation.defaultWarehouse = .init(name: seed.mainWarehouseName)
        }
        config.orderCreation.goLive = .fromDate(Date().addingTimeInterval(-3600))
        config.limits = EngineBed.fastLimits(cin7Configuration, cartonCloudConfiguration)
        if platform == .shipStation {
            // ShipStation's budget is its fixed window of 40 calls (the window follows `limits.warehouseWindow`).
            config.limits.warehouseWindow = shipStationConfiguration.rateWindow
        }
        configure(&config, seed)
        integrationID = try store.saveIntegration(config, actor: "test")
        host = EngineHost(store: store, clock: clock, logger: logger, reconcileInterval: 0.2)
        events = EventRecorder(host.events)
        let host = self.host
        runTask = start ? Task { await host.run() } : Task {}
    }

    /// Runs `body` on a fresh bed (made with the initialiser's arguments) and shuts the bed down whether or not
    /// `body` throws (a failed wait must not leave servers and an engine running into the next test).
    @discardableResult
    public static func with<Value>(
        platform: WarehousePlatform = .cartonCloud,
        cin7Configuration: Cin7SimulatorConfiguration = EngineBed.fastCin7(),
        cartonCloudConfiguration: CartonCloudSimulatorConfiguration = EngineBed.fastCartonCloud(),
        shipStationConfiguration: ShipStationSimulatorConfiguration = EngineBed.fastShipStation(),
        starshipitConfiguration: StarshipitSimulatorConfiguration = EngineBed.fastStarshipit(),
        directory: URL? = nil,
        database: StoreLocation? = nil,
        clock: any BridgeClock = SystemClock(),
        logger: Logger = Logger(label: "cin7bridge.engine"),
        start: Bool = true,
        configure: (inout IntegrationConfig, Seed) -> Void = { _, _ in },
        _ body: (EngineBed) async throws -> Value
    ) async throws -> Value {
        let bed = try await EngineBed(
            platform: platform,
            cin7Configuration: cin7Configuration,
            cartonCloudConfiguration: cartonCloudConfiguration,
            shipStationConfiguration: shipStationConfiguration,
            starshipitConfiguration: starshipitConfiguration,
            directory: directory,
            database: database,
            clock: clock,
            logger: logger,
            start: start,
            configure: configure
        )
        let result: Value
        do {
            result = try await body(bed)
        } catch {
            await bed.shutdown()
            throw error
        }
        await bed.shutdown()
        return result
    }

    /// Cin7's 60 calls a minute, in a one-second window.
    public static func fastCin7() -> Cin7SimulatorConfiguration {
        var configuration = Cin7SimulatorConfiguration()
        configuration.rateLimit = 60
        configuration.rateWindow = 1
        return configuration
    }

    /// CartonCloud's create limit, in a one-second window.
    public static func fastCartonCloud() -> CartonCloudSimulatorConfiguration {
        var configuration = CartonCloudSimulatorConfiguration()
        configuration.createRateLimit = 30
        configuration.createRateWindow = 1
        return configuration
    }

    /// ShipStation's real limit of 40 calls per key pair, in a one-second fixed window instead of a minute.
    public static func fastShipStation() -> ShipStationSimulatorConfiguration {
        var configuration = ShipStationSimulatorConfiguration()
        configuration.rateLimit = 40
        configuration.rateWindow = 1
        return configuration
    }

    /// Starshipit's Production tier: its real 20 calls a second (the Developer tier's 2 would make every test slow).
    public static func fastStarshipit() -> StarshipitSimulatorConfiguration {
        var configuration = StarshipitSimulatorConfiguration()
        configuration.tier = .production
        return configuration
    }

    /// The integration's limits matching the simulators', with polls and retries in fractions of a second.
    public static func fastLimits(_ cin7: Cin7SimulatorConfiguration, _ cartonCloud: CartonCloudSimulatorConfiguration) -> IntegrationConfig.Limits {
        IntegrationConfig.Limits(
            cin7CallsPerWindow: cin7.rateLimit,
            cin7Window: cin7.rateWindow,
            warehouseCreatesPerWindow: cartonCloud.createRateLimit,
            warehouseWindow: cartonCloud.createRateWindow,
            pollInterval: 0.2,
            pollOverlap: 5,
            stuckAfter: 600,
            retryBase: 0.1,
            retryCap: 1,
            requestTimeout: 2
        )
    }

    /// Creates (and by default authorises) a sale in the Cin7 simulator.
    @discardableResult
    public func sale(
        location: String = "Main Warehouse",
        lines: [SimLine] = [SimLine(sku: "TENT-2P", quantity: 2)],
        customer: String = "Harbour Outdoor Ltd",
        advanced: [[SimLine]]? = nil,
        notes: String = "Leave at dock 2",
        memo: String = "Fragile",
        contact: String = "Receiving Dept",
        authorise: Bool = true
    ) -> SimSaleRef {
        let draft = SimSaleDraft(
            customer: customer,
            location: location,
            lines: lines,
            additionalCharges: ["Freight"],
            shippingAddress: SimAddress(company: customer, contact: contact),
            phone: "03 9000 0001",
            email: "orders@example.com",
            shippingNotes: notes,
            memo: memo,
            customerReference: "PO-1",
            shipBy: "2026-12-24",
            advancedFulfilments: advanced
        )
        let ref = cin7.createSale(draft)
        drafts.withLock { $0[ref.saleID.lowercased()] = Invariants.Expectation(draft) }
        if authorise { cin7.authorise(saleID: ref.saleID) }
        return ref
    }

    /// What `sale(…)` asked Cin7 for, for the invariants; nil for sales made another way.
    public func expectation(saleID: String) -> Invariants.Expectation? { drafts.withLock { $0[saleID.lowercased()] } }

    /// Records that a test changed a sale's lines in Cin7, so the invariants compare with the new ones.
    public func editSale(_ ref: SimSaleRef, lines: [SimLine]) {
        cin7.editSale(saleID: ref.saleID, lines: lines)
        drafts.withLock { $0[ref.saleID.lowercased()]?.lines = lines }
    }

    /// The seeded warehouse called `name`.
    public func warehouseID(named name: String) -> String? {
        switch name {
        case seed.mainWarehouseName: seed.mainWarehouse
        case seed.northWarehouseName: seed.northWarehouse
        default: nil
        }
    }

    /// A seeded warehouse's name (its id when it is not one of them), for messages.
    public func warehouseName(id: String) -> String {
        id == seed.mainWarehouse ? seed.mainWarehouseName : id == seed.northWarehouse ? seed.northWarehouseName : id
    }

    public func units(_ ref: SimSaleRef) -> [ShipmentUnit] {
        (try? store.units(integrationID: integrationID, saleID: ref.saleID)) ?? []
    }

    public func unit(_ ref: SimSaleRef) -> ShipmentUnit? { units(ref).first }

    /// Waits (polling, never a fixed sleep) until `condition` holds. A condition that throws (the database is
    /// locked on purpose, say) counts as not yet; the last error is part of the timeout's description.
    public func wait(_ what: @autoclosure () -> String, timeout: TimeInterval = 30, _ condition: () throws -> Bool) async throws {
        let deadline = Date().addingTimeInterval(timeout)
        var lastError: (any Error)?
        while Date() < deadline {
            do {
                if try condition() { return }
            } catch {
                lastError = error
            }
            try await Task.sleep(nanoseconds: 50_000_000)
        }
        let status = try? store.status(integrationID: integrationID)
        let recent = (try? store.recentAudit(integrationID: integrationID, limit: 8))?.map(\.message).joined(separator: " | ") ?? ""
        throw HarnessError(
            "timed out after \(Int(timeout)) s waiting for \(what())" + (lastError.map { " (last check failed: \($0))" } ?? "")
                + "; engine: \(status?.lastError ?? "no error"), paused: \(events.lastPausedReason ?? status?.pausedReason ?? "no"); recent: \(recent)"
        )
    }

    public func waitForState(_ ref: SimSaleRef, _ state: ShipmentState, timeout: TimeInterval = 30) async throws {
        try await wait(
            "\(ref.orderNumber) to be \(state.rawValue) (is \(unit(ref)?.state.rawValue ?? "unseen"), \(unit(ref)?.reason ?? ""))",
            timeout: timeout
        ) {
            unit(ref)?.state == state
        }
    }

    /// An operator command, as the TUI or CLI would queue it.
    public func command(_ kind: OperatorAction, unit: ShipmentUnit? = nil, argument: String? = nil) throws {
        _ = try host.command(
            OperatorCommand(integrationID: integrationID, unitID: unit?.id, kind: kind, argument: argument, actor: "test", createdAt: Date())
        )
    }

    /// Queues an operator command and waits until the engine has carried it out; returns its result text.
    @discardableResult
    public func perform(_ kind: OperatorAction, unit: ShipmentUnit? = nil, argument: String? = nil, timeout: TimeInterval = 30) async throws -> String
    {
        let queued = try host.command(
            OperatorCommand(integrationID: integrationID, unitID: unit?.id, kind: kind, argument: argument, actor: "test", createdAt: Date())
        )
        guard let id = queued.id else { throw HarnessError("the \(kind.rawValue) command was not saved") }
        var result: String?
        try await wait("the engine to carry out \(kind.rawValue)", timeout: timeout) {
            result = try store.command(id: id)?.report?.message
            return result != nil
        }
        return result ?? ""
    }

    /// Stops the engine and the simulators; removes the data directory unless asked not to.
    public func shutdown(removeDirectory: Bool = true) async {
        host.stop()
        await runTask.value
        await cin7.stop()
        switch platform {
        case .cartonCloud: await cartonCloud.stop()
        case .shipStation: await shipStation.stop()
        case .starshipit: await starshipit.stop()
        }
        events.stop()
        if removeDirectory { try? FileManager.default.removeItem(at: directory) }
    }
}

/// A harness step that could not be done, with what the engine was doing at the time.
public struct HarnessError: Error, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}
