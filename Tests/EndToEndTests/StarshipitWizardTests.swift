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
        let wizard = WizardWalk(tmux: tmux)
        try await wizard.name("Star site")
        // Step 2: Cin7, then Starshipit (two steps along the Platform choice), its keys; the Developer tier stays.
        try wizard.cin7Account(info["cin7AccountID"] ?? "", key: info["cin7ApplicationKey"] ?? "")
        try await wizard.cin7Address(info["cin7BaseURL"] ?? "")
        try await wizard.platform(steps: 2) { $0.contains("← Starshipit →") && $0.contains("Subscription key") }
        try await wizard.platformFields(
            url: starshipitURL,
            [info["starshipitAPIKey"] ?? "", info["starshipitSubscriptionKey"] ?? ""],
            thenTabs: 1
        ) { $0.contains("✓ API key") }
        // Step 3: Main Warehouse → the account (its sender is the integration's name); step 4: write back when the
        // label is printed (the default).
        try await wizard.mapMainWarehouse(to: "Star site")
        try await wizard.finish("Star site")

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

        try await wizard.quit()
    }
}
