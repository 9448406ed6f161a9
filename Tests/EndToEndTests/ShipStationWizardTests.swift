import Foundation
import TestSupport
import Testing

/// A new integration for ShipStation made in the real TUI's wizard against `cin7bridge simulate --shipstation-port 0`:
/// the credentials from simulate's first line, both connection tests, a location mapped to a ShipStation warehouse;
/// then a sale authorised in Cin7 reaches ShipStation, the simulated warehouse ships it, and it completes.
@Suite(.serialized, .enabled(if: TmuxSession.shouldRun, "tmux is not installed (set CI to make this a failure)"))
struct ShipStationWizardTests {
    @Test func wizardConfiguresShipStationAndASaleShipsThroughIt() async throws {
        let services = try SimulatedServices(
            seedSales: 0,
            arguments: ["--shipstation-port", "0", "--shipstation-api-key", "e2e-ss-key", "--shipstation-api-secret", "e2e-ss-secret"]
        )
        defer { services.stop() }
        let info = services.info
        #expect(info["shipStationAPIKey"] == "e2e-ss-key" && info["shipStationAPISecret"] == "e2e-ss-secret", "\(info)")
        let shipStationURL = try #require(info["shipStationBaseURL"])
        #expect(info["shipStationWarehouses"]?.contains("Sydney DC=") == true, "\(info)")

        let directory = EndToEndTests.tempDir()
        let tmux = try EndToEndTests.session("tui --data-dir '\(directory)'", width: 140, height: 45)
        defer { tmux.kill() }
        try await tmux.waitFor("No integrations yet", timeout: .seconds(30))
        let wizard = WizardWalk(tmux: tmux)
        try await wizard.name("Ship site")
        // Step 2: Cin7, then ShipStation chosen on the Platform field, its address and key pair (no store: the
        // account's manual store).
        try wizard.cin7Account(info["cin7AccountID"] ?? "", key: info["cin7ApplicationKey"] ?? "")
        try await wizard.cin7Address(info["cin7BaseURL"] ?? "")
        try await wizard.platform(steps: 1) { $0.contains("ShipStation") && $0.contains("API secret") }
        try await wizard.platformFields(
            url: shipStationURL,
            [info["shipStationAPIKey"] ?? "", info["shipStationAPISecret"] ?? ""],
            thenTabs: 1
        ) { $0.contains("✓ API key") && $0.contains("Sydney DC") }
        // Step 3: Main Warehouse → Sydney DC; step 4's defaults.
        try await wizard.mapMainWarehouse(to: "Sydney DC")
        try await wizard.finish("Ship site")

        // A sale authorised in Cin7 now reaches ShipStation; its warehouse buys a label; the order completes.
        let number = try services.command("cin7 authorise")
        #expect(number.hasPrefix("SO-"), "\(number)")
        try tmux.sendKeys("2")
        try await tmux.waitFor(timeout: .seconds(90)) { screen in
            EndToEndTests.row(screen, containing: number)?.contains("Main Warehouse → Sydney DC") == true
        }
        var shipped = ""
        let deadline = Date().addingTimeInterval(30)
        while shipped.isEmpty, Date() < deadline {
            shipped = try services.command("shipstation ship \(number)")
            if shipped.isEmpty { try await Task.sleep(for: .milliseconds(500)) }
        }
        #expect(shipped.hasPrefix(number), "\(shipped)")
        try tmux.sendKeys("4")
        try await tmux.waitFor(timeout: .seconds(120)) { EndToEndTests.row($0, containing: number)?.contains("✓ completed") == true }

        try await wizard.quit()
    }
}
