import Foundation
import TestSupport
import Testing

/// A new integration for Starshipit made in the real TUI's wizard against `cin7bridge simulate --starshipit-port 0`:
/// the API and subscription keys from simulate's first line, both connection tests, a location mapped to the account;
/// then a sale authorised in Cin7 reaches Starshipit, its label is printed (the default write-back point), and it
/// completes.
@Suite(.serialized, .enabled(if: TmuxSession.shouldRun, "tmux is not installed (set CI to make this a failure)"))
struct StarshipitWizardTests {
    @Test func wizardConfiguresStarshipitAndASaleCompletesWhenItsLabelIsPrinted() async throws {
        let services = try SimulatedServices(seedSales: 0, arguments: ["--starshipit-port", "0"])
        defer { services.stop() }
        let info = services.info
        let starshipitURL = try #require(info["starshipitBaseURL"])

        let directory = EndToEndTests.tempDir()
        let tmux = try EndToEndTests.session("tui --data-dir '\(directory)'", width: 140, height: 45)
        defer { tmux.kill() }
        try await tmux.waitFor("No integrations yet", timeout: .seconds(30))
        try tmux.sendKeys("n")
        try await tmux.waitFor("[1 Name]", timeout: .seconds(10))
        try tmux.type("Star site")
        try tmux.sendKeys("C-n")

        // Step 2: Cin7, then Starshipit (two steps along the Platform choice), its keys; the Developer tier stays.
        try await tmux.waitFor("[2 Authentication]", timeout: .seconds(10))
        try tmux.type(info["cin7AccountID"] ?? "")
        try tmux.sendKeys("Tab")
        try tmux.type(info["cin7ApplicationKey"] ?? "")
        try tmux.sendKeys("Tab")
        try tmux.sendKeys("C-u")
        try tmux.type(info["cin7BaseURL"] ?? "")
        try tmux.sendKeys("Tab")
        try tmux.sendKeys("Enter")
        try await tmux.waitFor(timeout: .seconds(20)) { $0.contains("✓ Cin7 Core:") && $0.contains("3 locations") }
        try tmux.sendKeys("Tab")
        try tmux.sendKeys("Right", "Right")
        try await tmux.waitFor(timeout: .seconds(10)) { $0.contains("← Starshipit →") && $0.contains("Subscription key") }
        try tmux.sendKeys("Tab")
        try tmux.sendKeys("C-u")
        try tmux.type(starshipitURL)
        try tmux.sendKeys("Tab")
        try tmux.type(info["starshipitAPIKey"] ?? "")
        try tmux.sendKeys("Tab")
        try tmux.type(info["starshipitSubscriptionKey"] ?? "")
        try tmux.sendKeys("Tab")  // the tier: Developer, as the simulator's subscription
        try tmux.sendKeys("Tab")
        try tmux.sendKeys("Enter")
        try await tmux.waitFor(timeout: .seconds(20)) { $0.contains("✓ API key") && !$0.contains("✗ ") }

        // Step 3: Main Warehouse → the account (its sender is the integration's name).
        try tmux.sendKeys("C-n")
        try await tmux.waitFor(timeout: .seconds(20)) { $0.contains("[3 Order creation]") && $0.contains("Showroom") }
        try tmux.sendKeys("C-u")
        try tmux.type("Star site")
        try tmux.sendKeys("Tab", "Tab", "Right")
        try await tmux.waitFor(timeout: .seconds(10)) { EndToEndTests.row($0, containing: "Main Warehouse")?.contains("Star site") == true }
        try tmux.sendKeys("C-n")
        try await tmux.waitFor("[4 Fulfilment]", timeout: .seconds(10))
        try tmux.sendKeys("C-n")  // Finish: write back when the label is printed (the default)
        try await tmux.waitFor(timeout: .seconds(20)) { $0.contains("Star site") && $0.contains("Cin7 budget") && $0.contains("Saved") }

        let number = try services.command("cin7 authorise")
        try tmux.sendKeys("2")
        try await tmux.waitFor(timeout: .seconds(90)) { EndToEndTests.row($0, containing: number)?.contains("Main Warehouse → Star site") == true }
        var printed = ""
        let deadline = Date().addingTimeInterval(30)
        while printed.isEmpty, Date() < deadline {
            printed = try services.command("starshipit print \(number)")
            if printed.isEmpty { try await Task.sleep(for: .milliseconds(500)) }
        }
        #expect(printed.hasPrefix(number), "\(printed)")
        try tmux.sendKeys("4")
        try await tmux.waitFor(timeout: .seconds(120)) { EndToEndTests.row($0, containing: number)?.contains("✓ completed") == true }

        try tmux.sendKeys("q")
        try await tmux.waitFor("Quit Cin7Bridge?", timeout: .seconds(10))
        try tmux.sendKeys("y")
        try await tmux.waitFor("EXITED:0", timeout: .seconds(30))
    }
}
