import Foundation
import TestSupport
import Testing

/// Drives the real `cin7bridge` binary in tmux (build it first; `swift build --build-tests` does). Waiting is by
/// polling the screen; there are no fixed sleeps. Skipped only when `CI` is unset and tmux is missing.
@Suite(.serialized, .enabled(if: TmuxSession.shouldRun, "tmux is not installed (set CI to make this a failure)"))
struct EndToEndTests {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The binary under test: `$CIN7BRIDGE_BIN`, else the debug build next to these tests.
    static var binary: String {
        if let path = ProcessInfo.processInfo.environment["CIN7BRIDGE_BIN"] { return path }
        let candidates = [
            Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("cin7bridge").path,
            packageRoot.appendingPathComponent(".build/debug/cin7bridge").path,
        ]
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0) } ?? candidates[1]
    }

    static func tempDir() -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("cin7bridge-e2e-\(UUID().uuidString.prefix(8))")
        try? FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir.path
    }

    static func session(
        _ arguments: String,
        width: Int = 80,
        height: Int = 24,
        term: String = "xterm-256color",
        noColor: Bool = false
    ) throws -> TmuxSession {
        #expect(FileManager.default.isExecutableFile(atPath: binary), "build cin7bridge first: swift build --product cin7bridge")
        let env = "env TERM=\(term) LANG=C.UTF-8 LC_ALL=C.UTF-8" + (noColor ? " NO_COLOR=1" : "")
        // The shell waits for a first Enter, sent once tmux has finished setting the session up (remain-on-exit):
        // output written while tmux is still configuring the pane can be lost.
        let tmux = try TmuxSession(width: width, height: height, command: "read -r _; \(env) '\(binary)' \(arguments); echo EXITED:$?")
        try tmux.sendKeys("Enter")
        return tmux
    }

    /// The row of the dashboard table that contains `text` (not the filter line, which may hold the same text).
    static func row(_ screen: String, containing text: String) -> String? {
        screen.split(separator: "\n").map(String.init).first { $0.contains(text) && !$0.contains("Filter /") }
    }

    @Test func demoOrdersCompleteAFailedOrderIsFixedAndRetriedResizeAndQuit() async throws {
        let dir = Self.tempDir()
        let tmux = try Self.session("demo --pace fast --data-dir '\(dir)'")
        defer { tmux.kill() }
        // The demo opens its integration's dashboard.
        try await tmux.waitFor(timeout: .seconds(30)) { $0.contains("Demo") && $0.contains("Pending") && $0.contains("Cin7 budget") }
        // Orders flow through to Completed.
        try tmux.sendKeys("4")
        try await tmux.waitFor(timeout: .seconds(60)) { $0.contains("[Done") && $0.contains("✓ completed") }
        // An order with a SKU the warehouse does not know needs attention; its detail says why and what to do.
        try tmux.sendKeys("6")
        // It is the demo's sixth sale (`DemoScenario.kind(of: 5)` is `.unknownSKU`).
        let number = "SO-00006"
        try await tmux.waitFor(timeout: .seconds(60)) { Self.row($0, containing: number)?.contains("needs attention") == true }
        try tmux.sendKeys("/")
        try await tmux.waitFor("Filter /", timeout: .seconds(10))
        try tmux.type(number)
        try await tmux.waitFor(timeout: .seconds(10)) { screen in
            screen.split(separator: "\n").contains { $0.contains("Filter /") && $0.contains(number) }
        }
        try tmux.sendKeys("Enter")
        try await tmux.waitFor(timeout: .seconds(10)) { Self.row($0, containing: number)?.contains("needs attention") == true }
        try tmux.sendKeys("Enter")
        let detail = try await tmux.waitFor("What to do", timeout: .seconds(10))
        #expect(detail.contains("Order \(number)"))
        #expect(detail.contains("MAT-SELF"))
        #expect(detail.contains("Cin7 sale") && detail.contains("Warehouse order"))
        // Fix it (demo key), then retry from the detail screen.
        try tmux.sendKeys("M")
        try await tmux.waitFor("Added MAT-SELF", timeout: .seconds(10))
        try tmux.sendKeys("r")
        // The status line says what the engine did, once it has done it.
        try await tmux.waitFor("Retrying \(number) (to Sydney DC).", timeout: .seconds(20))
        try tmux.sendKeys("Escape")
        // It leaves Needs attention and reaches Completed.
        try tmux.sendKeys("4")
        try await tmux.waitFor(timeout: .seconds(90)) { screen in
            screen.contains("[Done") && screen.split(separator: "\n").contains { $0.contains(number) && $0.contains("✓ completed") }
        }
        // Resize: degraded layout, too small, back.
        try tmux.resize(width: 60, height: 20)
        try await tmux.waitFor(timeout: .seconds(10)) { $0.contains("Done") && !$0.contains("too small") }
        try tmux.resize(width: 50, height: 15)
        try await tmux.waitFor("too small", timeout: .seconds(10))
        try tmux.resize(width: 80, height: 24)
        try await tmux.waitFor(timeout: .seconds(10)) { $0.contains("[Done") }
        // q asks (this process is syncing), then the terminal is restored and the user is told syncing stopped.
        try tmux.sendKeys("q")
        try await tmux.waitFor("Quit Cin7Bridge?", timeout: .seconds(10))
        try tmux.sendKeys("y")
        let end = try await tmux.waitFor("EXITED:", timeout: .seconds(30))
        #expect(end.contains("EXITED:0"))
        #expect(end.contains("Syncing has stopped"))
        #expect(!end.contains("Cin7 budget"), "the curses screen is gone after exit")
    }

    @Test func wizardConfiguresASecondIntegrationWithTheShownSimulatorCredentials() async throws {
        let dir = Self.tempDir()
        let tmux = try Self.session("demo --pace fast --max-sales 3 --data-dir '\(dir)'", width: 100, height: 36)
        defer { tmux.kill() }
        try await tmux.waitFor(timeout: .seconds(30)) { $0.contains("Cin7 budget") }
        try tmux.sendKeys("Escape")
        let home = try await tmux.waitFor(timeout: .seconds(10)) { $0.contains("Demo simulators") && $0.contains("Customer ID") }
        func value(_ label: String) throws -> String {
            let line = try #require(Self.row(home, containing: label + " "), "no \(label) on:\n\(home)")
            let after = line.components(separatedBy: label).dropFirst().joined(separator: label)
            return try #require(after.split(separator: " ").first.map { String($0).trimmingCharacters(in: CharacterSet(charactersIn: "│|")) })
        }
        let account = try value("Cin7 Account ID")
        let key = try value("Cin7 Application Key")
        let cin7URL = try value("Cin7 API base URL")
        let ccURL = try value("CartonCloud base URL")
        let tenant = try value("Tenant ID")
        let client = try value("Client ID")
        let secret = try value("Client secret")
        let customer = try value("Customer ID")

        let wizard = WizardWalk(tmux: tmux)
        try tmux.sendKeys("n")
        try await tmux.waitFor("[1 Name]", timeout: .seconds(10))
        try tmux.sendKeys("C-n")  // empty name: inline validation, stays on step 1
        try await tmux.waitFor("give the integration a name", timeout: .seconds(10))
        try tmux.type("Second site")
        try tmux.sendKeys("C-n")
        try await tmux.waitFor("[2 Authentication]", timeout: .seconds(10))
        try wizard.cin7Account(account, key: key)
        let masked = try tmux.capture()
        #expect(!masked.contains(key), "the application key is masked")
        try await wizard.cin7Address(cin7URL)
        try await wizard.platformFields(url: ccURL, [tenant, client, secret, customer]) { $0.contains("✓ Customer:") && $0.contains("✓ Role:") }
        try tmux.type("Sydney DC, Brisbane DC")
        try tmux.sendKeys("Tab", "Right")  // default warehouse: Sydney DC
        try await tmux.waitFor("← Sydney DC →", timeout: .seconds(10))
        try tmux.sendKeys("C-n")
        try await tmux.waitFor("[4 Fulfilment]", timeout: .seconds(10))
        try await wizard.finish("Second site")
        try tmux.sendKeys("Escape")
        try await tmux.waitFor(timeout: .seconds(10)) { $0.contains("2 active") && $0.contains("Second site") }
        try await wizard.quit()
    }

    /// A second process on the same data directory attaches as a viewer: it shows the owner, live counts, and its
    /// retry goes through the command table to the owning process, which carries it out.
    @Test func aSecondTUIAttachesAsAViewerAndItsRetryRunsInTheOwner() async throws {
        let dir = Self.tempDir()
        let owner = try Self.session("demo --pace fast --data-dir '\(dir)'")
        defer { owner.kill() }
        try await owner.waitFor(timeout: .seconds(30)) { $0.contains("syncing in this process") }
        let viewer = try Self.session("tui --data-dir '\(dir)'")
        defer { viewer.kill() }
        // With a single integration the TUI opens its dashboard straight away.
        try await viewer.waitFor(timeout: .seconds(30)) { $0.contains("viewer · synced by") && $0.contains("Cin7 budget") }
        // The demo's sixth sale carries a SKU the warehouse lacks (`DemoScenario.kind(of: 5)`): it needs attention.
        // Fix it in the owner's simulated warehouse, then retry it from the viewer.
        let number = "SO-00006"
        try viewer.sendKeys("6")
        try await viewer.waitFor(timeout: .seconds(90)) { Self.row($0, containing: number)?.contains("needs attention") == true }
        try owner.sendKeys("M")
        try await owner.waitFor("Added MAT-SELF", timeout: .seconds(10))
        try viewer.sendKeys("/")
        try await viewer.waitFor("Filter /", timeout: .seconds(10))
        try viewer.type(number)
        try await viewer.waitFor(timeout: .seconds(10)) { screen in
            screen.split(separator: "\n").contains { $0.contains("Filter /") && $0.contains(number) }
        }
        try viewer.sendKeys("Enter")
        try await viewer.waitFor(timeout: .seconds(10)) { Self.row($0, containing: number)?.contains("needs attention") == true }
        try viewer.sendKeys("r")
        try viewer.sendKeys("4")
        try await viewer.waitFor(timeout: .seconds(90)) { screen in
            screen.split(separator: "\n").contains { $0.contains(number) && $0.contains("✓ completed") }
        }
        try viewer.sendKeys("q")
        try await viewer.waitFor("EXITED:0", timeout: .seconds(20))
    }

    @Test func unknownTermGivesAOneLineHint() async throws {
        let tmux = try Self.session("tui --data-dir '\(Self.tempDir())'", term: "no-such-terminal")
        defer { tmux.kill() }
        let screen = try await tmux.waitFor("EXITED:", timeout: .seconds(20))
        #expect(screen.contains("Unknown terminal type \"no-such-terminal\": try TERM=xterm-256color"))
        #expect(!screen.contains("EXITED:0"))
    }

    @Test func noColorTUIShowsWordsAndQuitsAtOnceWhenIdle() async throws {
        let tmux = try Self.session("tui --data-dir '\(Self.tempDir())'", noColor: true)
        defer { tmux.kill() }
        try await tmux.waitFor("No integrations yet", timeout: .seconds(20))
        try tmux.sendKeys("?")
        try await tmux.waitFor(timeout: .seconds(10)) { $0.contains("Help") && $0.contains("Integrations") }
        try tmux.sendKeys("Escape")
        try tmux.sendKeys("q")  // nothing is syncing: no question
        try await tmux.waitFor("EXITED:0", timeout: .seconds(20))
    }
}
