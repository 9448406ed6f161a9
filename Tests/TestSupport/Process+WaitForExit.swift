import Foundation

extension Process {
    /// Waits for the process to end by polling, and returns its exit status (128 + signal when killed by one).
    /// Foundation's `waitUntilExit` can spin for ever on Linux when it misses the child's exit; this cannot:
    /// after `timeout` the child is killed, and after twice that the wait gives up (nil).
    @discardableResult
    public func waitForExit(timeout: TimeInterval = 60) -> Int32? {
        let pid = processIdentifier
        let start = Date()
        var killed = false
        while Date().timeIntervalSince(start) < timeout * 2 {
            if !isRunning { return terminationStatus }
            var status: Int32 = 0
            if waitpid(pid, &status, WNOHANG) == pid {
                let signal = status & 0x7f
                return signal == 0 ? (status >> 8) & 0xff : 128 + signal
            }
            if !killed, Date().timeIntervalSince(start) > timeout {
                kill(pid, SIGKILL)
                killed = true
            }
            usleep(20_000)
        }
        return nil
    }

    /// Sends `signal` and waits for the exit status.
    @discardableResult
    public func stop(signal: Int32 = SIGTERM, timeout: TimeInterval = 30) -> Int32? {
        if isRunning { kill(processIdentifier, signal) }
        return waitForExit(timeout: timeout)
    }
}
