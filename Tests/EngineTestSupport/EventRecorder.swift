import SyncEngine
import Synchronization

/// Keeps what the engine publishes on `EngineHost.events`.
public final class EventRecorder: Sendable {
    private struct State {
        var pausedReasons: [String] = []
        var problems: [String] = []
        var lastStatus: IntegrationStatus?
    }

    private final class Box: Sendable { let state = Mutex(State()) }
    private let box = Box()
    private let task = Mutex<Task<Void, Never>?>(nil)

    public init(_ events: AsyncStream<EngineEvent>) {
        let box = self.box
        let task = Task {
            for await event in events {
                switch event {
                case .status(let status):
                    box.state.withLock { state in
                        state.lastStatus = status
                        if let reason = status.pausedReason, state.pausedReasons.last != reason { state.pausedReasons.append(reason) }
                    }
                case .problem(_, let message):
                    box.state.withLock { $0.problems.append(message) }
                default:
                    break
                }
            }
        }
        self.task.withLock { $0 = task }
    }

    public var pausedReasons: [String] { box.state.withLock { $0.pausedReasons } }
    public var problems: [String] { box.state.withLock { $0.problems } }
    public var lastStatus: IntegrationStatus? { box.state.withLock { $0.lastStatus } }
    public var lastPausedReason: String? { box.state.withLock { $0.lastStatus?.pausedReason } }

    public func stop() { task.withLock { $0?.cancel() } }
}
