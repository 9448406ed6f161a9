import Synchronization

/// An engine's resting loops, each resumed exactly once: by its deadline (the host's `RestTimer`, without a hop
/// onto the engine's actor), by a wake, or by cancellation, whichever comes first.
final class Sleepers: Sendable {
    private let state = Mutex<(waiting: [Int: CheckedContinuation<Void, Never>], lastID: Int)>(([:], 0))

    func nextID() -> Int {
        state.withLock { state in
            state.lastID &+= 1
            return state.lastID
        }
    }

    func add(_ id: Int, _ continuation: CheckedContinuation<Void, Never>) {
        state.withLock { $0.waiting[id] = continuation }
    }

    func resume(_ id: Int) {
        state.withLock { $0.waiting.removeValue(forKey: id) }?.resume()
    }

    func resumeAll() {
        let waiting = state.withLock { state in
            defer { state.waiting = [:] }
            return state.waiting
        }
        for continuation in waiting.values { continuation.resume() }
    }
}
