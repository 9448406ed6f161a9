import Foundation
import TestSupport
import Testing

/// `cin7bridge demo --warehouse shipstation|starshipit`: the same story through the other platforms' simulators, the
/// demo integration configured for them, orders completed end to end.
@Suite(.serialized, .enabled(if: TmuxSession.shouldRun, "tmux is not installed (set CI to make this a failure)"))
struct DemoPlatformTests {
    @Test(arguments: ["shipstation", "starshipit"])
    func demoOrdersCompleteThroughThePlatform(_ platform: String) async throws {
        let dir = EndToEndTests.tempDir()
        let tmux = try EndToEndTests.session("demo --pace fast --max-sales 8 --warehouse \(platform) --data-dir '\(dir)'", width: 120, height: 30)
        defer { tmux.kill() }
        try await tmux.waitFor(timeout: .seconds(30)) { $0.contains("Demo") && $0.contains("Cin7 budget") }
        try tmux.sendKeys("4")
        try await tmux.waitFor(timeout: .seconds(120)) { $0.contains("[Completed") && $0.contains("✓ completed") }
        // The Integrations screen shows the platform's simulator credentials.
        try tmux.sendKeys("Escape")
        let name = platform == "shipstation" ? "ShipStation" : "Starshipit"
        try await tmux.waitFor(timeout: .seconds(10)) { $0.contains("Demo simulators") && $0.contains("\(name) base URL") }
        try tmux.sendKeys("q")
        try await tmux.waitFor("Quit Cin7Bridge?", timeout: .seconds(10))
        try tmux.sendKeys("y")
        try await tmux.waitFor("EXITED:0", timeout: .seconds(30))
    }
}
