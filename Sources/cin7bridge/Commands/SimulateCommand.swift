import ArgumentParser
import Demo
import Foundation
import Simulators
import UnixSignals

struct SimulateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "simulate",
        abstract: "Run the Cin7 Core and CartonCloud simulators on loopback until interrupted.",
        discussion: """
            The first line of output is JSON with both base URLs, the credentials to use, and the seeded warehouses and \
            locations (name=id). For outage drills, SIGUSR1 takes both services off the network (connections are refused, \
            everything they hold is kept) and SIGUSR2 brings them back on the same ports.
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
        let world = try await DemoWorld.start(cin7: cin7, cartonCloud: cartonCloud, cin7Port: cin7Port, cartonCloudPort: cartoncloudPort)
        for index in 0..<seedSales { world.authoriseSale(DemoScenario.kind(of: index), index: index) }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        FileHandle.standardOutput.write(try encoder.encode(world.connectionInfo) + Data("\n".utf8))
        let story = scenario ? Task { await DemoScenario(world: world).run() } : nil
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
