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
        abstract: "The live demo: the simulators in-process, a demo integration, orders flowing through the TUI.",
        discussion: """
            Sales are authorised every few seconds (some to an unmapped location, some with a SKU the warehouse lacks, \
            advanced sales, a void, a tracking change); the simulated warehouse picks, packs and dispatches them. \
            Press M to add the missing product to the warehouse, then retry the failed order. With --warehouse \
            shipstation or starshipit the same sales go to that platform's simulator, whose staff ship them (what only \
            CartonCloud can show is skipped, with a note in the log). Data goes to a temporary directory unless \
            --data-dir is given.
            """
    )

    enum Platform: String, ExpressibleByArgument, CaseIterable {
        case cartoncloud, shipstation, starshipit
    }

    enum Pace: String, ExpressibleByArgument, CaseIterable {
        case normal, fast
    }

    @Option(name: .long, help: "Data directory (default: a new temporary directory).") var dataDir: String?
    @Option(name: .long, help: "normal (watchable) or fast (for tests).") var pace: Pace = .normal
    @Option(name: .long, help: "The fulfilment platform the orders go to.") var warehouse: Platform = .cartoncloud
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
        let platform = DemoPlatform(rawValue: warehouse.rawValue) ?? .cartonCloud
        var shipStation: ShipStationSimulatorConfiguration?
        if platform == .shipStation {
            var configuration = ShipStationSimulatorConfiguration()
            configuration.apiKey = ShipStationSimulatorConfiguration.randomSecret()
            shipStation = configuration
        }
        var starshipit: StarshipitSimulatorConfiguration?
        if platform == .starshipit {
            var configuration = StarshipitSimulatorConfiguration()
            configuration.tier = .production
            starshipit = configuration
        }
        let world = try await DemoWorld.start(cin7: cin7, cartonCloud: cartonCloud, shipStation: shipStation, starshipit: starshipit)
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
            config.warehouse = Self.connection(platform, world: world, cartonCloud: cartonCloud)
            config.orderCreation.defaultWarehouse = nil
            config.orderCreation.locationMappings = Self.mappings(platform, world: world, integration: config.name)
            if platform == .shipStation {
                config.fulfilment.carrierMappings = DemoWorld.shipStationCarriers
            }
            config.orderCreation.goLive = .fromNow(Date().addingTimeInterval(-60))
            config.orderCreation.oneOrderPerFulfilment = true
            config.limits = limits
            _ = try store.saveIntegration(config, actor: Actor.current)
        }
        let credentials = DemoInfo(credentials: Self.credentials(platform, world: world))
        let env = AppEnvironment(
            dataDirectory: directory.path,
            logFile: data.logPath,
            actor: Actor.current,
            demo: credentials,
            newIntegrationLimits: limits
        )
        let host = EngineHost(store: store, logger: Logger(label: "cin7bridge.engine"), reconcileInterval: 1)
        let demoLog = Logger(label: "cin7bridge.demo")
        let scenario = DemoScenario(
            world: world,
            platform: platform,
            saleInterval: fast ? 1 : 5,
            warehouseDelay: fast ? 1 : 5,
            maxSales: maxSales,
            note: { demoLog.notice("\($0)") }
        )
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

    /// The demo integration's connection to the platform's simulator.
    static func connection(
        _ platform: DemoPlatform,
        world: DemoWorld,
        cartonCloud: CartonCloudSimulatorConfiguration
    ) -> IntegrationConfig.WarehouseConnection {
        switch platform {
        case .cartonCloud:
            return .init(
                baseURL: world.cartonCloudURL.absoluteString,
                tenantID: world.cartonCloud.tenantID,
                clientID: cartonCloud.clientID,
                clientSecret: Secret(cartonCloud.clientSecret),
                customerID: world.cartonCloud.customerID
            )
        case .shipStation:
            return .init(
                kind: .shipStation,
                baseURL: world.shipStationURL?.absoluteString,
                apiKey: Secret(world.shipStation?.apiKey ?? ""),
                apiSecret: Secret(world.shipStation?.apiSecret ?? "")
            )
        case .starshipit:
            return .init(
                kind: .starshipit,
                baseURL: world.starshipitURL?.absoluteString,
                apiKey: Secret(world.starshipit?.apiKey ?? ""),
                apiSecret: Secret(world.starshipit?.subscriptionKey ?? ""),
                productionTier: world.starshipit?.configuration.tier == .production
            )
        }
    }

    /// Main Warehouse → Sydney DC and Northside 3PL → Brisbane DC (ShipStation's ids; Starshipit's one account for both).
    static func mappings(_ platform: DemoPlatform, world: DemoWorld, integration: String) -> [IntegrationConfig.LocationMapping] {
        func ref(_ name: String) -> IntegrationConfig.WarehouseRef {
            switch platform {
            case .cartonCloud: .init(id: world.warehouses[name], name: name)
            case .shipStation: .init(id: DemoWorld.shipStationWarehouses.first { $0.name == name }.map { String($0.id) }, name: name)
            case .starshipit: .init(name: integration)
            }
        }
        return [
            .init(
                locationID: world.locations[DemoWorld.mainLocation] ?? "",
                locationName: DemoWorld.mainLocation,
                warehouse: ref(DemoWorld.mainWarehouse)
            ),
            .init(
                locationID: world.locations[DemoWorld.northLocation] ?? "",
                locationName: DemoWorld.northLocation,
                warehouse: ref(DemoWorld.northWarehouse)
            ),
        ]
    }

    /// What the Integrations screen and help show: Cin7's credentials, then the platform's.
    static func credentials(_ platform: DemoPlatform, world: DemoWorld) -> [DemoInfo.Credential] {
        let info = world.connectionInfo
        let cin7: [DemoInfo.Credential] = [
            .init("Cin7 Account ID", info["cin7AccountID"] ?? ""),
            .init("Cin7 Application Key", info["cin7ApplicationKey"] ?? ""),
            .init("Cin7 API base URL", info["cin7BaseURL"] ?? ""),
        ]
        switch platform {
        case .cartonCloud:
            return cin7 + [
                .init("CartonCloud base URL", info["cartonCloudBaseURL"] ?? ""),
                .init("Tenant ID", info["cartonCloudTenantID"] ?? ""),
                .init("Client ID", info["cartonCloudClientID"] ?? ""),
                .init("Client secret", info["cartonCloudClientSecret"] ?? ""),
                .init("Customer ID", info["cartonCloudCustomerID"] ?? ""),
                .init("Warehouses", "\(DemoWorld.mainWarehouse), \(DemoWorld.northWarehouse)"),
            ]
        case .shipStation:
            return cin7 + [
                .init("Platform", "ShipStation (step 2: Space or ←/→ on Platform)"),
                .init("ShipStation base URL", info["shipStationBaseURL"] ?? ""),
                .init("API key", info["shipStationAPIKey"] ?? ""),
                .init("API secret", info["shipStationAPISecret"] ?? ""),
                .init("Warehouses", DemoWorld.shipStationWarehouses.map(\.name).joined(separator: ", ")),
            ]
        case .starshipit:
            return cin7 + [
                .init("Platform", "Starshipit (step 2: Space or ←/→ on Platform)"),
                .init("Starshipit base URL", info["starshipitBaseURL"] ?? ""),
                .init("API key", info["starshipitAPIKey"] ?? ""),
                .init("Subscription key", info["starshipitSubscriptionKey"] ?? ""),
                .init("Tier", "Production"),
                .init("Sender", "the integration's name (one account)"),
            ]
        }
    }
}
