import Foundation

/// How the integrations are spread over the `run` processes sharing a store: each takes at most its fair share,
/// ceil(integrations / live hosts), from those nobody holds (free, or their holder stopped heartbeating or died), and
/// a host holding more than its share gives one back per look while another has room and nothing is free, so a host
/// that joins (or comes back) gets work without any integration changing hands twice. Pure: `EngineHost` gathers
/// the hosts and leases (one query each) and acts on the answer.
struct WorkShare: Equatable {
    /// How many integrations this host may run.
    var share: Int
    /// Integrations this host may take now, in the order to try them.
    var takeable: [Int64]
    /// An integration to give back (stop, releasing its lease) so a host with room takes it.
    var handBack: Int64?
    /// Integrations another live process holds, with that process (`host:pid`).
    var elsewhere: [Int64: String]

    /// - Parameters:
    ///   - wanted: the enabled integrations.
    ///   - running: those this host runs now.
    ///   - me: this process as `host:pid`.
    ///   - hosts: the live hosts sharing the work (`host:pid`, this one included); just `[me]` for a host that does
    ///     not share (the TUI), which may then take everything free.
    ///   - isLive: whether a lease's holder still counts (heartbeat within the timeout, process not gone).
    init(wanted: Set<Int64>, running: Set<Int64>, leases: [Lease], me: String, hosts: Set<String>, sharing: Bool, isLive: (Lease) -> Bool) {
        let held = Dictionary(leases.map { ($0.integrationID, $0) }, uniquingKeysWith: { first, _ in first })
        var elsewhere: [Int64: String] = [:]
        var load: [String: Int] = Dictionary(uniqueKeysWithValues: hosts.union([me]).map { ($0, 0) })
        for (id, lease) in held where wanted.contains(id) && isLive(lease) {
            let owner = "\(lease.host):\(lease.pid)"
            load[owner, default: 0] += 1
            if owner != me { elsewhere[id] = owner }
        }
        self.elsewhere = elsewhere
        takeable = wanted.filter { id in held[id].map { !isLive($0) } ?? true }.sorted()
        guard sharing else {
            share = wanted.count
            handBack = nil
            return
        }
        let hostCount = max(1, hosts.union([me]).count)
        share = (wanted.count + hostCount - 1) / hostCount
        let mine = running.intersection(wanted)
        let someoneHasRoom = load.contains { $0.key != me && $0.value < share }
        handBack = mine.count > share && someoneHasRoom && takeable.isEmpty ? mine.max() : nil
    }
}
