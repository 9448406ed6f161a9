import Foundation
import TestSupport
import Testing

@Suite("TmuxSession harness", .serialized, .enabled(if: TmuxSession.shouldRun))
struct TmuxSessionTests {
    @Test func drivesATrivialCommand() async throws {
        let tmux = try TmuxSession(
            width: 40,
            height: 10,
            command: "sh -c 'printf ready; read x; echo got:$x; read y'"
        )
        defer { tmux.kill() }
        try await tmux.waitFor("ready")
        try tmux.type("hello")
        try tmux.sendKeys("Enter")
        let screen = try await tmux.waitFor("got:hello")
        #expect(screen.hasPrefix("readyhello"))
        try tmux.resize(width: 30, height: 8)
        try await tmux.waitFor { _ in true }
        try tmux.sendKeys("Enter")
        let status = try await tmux.waitForExit()
        #expect(status == 0 || status == nil)
    }

    @Test func timesOutWithTheLastScreen() async throws {
        let tmux = try TmuxSession(width: 20, height: 5, command: "sh -c 'printf waiting; read x'")
        defer { tmux.kill() }
        try await tmux.waitFor("waiting")
        await #expect(throws: TmuxSession.Failure.self) {
            try await tmux.waitFor("never", timeout: .milliseconds(200))
        }
    }
}
