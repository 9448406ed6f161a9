import Foundation
import TestSupport
import Testing

@testable import TerminalUI

/// Runs the real ``CursesTerminal`` inside tmux: this test binary re-runs itself with `TUI_CURSES_DEMO=1`
/// and a filter that selects ``CursesDemo/interactive()``, which is otherwise disabled.
@Suite("CursesTerminal in tmux", .serialized, .enabled(if: TmuxSession.shouldRun))
struct CursesTerminalTmuxTests {
    static var selfCommand: String {
        let exe =
            (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
            ?? CommandLine.arguments[0]
        return "'\(exe)' --testing-library swift-testing --filter CursesDemo"
    }

    @Test func drawsReadsKeysResizesAndRestores() async throws {
        let tmux = try TmuxSession(
            width: 80,
            height: 24,
            command: "env -u NO_COLOR TERM=xterm-256color LANG=C.UTF-8 TUI_CURSES_DEMO=1 \(Self.selfCommand); echo EXITED:$?"
        )
        defer { tmux.kill() }
        var screen = try await tmux.waitFor("READY 80x24", timeout: .seconds(20))
        #expect(screen.contains("unicode=yes color=yes"))
        #expect(screen.contains("┌ Curses demo "))
        #expect(screen.contains("漢字 e\u{301} ok"))
        try tmux.sendKeys("x")
        try await tmux.waitFor("last key: x")
        try tmux.sendKeys("Up")
        try await tmux.waitFor("last key: ↑")
        try tmux.sendKeys("Escape")
        try await tmux.waitFor("last key: Esc", timeout: .seconds(1))  // ESCDELAY is short
        try tmux.sendKeys("F2")
        try await tmux.waitFor("last key: F2")
        try tmux.resize(width: 60, height: 20)
        screen = try await tmux.waitFor("READY 60x20")
        #expect(screen.split(separator: "\n").count <= 20)
        try tmux.sendKeys("C-c")  // SIGINT reaches the app as ^C, the terminal stays in curses mode
        try await tmux.waitFor("last key: ^C")
        try tmux.sendKeys("q")
        screen = try await tmux.waitFor("EXITED:")
        #expect(screen.contains("DEMO DONE"))
        #expect(!screen.contains("READY"))  // the alternate screen is gone: endwin ran
    }

    @Test func noColorAndASCIIFallback() async throws {
        let tmux = try TmuxSession(
            width: 80,
            height: 24,
            command: "env TERM=xterm-256color LANG=C NO_COLOR=1 TUI_CURSES_DEMO=1 \(Self.selfCommand); echo EXITED:$?"
        )
        defer { tmux.kill() }
        let screen = try await tmux.waitFor("READY 80x24", timeout: .seconds(20))
        #expect(screen.contains("unicode=no color=no"))
        #expect(screen.contains("+ Curses demo "))
        try tmux.sendKeys("q")
        try await tmux.waitFor("EXITED:")
    }

    @Test func unknownTermGivesAOneLineHint() async throws {
        let tmux = try TmuxSession(
            width: 100,
            height: 10,
            command: "env TERM=xyz-unknown TUI_CURSES_DEMO=1 \(Self.selfCommand); echo EXITED:$?"
        )
        defer { tmux.kill() }
        let screen = try await tmux.waitFor("EXITED:", timeout: .seconds(20))
        #expect(screen.contains("Unknown terminal type \"xyz-unknown\": try TERM=xterm-256color"))
    }

    @Test func sigtermRestoresTheTerminalWhenNotDeliveredToTheApp() async throws {
        let tmux = try TmuxSession(
            width: 80,
            height: 24,
            command: "env TERM=xterm-256color LANG=C.UTF-8 TUI_CURSES_DEMO=exit-on-signal \(Self.selfCommand)"
                + "; echo EXITED:$?; stty -a | grep -o ' echo ' ; read x"
        )
        defer { tmux.kill() }
        let screen = try await tmux.waitFor("READY 80x24", timeout: .seconds(20))
        let pid = try #require(Self.pid(in: screen))
        kill(pid, SIGTERM)  // sent to the app alone (Ctrl-C in tmux would also stop the wrapping shell)
        try await tmux.waitFor("EXITED:143")
        try await tmux.waitFor("EXITED:143\n echo")  // the tty has echo back on: endwin ran in the signal handler
    }

    @Test func sigtermIsDeliveredToTheApp() async throws {
        let tmux = try TmuxSession(
            width: 80,
            height: 24,
            command: "env TERM=xterm-256color LANG=C.UTF-8 TUI_CURSES_DEMO=1 \(Self.selfCommand); echo EXITED:$?"
        )
        defer { tmux.kill() }
        let screen = try await tmux.waitFor("READY 80x24", timeout: .seconds(20))
        let pid = try #require(Self.pid(in: screen))
        kill(pid, SIGTERM)
        let after = try await tmux.waitFor("EXITED:")
        #expect(after.contains("DEMO DONE after terminate"))
    }

    static func pid(in screen: String) -> pid_t? {
        guard let range = screen.range(of: "pid=") else { return nil }
        return pid_t(screen[range.upperBound...].prefix { $0.isNumber })
    }
}

/// The program the tmux tests drive (disabled unless `TUI_CURSES_DEMO` is set).
@Suite struct CursesDemo {
    @Test(.enabled(if: ProcessInfo.processInfo.environment["TUI_CURSES_DEMO"] != nil))
    @MainActor func interactive() throws {
        let mode = ProcessInfo.processInfo.environment["TUI_CURSES_DEMO"] ?? ""
        let terminal: CursesTerminal
        do {
            terminal = try CursesTerminal(options: .init(signalsToApp: mode != "exit-on-signal"))
        } catch let error as TerminalError {
            FileHandle.standardError.write(Data((error.description + "\n").utf8))
            exit(3)
        }
        var lastKey = "none"
        func frame() -> ScreenBuffer {
            let caps = terminal.capabilities
            let theme = caps.theme
            var buffer = ScreenBuffer(size: terminal.size)
            let inner = buffer.box(buffer.bounds, title: "Curses demo", glyphs: theme.glyphs, style: theme.border)
            buffer.put("READY \(terminal.size) pid=\(getpid())", at: inner.origin, style: theme.header)
            buffer.put(
                "unicode=\(caps.unicode ? "yes" : "no") color=\(caps.colorEnabled ? "yes" : "no")",
                at: Point(x: inner.x, y: inner.y + 1)
            )
            buffer.put("last key: \(lastKey)", at: Point(x: inner.x, y: inner.y + 2), style: theme.key)
            buffer.put(
                TextSanitizer.clean("漢字 e\u{301} ok \u{1b}[2J"),
                at: Point(x: inner.x, y: inner.y + 3),
                style: theme.ok
            )
            return buffer
        }
        terminal.draw(frame())
        var stoppedBy = ""
        while true {
            guard let key = terminal.readKey(timeout: .milliseconds(200)) else {
                if let signal = terminal.takeSignal() {
                    stoppedBy = " after \(signal)"
                    break
                }
                continue
            }
            if key == .char("q") { break }
            if key != .resize { lastKey = key.display(ascii: !terminal.capabilities.unicode) }
            terminal.draw(frame())
        }
        terminal.shutdown()
        print("DEMO DONE\(stoppedBy)")
    }
}
