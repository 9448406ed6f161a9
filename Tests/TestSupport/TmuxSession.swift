import Foundation

/// Drives a program in a detached tmux session on a private socket: send keys, read the screen, resize.
///
/// Every wait polls the screen until a condition holds (no fixed sleeps). The pane stays after the program
/// exits (`remain-on-exit`), so its last screen and exit status can still be read. Call ``kill()`` when done
/// (e.g. in `defer`).
///
/// ```swift
/// let tmux = try TmuxSession(width: 80, height: 24, command: "env TERM=xterm-256color ./app")
/// defer { tmux.kill() }
/// try await tmux.waitFor("Queues")
/// try tmux.sendKeys("j", "Enter")
/// let screen = try await tmux.waitFor { $0.contains("Order SO-1001") }
/// ```
public struct TmuxSession: Sendable {
    /// The session name.
    public let name: String
    /// The private server socket (`tmux -S`), so tests never touch a user's tmux.
    public let socketPath: String

    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    /// `true` when a `tmux` binary is on the PATH.
    public static var isAvailable: Bool { executablePath("tmux") != nil }

    /// Whether tmux tests should run: always under CI (where a missing tmux is a failure), otherwise only
    /// when tmux is installed.
    public static var shouldRun: Bool { isAvailable || ProcessInfo.processInfo.environment["CI"] != nil }

    /// Starts `command` (run by `sh -c`) in a new detached session of `width`×`height`.
    /// - Parameters:
    ///   - name: the session name (unique by default).
    ///   - width: columns.
    ///   - height: rows.
    ///   - command: the shell command to run.
    ///   - environment: extra variables for the command.
    public init(
        name: String = "t\(UUID().uuidString.prefix(8).lowercased())",
        width: Int,
        height: Int,
        command: String,
        environment: [String: String] = [:]
    ) throws {
        self.name = name
        self.socketPath =
            FileManager.default.temporaryDirectory
            .appendingPathComponent("tmux-test-\(name).sock").path
        var args = ["-f", "/dev/null", "new-session", "-d", "-x", "\(width)", "-y", "\(height)", "-s", name]
        for (k, v) in environment.sorted(by: { $0.key < $1.key }) { args += ["-e", "\(k)=\(v)"] }
        args += [command, ";", "set-option", "-t", name, "remain-on-exit", "on"]
        try run(args)
    }

    /// Sends tmux key names or text (`"Enter"`, `"Escape"`, `"C-c"`, `"Up"`, `"q"`).
    public func sendKeys(_ keys: String...) throws { try run(["send-keys", "-t", name] + keys) }

    /// Types `text` literally (no key-name lookup).
    public func type(_ text: String) throws { try run(["send-keys", "-t", name, "-l", text]) }

    /// The visible screen as plain text (`capture-pane -p`), trailing blank lines removed.
    public func capture() throws -> String {
        var text = try run(["capture-pane", "-p", "-t", name])
        while text.hasSuffix("\n") { text.removeLast() }
        return text
    }

    /// Polls the screen until `predicate` holds.
    /// - Returns: the screen that satisfied it.
    /// - Throws: ``Failure`` with the last screen when `timeout` passes first.
    @discardableResult
    public func waitFor(
        timeout: Duration = .seconds(10),
        _ predicate: (String) -> Bool
    ) async throws -> String {
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: timeout)
        var screen = ""
        while true {
            screen = (try? capture()) ?? ""
            if predicate(screen) { return screen }
            if clock.now >= deadline { break }
            try await Task.sleep(for: .milliseconds(25))
        }
        throw Failure(description: "timed out after \(timeout); screen was:\n\(screen)")
    }

    /// Polls the screen until it contains `text`.
    @discardableResult
    public func waitFor(_ text: String, timeout: Duration = .seconds(10)) async throws -> String {
        try await waitFor(timeout: timeout) { $0.contains(text) }
    }

    /// Resizes the window (the program gets SIGWINCH).
    public func resize(width: Int, height: Int) throws {
        try run(["resize-window", "-t", name, "-x", "\(width)", "-y", "\(height)"])
    }

    /// Whether the program has exited, and its status when tmux recorded one (128 + n for a signal).
    /// tmux does not always record it (it may notice the closed pty before it reaps the process), so tests that
    /// need the status should print it instead: `command; echo EXITED:$?`.
    public func exitState() throws -> (exited: Bool, status: Int32?) {
        let out = try run(["display-message", "-p", "-t", name, "#{pane_dead}:#{pane_dead_status}:#{pane_dead_signal}"])
        let parts = out.trimmingCharacters(in: .whitespacesAndNewlines)
            .split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 3, parts[0] == "1" else { return (false, nil) }
        if let status = Int32(parts[1]) { return (true, status) }
        if let signal = Int32(parts[2]) { return (true, 128 + signal) }
        return (true, nil)
    }

    /// Polls until the program has exited; returns its status when tmux recorded one.
    @discardableResult
    public func waitForExit(timeout: Duration = .seconds(10)) async throws -> Int32? {
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: timeout)
        while clock.now < deadline {
            let state = try exitState()
            if state.exited { return state.status }
            try await Task.sleep(for: .milliseconds(25))
        }
        let screen = (try? capture()) ?? ""
        throw Failure(description: "program still running after \(timeout); screen was:\n\(screen)")
    }

    /// Ends the session and its server, and removes the socket.
    public func kill() {
        _ = try? run(["kill-server"])
        try? FileManager.default.removeItem(atPath: socketPath)
    }

    /// Runs `tmux -S socket args…` and returns its standard output.
    ///
    /// Uses `posix_spawn` + `waitpid` with output in a temporary file rather than `Process` and pipes: the tmux
    /// server that `new-session` forks inherits the child's descriptors and would keep a pipe open forever.
    @discardableResult
    private func run(_ args: [String]) throws -> String {
        guard let tmux = Self.executablePath("tmux") else { throw Failure(description: "tmux is not installed") }
        let outPath = FileManager.default.temporaryDirectory
            .appendingPathComponent("tmux-out-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: outPath) }
        let argv = [tmux, "-S", socketPath] + args
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        // Test threads (Dispatch workers) block signals; the tmux server must not inherit that mask, or it
        // never sees SIGCHLD and cannot report its program's exit status.
        var attr = posix_spawnattr_t()
        posix_spawnattr_init(&attr)
        defer { posix_spawnattr_destroy(&attr) }
        var emptyMask = sigset_t()
        sigemptyset(&emptyMask)
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for sig in [SIGCHLD, SIGPIPE, SIGINT, SIGTERM, SIGHUP, SIGWINCH] { sigaddset(&defaults, sig) }
        posix_spawnattr_setsigmask(&attr, &emptyMask)
        posix_spawnattr_setsigdefault(&attr, &defaults)
        posix_spawnattr_setflags(&attr, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        var cArgs = argv.map { strdup($0) } + [nil]
        defer { for p in cArgs { free(p) } }
        var pid: pid_t = 0
        let rc = posix_spawn(&pid, tmux, &actions, &attr, &cArgs, environ)
        guard rc == 0 else { throw Failure(description: "could not start tmux: errno \(rc)") }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        let output = (try? String(contentsOfFile: outPath, encoding: .utf8)) ?? ""
        let exited = (status & 0x7f) == 0
        let code = (status >> 8) & 0xff
        guard exited && code == 0 else {
            throw Failure(description: "tmux \(args.first ?? "") failed (status \(status)): \(output)")
        }
        return output
    }

    private static func executablePath(_ name: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for dir in path.split(separator: ":") {
            let candidate = "\(dir)/\(name)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }
}
