import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// A child process of the bench (a `cin7bridge run` host of the failover figure; `scripts/pg`), started with
/// `posix_spawn` and reaped only when asked (`reap()`), unlike Foundation's `Process`, which reaps at once. Killed
/// and not yet reaped, it is a zombie whose pid still answers `kill(pid, 0)`: to the other hosts it looks like a host
/// on another machine that stopped heartbeating, so takeover rests on the lease timeout (the tests' `ChildProcess`,
/// which the bench cannot import).
final class HostProcess: @unchecked Sendable {
    let pid: Int32
    private let lock = NSLock()
    private var status: Int32?

    /// Starts `executable` with `arguments`; standard input from /dev/null, standard output and error appended to
    /// `output` (nil: /dev/null).
    init(_ executable: URL, arguments: [String], output: URL? = nil) throws {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        let out = output?.path ?? "/dev/null"
        posix_spawn_file_actions_addopen(&actions, 1, out, O_WRONLY | O_CREAT | O_APPEND, 0o600)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        let argv: [UnsafeMutablePointer<CChar>?] = ([executable.path] + arguments).map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        var pid: pid_t = 0
        let result = posix_spawn(&pid, executable.path, &actions, nil, argv, environ)
        guard result == 0 else { throw BenchError("posix_spawn \(executable.path) failed: \(String(cString: strerror(result)))") }
        self.pid = pid
    }

    /// Sends `signal` (nothing once reaped).
    func signal(_ signal: Int32) {
        guard !reaped else { return }
        kill(pid, signal)
    }

    var reaped: Bool { lock.withLock { status != nil } }

    /// Reaps the child once it has ended: its exit status (128 + signal when a signal ended it), or nil when it is
    /// still running after `timeout`.
    @discardableResult
    func reap(timeout: TimeInterval = 30) -> Int32? {
        if let status = lock.withLock({ status }) { return status }
        let deadline = Date().addingTimeInterval(timeout)
        repeat {
            var raw: Int32 = 0
            let result = waitpid(pid, &raw, WNOHANG)
            if result == pid {
                let low = raw & 0x7f
                let value = low == 0 ? (raw >> 8) & 0xff : 128 + low
                lock.withLock { status = value }
                return value
            }
            if result < 0 {
                lock.withLock { status = -1 }
                return -1
            }
            usleep(20_000)
        } while Date() < deadline
        return nil
    }

    /// Asks it to stop (SIGTERM), then kills it after `timeout`; returns the exit status.
    @discardableResult
    func stop(timeout: TimeInterval = 30) -> Int32? {
        signal(SIGTERM)
        if let status = reap(timeout: timeout) { return status }
        signal(SIGKILL)
        return reap(timeout: 10)
    }
}
