import ArgumentParser
import BridgeSupport
import BridgeUI
import Demo
import Foundation
import Logging
import Simulators
import SyncEngine

struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "The live demo: both simulators in-process, a demo integration, orders flowing through the TUI.",
        discussion: """
            Sales are authorised every few seconds (some to an unmapped location, some with a SKU the warehouse lacks, \
            advanced sales, a void, a tracking change); the simulated warehouse picks, packs and dispatches them. \
            Press M to add the missing product to the warehouse, then retry the failed order. Data goes to a temporary \
            directory unless --data-dir is given.
            """
    )

    enum Pace: String, ExpressibleByArgument, CaseIterable {
        case normal, fast
    }

    @Option(name: .long, help: "Data directory (default: a new temporary directory).") var dataDir: String?
    @Option(name: .long, help: "normal (watchable) or fast (for tests).") var pace: Pace = .normal
    @Option(name: .long, help: "Stop authorising new sales after this many.") var maxSales = 60
    @OptionGroup var display: DisplayOptions

    func run() async throws {
        let directory =
            dataDir.map { URL(fileURLWithPath: $0) }
            ?? FileManager.default.temporaryDirectory.appendingPathComponent("cin7bridge-demo-\(UUID().uuidString.prefix(8).lowercased())")
        let data = try DataOptions.parse(["--data-dir", directory.path])
        data.bootstrapLogging()
        let fast = pace == .fast
        var cin7 = Cin7SimulatorConfiguration()
        cin7.rateLimit = 60
        cin7.rateWindow = fast ? 2 : 20
        var cartonCloud = CartonCloudSimulatorConfiguration()
        cartonCloud.createRateLimit = 30
        cartonCloud.createRateWindow = fast ? 1 : 10
        let world = try await DemoWorld.start(cin7: cin7, cartonCloud: cartonCloud)
        let limits = IntegrationConfig.Limits(
            cin7CallsPerWindow: cin7.rateLimit,
            cin7Window: cin7.rateWindow,
            warehouseCreatesPerWindow: cartonCloud.createRateLimit,
            warehouseWindow: cartonCloud.createRateWindow,
            pollInterval: fast ? 0.3 : 2,
            pollOverlap: fast ? 5 : 30,
            stuckAfter: 600,
            retryBase: fast ? 0.5 : 5,
            retryCap: fast ? 3 : 60,
            requestTimeout: fast ? 3 : 10
        )

        let store = try data.openStore()
        if try store.integration(named: "Demo") == nil {
            var config = IntegrationConfig(name: "Demo")
            config.cin7 = .init(accountID: cin7.accountID, applicationKey: Secret(cin7.applicationKey), baseURL: world.cin7URL.absoluteString)
            config.warehouse = .init(
                baseURL: world.cartonCloudURL.absoluteString,
                tenantID: world.cartonCloud.tenantID,
                clientID: cartonCloud.clientID,
                clientSecret: Secret(cartonCloud.clientSecret),
                customerID: world.cartonCloud.customerID
            )
            let sydney = IntegrationConfig.WarehouseRef(id: world.warehouses[DemoWorld.mainWarehouse], name: DemoWorld.mainWarehouse)
            let brisbane = IntegrationConfig.WarehouseRef(id: world.warehouses[DemoWorld.northWarehouse], name: DemoWorld.northWarehouse)
            config.orderCreation.defaultWarehouse = nil
            config.orderCreation.locationMappings = [
                .init(locationID: world.locations[DemoWorld.mainLocation] ?? "", locationName: DemoWorld.mainLocation, warehouse: sydney),
                .init(locationID: world.locations[DemoWorld.northLocation] ?? "", locationName: DemoWorld.northLocation, warehouse: brisbane),
            ]
            config.orderCreation.goLive = .fromNow(Date().addingTimeInterval(-60))
            config.orderCreation.oneOrderPerFulfilment = true
            config.limits = limits
            _ = try store.saveIntegration(config, actor: Actor.current)
        }
        let info = world.connectionInfo
        let credentials = DemoInfo(credentials: [
            .init("Cin7 Account ID", info["cin7AccountID"] ?? ""),
            .init("Cin7 Application Key", info["cin7ApplicationKey"] ?? ""),
            .init("Cin7 API base URL", info["cin7BaseURL"] ?? ""),
            .init("CartonCloud base URL", info["cartonCloudBaseURL"] ?? ""),
            .init("Tenant ID", info["cartonCloudTenantID"] ?? ""),
            .init("Client ID", info["cartonCloudClientID"] ?? ""),
            .init("Client secret", info["cartonCloudClientSecret"] ?? ""),
            .init("Customer ID", info["cartonCloudCustomerID"] ?? ""),
            .init("Warehouses", "\(DemoWorld.mainWarehouse), \(DemoWorld.northWarehouse)"),
        ])
        let env = AppEnvironment(
            dataDirectory: directory.path,
            logFile: data.logPath,
            actor: Actor.current,
            demo: credentials,
            newIntegrationLimits: limits
        )
        let host = EngineHost(store: store, logger: Logger(label: "cin7bridge.engine"), reconcileInterval: 1)
        let scenario = DemoScenario(world: world, saleInterval: fast ? 1 : 5, warehouseDelay: fast ? 1 : 5, maxSales: maxSales)
        let story = Task { await scenario.run() }
        defer { story.cancel() }
        do {
            try await UISession.run(store: store, host: host, env: env, display: display, allowInsecureHTTP: false) { world.addMissingProduct() }
        } catch {
            story.cancel()
            await world.stop()
            throw error
        }
        story.cancel()
        await world.stop()
        if dataDir == nil { UISession.say("Demo data was in \(directory.path).") }
    }
}
