import Foundation
import TestSupport

/// The configure wizard's steps as a person at the keyboard takes them in the real TUI, shared by the tests that
/// set an integration up on each platform. Each step waits for the screen that proves it was taken.
struct WizardWalk {
    let tmux: TmuxSession

    /// From the home screen: `n`, the name (step 1), on to step 2.
    func name(_ name: String) async throws {
        try tmux.sendKeys("n")
        try await tmux.waitFor("[1 Name]", timeout: .seconds(10))
        try tmux.type(name)
        try tmux.sendKeys("C-n")
        try await tmux.waitFor("[2 Authentication]", timeout: .seconds(10))
    }

    /// Step 2's Cin7 part up to the Application key (left focused, so a test can look at the masked field).
    func cin7Account(_ account: String, key: String) throws {
        try tmux.type(account)
        try tmux.sendKeys("Tab")
        try tmux.type(key)
        try tmux.sendKeys("Tab")
    }

    /// Step 2's Cin7 address and connection test; leaves focus on the Platform choice.
    func cin7Address(_ url: String) async throws {
        try tmux.sendKeys("C-u")
        try tmux.type(url)
        try tmux.sendKeys("Tab")
        try tmux.sendKeys("Enter")
        try await tmux.waitFor(timeout: .seconds(20)) { $0.contains("✓ Cin7 Core:") && $0.contains("3 locations") }
        try tmux.sendKeys("Tab")
    }

    /// Moves the Platform choice `steps` to the right (0 keeps CartonCloud) and waits for its fields.
    func platform(steps: Int, shows: (String) -> Bool) async throws {
        for _ in 0..<steps { try tmux.sendKeys("Right") }
        try await tmux.waitFor(timeout: .seconds(10), shows)
    }

    /// The platform's base URL and then each field in order, then the connection test; `passes` says it passed.
    func platformFields(url: String, _ values: [String], thenTabs: Int = 0, passes: (String) -> Bool) async throws {
        try tmux.sendKeys("Tab")
        try tmux.sendKeys("C-u")
        try tmux.type(url)
        for value in values {
            try tmux.sendKeys("Tab")
            try tmux.type(value)
        }
        for _ in 0..<(thenTabs + 1) { try tmux.sendKeys("Tab") }
        try tmux.sendKeys("Enter")
        try await tmux.waitFor(timeout: .seconds(20)) { passes($0) && !$0.contains("✗ ") }
        try tmux.sendKeys("C-n")
        try await tmux.waitFor(timeout: .seconds(20)) { $0.contains("[3 Order creation]") && $0.contains("Showroom") }
    }

    /// Step 3 with only `warehouse` in the list, the first location (Main Warehouse) mapped to it; on to step 4.
    func mapMainWarehouse(to warehouse: String) async throws {
        try tmux.sendKeys("C-u")  // the account's warehouses may fill the list: keep only this one
        try tmux.type(warehouse)
        try tmux.sendKeys("Tab", "Tab", "Right")
        try await tmux.waitFor(timeout: .seconds(10)) { EndToEndTests.row($0, containing: "Main Warehouse")?.contains(warehouse) == true }
        try tmux.sendKeys("C-n")
        try await tmux.waitFor("[4 Fulfilment]", timeout: .seconds(10))
    }

    /// Finish on step 4 (its defaults kept): the new integration's dashboard opens.
    func finish(_ name: String) async throws {
        try tmux.sendKeys("C-n")
        try await tmux.waitFor(timeout: .seconds(20)) { $0.contains(name) && $0.contains("Cin7 budget") && $0.contains("Saved") }
    }

    /// `q`, confirmed (this process is syncing), and a clean exit.
    func quit() async throws {
        try tmux.sendKeys("q")
        try await tmux.waitFor("Quit Cin7Bridge?", timeout: .seconds(10))
        try tmux.sendKeys("y")
        try await tmux.waitFor("EXITED:0", timeout: .seconds(30))
    }
}
