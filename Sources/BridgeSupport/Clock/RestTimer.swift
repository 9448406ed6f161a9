import Foundation
import Synchronization

/// One timer for many waits: every resting loop of a host's engines hands its deadline here rather than starting a
/// timer of its own. A deadline may come late by up to its `tolerance`: it is rounded up to a multiple of it, so
/// waits that fall due close together end in one pass, and a process with hundreds of resting loops wakes about once
/// per tolerance, not once per loop (each wake-up costs thread hand-offs that dwarf the work of an idle loop).
public final class RestTimer: Sendable {
    public typealias Action = @Sendable () -> Void

    private struct State {
        var entries: [Int: (deadline: Date, scheduledAt: Date, action: Action)] = [:]
        var lastID = 0
        /// The deadline the driver sleeps until, its generation (a newer driver retires an older one) and its task.
        var armed: (deadline: Date, generation: Int, task: Task<Void, Never>)?
        var generation = 0
    }

    public let clock: any BridgeClock
    private let state = Mutex(State())

    /// The process's timer for real-time waits that need no clock of their own (a rate governor's held calls).
    public static let realTime = RestTimer(clock: SystemClock())

    public init(clock: any BridgeClock) {
        self.clock = clock
    }

    /// Calls `action` once `deadline`, rounded up to a multiple of `tolerance` seconds (0: as it is), has passed,
    /// unless `cancel` comes first. The action runs on the timer's task: it should only resume or enqueue work.
    @discardableResult
    public func schedule(at deadline: Date, tolerance: TimeInterval, _ action: @escaping Action) -> Int {
        let due = Self.rounded(deadline, tolerance: tolerance)
        let (id, retired) = state.withLock { state -> (Int, Task<Void, Never>?) in
            state.lastID &+= 1
            state.entries[state.lastID] = (due, clock.now, action)
            if let armed = state.armed, armed.deadline <= due { return (state.lastID, nil) }
            return (state.lastID, arm(&state, at: due))
        }
        retired?.cancel()
        return id
    }

    /// Forgets a scheduled action that is no longer wanted (its wait ended another way).
    public func cancel(_ id: Int) {
        state.withLock { _ = $0.entries.removeValue(forKey: id) }
    }

    /// How many actions wait.
    public var count: Int { state.withLock { $0.entries.count } }

    /// `deadline` rounded up to a multiple of `tolerance` seconds since 1970.
    public static func rounded(_ deadline: Date, tolerance: TimeInterval) -> Date {
        guard tolerance > 0 else { return deadline }
        let seconds = deadline.timeIntervalSince1970
        return Date(timeIntervalSince1970: (seconds / tolerance).rounded(.up) * tolerance)
    }

    /// Starts a driver sleeping until `deadline`, returning the one it replaces.
    private func arm(_ state: inout State, at deadline: Date) -> Task<Void, Never>? {
        state.generation &+= 1
        let generation = state.generation
        let previous = state.armed?.task
        let task = Task { [weak self, clock] in
            do { try await clock.sleep(until: deadline) } catch { return }
            self?.fire(generation: generation, at: deadline)
        }
        state.armed = (deadline, generation, task)
        return previous
    }

    private func fire(generation: Int, at deadline: Date) {
        let due = state.withLock { state -> [Action] in
            guard state.armed?.generation == generation else { return [] }
            state.armed = nil
            let now = clock.now
            // A wait whose clock was set back past the moment it began is over too: its deadline may lie days ahead.
            let ready = state.entries.filter { $0.value.deadline <= max(now, deadline) || now < $0.value.scheduledAt }
            for id in ready.keys { state.entries[id] = nil }
            if let next = state.entries.values.map(\.deadline).min() { _ = arm(&state, at: next) }
            return ready.sorted { $0.key < $1.key }.map(\.value.action)
        }
        for action in due { action() }
    }
}
