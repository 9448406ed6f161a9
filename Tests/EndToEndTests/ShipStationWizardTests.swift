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
        try tmux.sendKeys("n")
        try await tmux.waitFor("[1 Name]", timeout: .seconds(10))
        try tmux.type("Ship site")
        try tmux.sendKeys("C-n")

        // Step 2: Cin7, then ShipStation chosen on the Platform field, its address and key pair.
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
        try tmux.sendKeys("Right")
        try await tmux.waitFor(timeout: .seconds(10)) { $0.contains("ShipStation") && $0.contains("API secret") }
        try tmux.sendKeys("Tab")
        try tmux.sendKeys("C-u")
        try tmux.type(shipStationURL)
        try tmux.sendKeys("Tab")
        try tmux.type(info["shipStationAPIKey"] ?? "")
        try tmux.sendKeys("Tab")
        try tmux.type(info["shipStationAPISecret"] ?? "")
        try tmux.sendKeys("Tab")  // store: empty, the account's manual store
        try tmux.sendKeys("Tab")
        try tmux.sendKeys("Enter")
        try await tmux.waitFor(timeout: .seconds(20)) { $0.contains("✓ API key") && $0.contains("Sydney DC") && !$0.contains("✗ ") }

        // Step 3: Main Warehouse → Sydney DC.
        try tmux.sendKeys("C-n")
        try await tmux.waitFor(timeout: .seconds(20)) { $0.contains("[3 Order creation]") && $0.contains("Showroom") }
        try tmux.sendKeys("C-u")  // the account's warehouses may fill the list: keep only Sydney DC
        try tmux.type("Sydney DC")
        try tmux.sendKeys("Tab", "Tab", "Right")  // the first location's mapping: Sydney DC
        try await tmux.waitFor(timeout: .seconds(10)) { EndToEndTests.row($0, containing: "Main Warehouse")?.contains("Sydney DC") == true }
        try tmux.sendKeys("C-n")
        try await tmux.waitFor("[4 Fulfilment]", timeout: .seconds(10))
        try tmux.sendKeys("C-n")  // Finish
        try await tmux.waitFor(timeout: .seconds(20)) { $0.contains("Ship site") && $0.contains("Cin7 budget") && $0.contains("Saved") }

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

        try tmux.sendKeys("q")
        try await tmux.waitFor("Quit Cin7Bridge?", timeout: .seconds(10))
        try tmux.sendKeys("y")
        try await tmux.waitFor("EXITED:0", timeout: .seconds(30))
    }
}
