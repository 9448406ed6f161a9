import Foundation

/// What an engine knows about its own units and commands without asking the store: only the owning engine saves
/// an integration's units, and every command reaches it with a `wake()` (the host's one look for all integrations,
/// or a local `command`), so an idle engine's housekeeping needs no query until one of these says something changed.
struct IdleKnowledge {
    /// Counts saves and wakes, so a loop can tell whether anything happened since its last idle pass.
    private(set) var changes = 0
    /// A command may be waiting (set by every wake, cleared once the store was asked).
    var commandsMayWait = true
    /// When the store was last asked for commands, for the look made anyway now and then.
    var commandsAskedAt = Date.distantPast
    /// The earliest retry time among `retrying` units; nil when none retries. Starts due, so the first look asks.
    var nextRetryAt: Date? = .distantPast
    /// The per-state counts as last read, and whether they may have changed since.
    var counts: [ShipmentState: Int] = [:]
    var countsStale = true
    var countsReadAt = Date.distantPast
    /// Watermarks as this engine last read or wrote them (it is their only writer while it holds the lease).
    var watermarks: [String: Date] = [:]
    /// `changes` when the look for completed orders watched for tracking last found none: until a save, none can
    /// have joined them.
    var noTrackingWatchAt: Int?

    /// The engine was woken: new work, a command, a poll or a configuration change.
    mutating func woken() {
        changes &+= 1
        commandsMayWait = true
    }

    /// This engine saved or inserted `unit`.
    mutating func saved(_ unit: ShipmentUnit) {
        changes &+= 1
        countsStale = true
        if unit.state == .retrying {
            let at = unit.nextAttemptAt ?? .distantPast
            nextRetryAt = min(nextRetryAt ?? at, at)
        }
    }
}
