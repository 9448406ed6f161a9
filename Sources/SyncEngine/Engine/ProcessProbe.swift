import Foundation

/// Who this process is among those sharing a store, and whether another one is still alive.
enum ProcessProbe {
    /// The name this process gives itself in leases, statuses and the host list: `$CIN7BRIDGE_HOST_NAME`, else the
    /// machine's host name. Processes with different names never judge each other by pid, only by heartbeat (as
    /// hosts do), so containers sharing a network namespace, or tests standing in for several hosts, can each set
    /// their own.
    static let hostName: String = {
        let name = ProcessInfo.processInfo.environment["CIN7BRIDGE_HOST_NAME"] ?? ""
        return name.isEmpty ? ProcessInfo.processInfo.hostName : name
    }()

    /// Whether a process id is alive on this machine.
    static func isAlive(pid: Int32) -> Bool {
        guard pid > 0 else { return false }
        return kill(pid, 0) == 0 || errno == EPERM
    }

    /// A lease held under another host name is assumed alive until its heartbeat goes stale.
    static func isAliveOrRemote(_ lease: Lease) -> Bool {
        lease.host != hostName || isAlive(pid: lease.pid)
    }
}
