import BridgeSupport
import Foundation
import Synchronization

/// Runs an alert hook's command once: the alert's JSON on its standard input and in its environment, its output
/// discarded, ended (SIGTERM, then SIGKILL a second later) when it outlives the timeout.
enum AlertCommandRunner {
    /// Variables passed through from this process; nothing else is inherited, so the bridge's own environment never
    /// reaches the command.
    static let inherited: Set<String> = ["PATH", "HOME", "LANG", "LC_ALL", "TZ", "USER", "LOGNAME"]

    private final class Run: Sendable {
        private struct State {
            var exited = false
            var killed = false
            var watchdog: Task<Void, Never>?
        }

        private let state = Mutex(State())

        func exited() { state.withLock { $0.exited = true } }
        var wasKilled: Bool { state.withLock { $0.killed } }
        func watch(_ task: Task<Void, Never>) { state.withLock { $0.watchdog = task } }
        func stopWatching() { state.withLock { $0.watchdog?.cancel() } }

        /// Sends `signal` unless the command has already exited.
        func signal(_ pid: Int32, _ signal: Int32) {
            state.withLock { state in
                guard !state.exited else { return }
                state.killed = true
                kill(pid, signal)
            }
        }
    }

    static func run(path: String, arguments: [String], payload: AlertPayload, timeout: TimeInterval) async throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        var environment = ProcessInfo.processInfo.environment.filter { inherited.contains($0.key) }
        environment.merge(payload.environment) { _, new in new }
        process.environment = environment
        // Written before the command starts (a few kilobytes fit the pipe's buffer), so a command that never reads
        // its input cannot make the write fail with SIGPIPE.
        let input = Pipe()
        try? input.fileHandleForWriting.write(contentsOf: Data(payload.encoded()))
        try? input.fileHandleForWriting.close()
        process.standardInput = input
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        let run = Run()
        let (status, reason) = try await withCheckedThrowingContinuation {
            (continuation: CheckedContinuation<(Int32, Process.TerminationReason), any Error>) in
            process.terminationHandler = { finished in
                run.exited()
                continuation.resume(returning: (finished.terminationStatus, finished.terminationReason))
            }
            do {
                try process.run()
            } catch {
                continuation.resume(throwing: AlertDeliveryError.couldNotStart)
                return
            }
            let pid = process.processIdentifier
            run.watch(
                Task.detached {
                    try? await Task.sleep(nanoseconds: UInt64(max(0, timeout) * 1_000_000_000))
                    guard !Task.isCancelled else { return }
                    run.signal(pid, SIGTERM)
                    try? await Task.sleep(nanoseconds: 1_000_000_000)
                    guard !Task.isCancelled else { return }
                    run.signal(pid, SIGKILL)
                }
            )
        }
        run.stopWatching()
        if run.wasKilled { throw AlertDeliveryError.killedAfterTimeout }
        guard reason == .exit, status == 0 else { throw AlertDeliveryError.exitStatus(status) }
    }
}
