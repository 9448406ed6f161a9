import ArgumentParser
import Demo
import Foundation
import Simulators
import UnixSignals

struct SimulateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "simulate",
        abstract: "Run the Cin7 Core and CartonCloud simulators (and ShipStation, Starshipit when asked) on loopback until interrupted.",
        discussion: """
            The first line of output is JSON with the base URLs, the credentials to use, and the seeded warehouses and \
            locations (name=id); with a --shipstation-* option also shipStationBaseURL, shipStationAPIKey, \
            shipStationAPISecret and shipStationWarehouses, with a --starshipit-* option starshipitBaseURL, \
            starshipitAPIKey, starshipitSubscriptionKey and starshipitAccount. For outage drills, SIGUSR1 takes every \
            service off the network (connections are refused, everything they hold is kept) and SIGUSR2 brings them back \
            on the same ports. Commands on standard input, one a line, are each answered by a JSON line {"command", \
            "orders"} (or {"command", "error"}): `cin7 authorise` authorises a new sale at Main Warehouse (orders: its \
            number); `shipstation ship REF` buys a label for each open ShipStation order whose reference starts with REF (`*`: \
            all; orders: reference=tracking,…); `starshipit print REF` prints the labels of unshipped Starshipit orders; \
            `starshipit manifest REF` manifests printed ones.
            """
    )

    @Option(name: .long, help: "Cin7 simulator port (default: a free port).") var cin7Port = 0
    @Option(name: .long, help: "CartonCloud simulator port (default: a free port).") var cartoncloudPort = 0
    @Option(name: .long, help: "Cin7 Account ID (default: a fresh GUID).") var accountID: String?
    @Option(name: .long, help: "Cin7 Application Key (default: a fresh GUID).") var applicationKey: String?
    @Option(name: .long, help: "CartonCloud client id.") var clientID: String?
    @Option(name: .long, help: "CartonCloud client secret (default: random).") var clientSecret: String?
    @Option(name: .long, help: "Authorise this many sales at start.") var seedSales = 0
    @Option(name: .long, help: "Cin7 calls allowed per window.") var rateLimit = 60
    @Option(name: .long, help: "Cin7 rate window in seconds.") var rateWindow: Double = 60
    @Option(name: .customLong("shipstation-port"), help: "Also run the ShipStation simulator, on this port (0: a free one).")
    var shipStationPort: Int?
    @Option(name: .customLong("shipstation-api-key"), help: "ShipStation API key (default: random; starts ShipStation).")
    var shipStationAPIKey: String?
    @Option(name: .customLong("shipstation-api-secret"), help: "ShipStation API secret (default: random; starts ShipStation).")
    var shipStationAPISecret: String?
    @Option(name: .customLong("starshipit-port"), help: "Also run the Starshipit simulator, on this port (0: a free one).") var starshipitPort: Int?
    @Option(name: .customLong("starshipit-api-key"), help: "Starshipit API key (default: random; starts Starshipit).") var starshipitAPIKey: String?
    @Option(name: .customLong("starshipit-subscription-key"), help: "Starshipit subscription key (default: random; starts Starshipit).")
    var starshipitSubscriptionKey: String?
    @Flag(name: .long, help: "Also play the demo story: new sales every few seconds, a warehouse that dispatches them.")
    var scenario = false

    func run() async throws {
        var cin7 = Cin7SimulatorConfiguration()
        if let accountID { cin7.accountID = accountID }
        if let applicationKey { cin7.applicationKey = applicationKey }
        cin7.rateLimit = rateLimit
        cin7.rateWindow = rateWindow
        var cartonCloud = CartonCloudSimulatorConfiguration()
        if let clientID { cartonCloud.clientID = clientID }
        if let clientSecret { cartonCloud.clientSecret = clientSecret }
        var shipStation: ShipStationSimulatorConfiguration?
        if shipStationPort != nil || shipStationAPIKey != nil || shipStationAPISecret != nil {
            var configuration = ShipStationSimulatorConfiguration()
            configuration.apiKey = shipStationAPIKey ?? ShipStationSimulatorConfiguration.randomSecret()
            if let shipStationAPISecret { configuration.apiSecret = shipStationAPISecret }
            shipStation = configuration
        }
        var starshipit: StarshipitSimulatorConfiguration?
        if starshipitPort != nil || starshipitAPIKey != nil || starshipitSubscriptionKey != nil {
            var configuration = StarshipitSimulatorConfiguration()
            if let starshipitAPIKey { configuration.apiKey = starshipitAPIKey }
            if let starshipitSubscriptionKey { configuration.subscriptionKey = starshipitSubscriptionKey }
            starshipit = configuration
        }
        let world = try await DemoWorld.start(
            cin7: cin7,
            cartonCloud: cartonCloud,
            shipStation: shipStation,
            starshipit: starshipit,
            cin7Port: cin7Port,
            cartonCloudPort: cartoncloudPort,
            shipStationPort: shipStationPort ?? 0,
            starshipitPort: starshipitPort ?? 0
        )
        for index in 0..<seedSales { world.authoriseSale(DemoScenario.kind(of: index), index: index) }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        FileHandle.standardOutput.write(try encoder.encode(world.connectionInfo) + Data("\n".utf8))
        let story = scenario ? Task { await DemoScenario(world: world).run() } : nil
        let commands = SimulateCommands(world: world, firstSale: seedSales)
        Thread.detachNewThread { commands.readStandardInput() }
        for await signal in await UnixSignalsSequence(trapping: .sigint, .sigterm, .sigusr1, .sigusr2) {
            switch signal {
            case .sigusr1:
                await world.stop()
                Self.say("Simulators offline (SIGUSR1): connections are refused until SIGUSR2.")
            case .sigusr2:
                do {
                    try await world.comeBack()
                    Self.say("Simulators back on the same ports (SIGUSR2).")
                } catch {
                    Self.say("Simulators could not listen again: \(error). Stop and start them.")
                }
            default:
                story?.cancel()
                await world.stop()
                return
            }
        }
    }

    private static func say(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }
}
