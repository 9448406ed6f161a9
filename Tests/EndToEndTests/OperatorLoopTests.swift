import Foundation
import TestSupport
import Testing

/// The operator's loop with the real binary against services in another process (`cin7bridge simulate`): an
/// integration imported as `config import` writes it, the TUI hosting its engine, the services asked from outside.
@Suite(.serialized, .enabled(if: TmuxSession.shouldRun, "tmux is not installed (set CI to make this a failure)"))
struct OperatorLoopTests {
    /// Imports the integration "Shop" into a new data directory.
    static func importIntegration(_ services: SimulatedServices, mappings: [(location: String, warehouse: String)]) throws -> String {
        let directory = EndToEndTests.tempDir()
        let file = directory + "/shop.json"
        try services.configDocument(name: "Shop", mappings: mappings).write(to: URL(fileURLWithPath: file))
        let imported = try Self.run(["config", "import", file, "--data-dir", directory])
        #expect(imported.status == 0, "\(imported.text)")
        return directory
    }

    static func run(_ arguments: [String]) throws -> ProcessOutput {
        try Process.runToEnd(URL(fileURLWithPath: EndToEndTests.binary), arguments)
    }

    /// A location mapped to a warehouse name CartonCloud does not have: the order needs attention with CartonCloud's
    /// answer; the wizard fixes the mapping; retry sends it — once — to the warehouse the configuration now names.
    @Test func fixTheMappingRetryAndTheOrderGoesToTheNewWarehouse() async throws {
        let services = try SimulatedServices(seedSales: 1)
        defer { services.stop() }
        let directory = try Self.importIntegration(services, mappings: [("Main Warehouse", "Sydney DX"), ("Northside 3PL", "Brisbane DC")])
        let tmux = try EndToEndTests.session("tui --data-dir '\(directory)'", width: 160, height: 30)
        defer { tmux.kill() }
        // The only integration opens at once.
        let number = "SO-00001"
        try tmux.sendKeys("6")
        let failed = try await tmux.waitFor(timeout: .seconds(60)) { EndToEndTests.row($0, containing: number)?.contains("needs attention") == true }
        #expect(failed.contains("CartonCloud refused the order: /warehouse: Wareh"), "\(failed)")

        // Reconfigure: step 3 lists the warehouses; the typo is corrected there.
        try tmux.sendKeys("c")
        try await tmux.waitFor("[1 Name]", timeout: .seconds(10))
        try tmux.sendKeys("C-n")
        try await tmux.waitFor("[2 Authentication]", timeout: .seconds(10))
        try tmux.sendKeys("C-n")
        // CartonCloud cannot list warehouses and this customer has no order yet to compare the names with: it says so.
        try await tmux.waitFor(timeout: .seconds(30)) {
            $0.contains("[3 Order creation]") && $0.contains("Sydney DX") && $0.contains("Names not checked")
        }
        try tmux.sendKeys("C-u")
        try tmux.type("Sydney DC, Brisbane DC")
        try tmux.sendKeys("C-n")
        try await tmux.waitFor("[4 Fulfilment]", timeout: .seconds(10))
        try tmux.sendKeys("C-n")
        try await tmux.waitFor(timeout: .seconds(20)) { $0.contains("Saved") && $0.contains("Cin7 budget") }

        // Retry from the queue: the status line says where it goes, once the engine has acted.
        try tmux.sendKeys("6")
        try await tmux.waitFor(timeout: .seconds(10)) { EndToEndTests.row($0, containing: number)?.contains("needs attention") == true }
        try tmux.sendKeys("r")
        try await tmux.waitFor("Retrying \(number) (to Sydney DC).", timeout: .seconds(30))
        try tmux.sendKeys("2")
        try await tmux.waitFor(timeout: .seconds(60)) { screen in
            screen.contains("[In warehouse 1]") && EndToEndTests.row(screen, containing: number)?.contains("Main Warehouse → Sydney DC ") == true
        }

        // CartonCloud, asked as any API client: one order for the sale, in the warehouse the mapping now names.
        let orders = try await services.warehouseOrders(reference: number)
        #expect(orders.count == 1, "\(orders)")
        let warehouse = try #require(orders.first?["warehouse"] as? [String: Any])
        #expect(warehouse["id"] as? String == (try services.id(of: "Sydney DC", in: "warehouses")), "\(warehouse)")

        // The timeline says what changed.
        try tmux.sendKeys("Enter")
        try await tmux.waitFor("now to Sydney DC (was Sydney DX)", timeout: .seconds(10))
        try tmux.sendKeys("q")
        try await tmux.waitFor("Quit Cin7Bridge?", timeout: .seconds(10))
        try tmux.sendKeys("y")
        try await tmux.waitFor("EXITED:0", timeout: .seconds(30))
    }

    /// Both services stop answering: each side shows as failing on the dashboard and in `status --check` within ten
    /// seconds; when they are back, the warnings clear on their own.
    @Test func servicesDownShowUnhealthyWithinTenSecondsAndRecover() async throws {
        let services = try SimulatedServices(seedSales: 1)
        defer { services.stop() }
        let directory = try Self.importIntegration(services, mappings: [("Main Warehouse", "Sydney DC")])
        let tmux = try EndToEndTests.session("tui --data-dir '\(directory)'", width: 120, height: 30)
        defer { tmux.kill() }
        try tmux.sendKeys("2")
        try await tmux.waitFor(timeout: .seconds(60)) { EndToEndTests.row($0, containing: "SO-00001") != nil && $0.contains("warehouse connected") }

        services.goOffline()
        let down = try await tmux.waitFor(timeout: .seconds(10)) {
            $0.contains("✗ Cin7: no answer") && $0.contains("✗ warehouse CartonCloud: no answer")
        }
        #expect(!down.contains("warehouse connected"))
        let check = try Self.run(["status", "--check", "--data-dir", directory])
        #expect(check.status != 0, "\(check.text)")
        #expect(check.text.contains("Cin7 Core is not answering") && check.text.contains("Calls to the warehouse are failing"), "\(check.text)")

        services.comeBack()
        try await tmux.waitFor(timeout: .seconds(20)) {
            $0.contains("warehouse connected") && $0.contains("Cin7 polled") && !$0.contains("no answer")
        }
        let healthy = try Self.run(["status", "--check", "--data-dir", directory])
        #expect(healthy.status == 0, "\(healthy.text)")
        try tmux.sendKeys("q")
        try await tmux.waitFor("Quit Cin7Bridge?", timeout: .seconds(10))
        try tmux.sendKeys("y")
        try await tmux.waitFor("EXITED:0", timeout: .seconds(30))
    }
}
