import BridgeSupport
import Foundation
import Synchronization

/// An engine's hold on its integration's lease: takes and renews it, remembers the generation its writes are fenced
/// with, and is the last look before each request leaves the process (`SendGate`). Shared by the engine's loops and
/// its HTTP calls, so a process that was frozen past its lease finds out before it sends anything, not after.
final class LeaseKeeper: Sendable {
    private struct State {
        var fence: LeaseFence?
        var renewedAt = Date.distantPast
        var lost = false
    }

    /// What an engine says when another process turns out to hold its integration.
    static let lostMessage = "Another cin7bridge process took over this integration; this one stops."

    let integrationID: Int64
    let holder = UUID().uuidString
    let timeout: TimeInterval
    private let store: BridgeStore
    private let clock: any BridgeClock
    private let state = Mutex(State())

    init(integrationID: Int64, store: BridgeStore, clock: any BridgeClock, timeout: TimeInterval) {
        self.integrationID = integrationID
        self.store = store
        self.clock = clock
        self.timeout = timeout
    }

    /// The generation this engine took the lease with (nil before it has).
    var fence: LeaseFence? { state.withLock { $0.fence } }
    /// When the lease was last renewed.
    var renewedAt: Date { state.withLock { $0.renewedAt } }
    /// Whether another process turned out to hold the lease.
    var lost: Bool { state.withLock { $0.lost } }

    /// Takes or renews the lease: false when another live process holds it, or held it in between (what this engine
    /// knew is stale); throws when the database cannot be written (a storage problem to pause for, not a takeover).
    func take() throws -> Bool {
        let now = clock.now
        let lease = try store.acquireLease(
            integrationID: integrationID,
            holder: holder,
            host: ProcessProbe.hostName,
            pid: getpid(),
            now: now,
            timeout: timeout
        )
        return state.withLock { state in
            guard let lease, state.fence == nil || state.fence == lease.fence else {
                state.lost = state.fence != nil || state.lost
                return false
            }
            state.fence = lease.fence
            state.renewedAt = now
            return true
        }
    }

    /// The gate before each request: renewed within a third of the timeout (the heartbeat renews it several times
    /// as often), nothing to check, so the normal path adds no database access; after a stall, the lease is renewed
    /// first, and when it has passed to another process the request is not sent (`CancellationError`); when the
    /// database cannot be written it is not sent either (the `StoreError`, which pauses the engine).
    func checkBeforeSending() throws {
        let now = clock.now
        let renewed = renewedAt
        if renewed <= now && now.timeIntervalSince(renewed) < timeout / 3 { return }
        // A database that cannot be written is a storage problem (the engine pauses), not a lost lease.
        guard try take() else {
            state.withLock { $0.lost = true }
            throw CancellationError()
        }
    }

    /// Records a renewal made for this engine by its host (`BridgeStore.renewLeases`), at its generation.
    func renewed(at now: Date) {
        state.withLock { state in
            if state.fence != nil, !state.lost { state.renewedAt = max(state.renewedAt, now) }
        }
    }

    /// Gives the lease up.
    func release() {
        try? store.releaseLease(integrationID: integrationID, holder: holder)
    }
}
