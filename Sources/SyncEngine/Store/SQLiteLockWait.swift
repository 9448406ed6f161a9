import Foundation
import GRDB
import Synchronization

/// How long a statement waits for a lock another process holds on the database (SQLite's busy handler).
///
/// SQLite makes each waiting statement wait on its own, and GRDB runs a process's writes one after another, so with
/// the lock held for good (another program in a long transaction) every queued write would wait the whole timeout
/// in turn: with the host's heartbeat, the batched statuses and call records and the engine's own write in the
/// queue, the engine learnt that the database was locked, and paused saying so, only after about 50 s. Once a wait
/// has run out, later waits last only `grace` (time enough for another process's ordinary transaction) until a
/// write gets through again.
final class SQLiteLockWait: Sendable {
    /// The first wait for a lock.
    let timeout: TimeInterval
    /// Each wait while the lock is known to be held.
    let grace: TimeInterval
    /// A wait ran out and no write has got through since.
    private let held = Atomic<Bool>(false)

    init(timeout: TimeInterval = 10, grace: TimeInterval = 1) {
        self.timeout = timeout
        self.grace = grace
    }

    /// The busy handler for the store's connections.
    var busyMode: Database.BusyMode {
        .callback { [self] tries in retry(afterTries: tries) }
    }

    /// Says whether a statement that found the database locked `tries` times in a row should try again, sleeping a
    /// moment first when it should.
    func retry(afterTries tries: Int) -> Bool {
        let limit = held.load(ordering: .relaxed) ? grace : timeout
        guard Self.waited(beforeTry: tries) < limit else {
            held.store(true, ordering: .relaxed)
            return false
        }
        Thread.sleep(forTimeInterval: Self.delay(beforeTry: tries))
        return true
    }

    /// A write got through: the next wait for a lock is a full one again.
    func wrote() {
        if held.load(ordering: .relaxed) { held.store(false, ordering: .relaxed) }
    }

    /// Whether a wait has run out since the last write that got through.
    var isHeld: Bool { held.load(ordering: .relaxed) }

    /// The sleep before retry `tries + 1`: 2 ms doubling up to 100 ms, so a brief lock costs little latency and a
    /// long one few wake-ups.
    static func delay(beforeTry tries: Int) -> TimeInterval {
        min(0.1, 0.002 * Double(1 << min(tries, 6)))
    }

    /// The time slept before retry `tries + 1`.
    static func waited(beforeTry tries: Int) -> TimeInterval {
        (0..<max(0, tries)).reduce(0) { $0 + delay(beforeTry: $1) }
    }
}
