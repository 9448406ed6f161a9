import Foundation
import Hummingbird
import Synchronization

/// A webhook receiver on loopback for testing alert hooks: keeps every POST body it gets on `/hook`, and can be told
/// to answer with an error or to hold its answer, to exercise a sender's timeout and retries.
public final class AlertReceiver: Sendable {
    private struct State {
        var bodies: [[UInt8]] = []
        var attempts = 0
        var failStatus: Int?
        var failFirst = 0
        var delay: Duration = .zero
    }

    private let state = Mutex(State())
    private let server = SimulatorServer(label: "alert receiver")

    public init() {}

    /// Serves on `127.0.0.1`; returns the hook's address (`http://127.0.0.1:<port>/hook`).
    public func start(port: Int = 0) async throws -> URL {
        let router = Router()
        router.post("/hook") { [self] request, _ -> Response in
            var request = request
            let body = Array(try await request.collectBody(upTo: 1 << 20).readableBytesView)
            let (status, delay) = self.state.withLock { state -> (Int, Duration) in
                state.attempts += 1
                if let fail = state.failStatus, state.failFirst != 0 {
                    if state.failFirst > 0 { state.failFirst -= 1 }
                    return (fail, state.delay)
                }
                state.bodies.append(body)
                return (204, state.delay)
            }
            if delay > .zero { try await Task.sleep(for: delay) }
            return Response(status: .init(code: status))
        }
        let port = try await server.start(router, host: "127.0.0.1", port: port)
        return URL(string: "http://127.0.0.1:\(port)/hook")!
    }

    public func stop() async { await server.stop() }

    /// Bodies of the POSTs accepted (answered 204), in order.
    public var bodies: [[UInt8]] { state.withLock { $0.bodies } }

    /// POSTs received, accepted or not.
    public var attempts: Int { state.withLock { $0.attempts } }

    /// Answers `status` to the next `times` POSTs (-1: to every one) instead of accepting them.
    public func fail(with status: Int, times: Int = -1) {
        state.withLock { state in
            state.failStatus = status
            state.failFirst = times
        }
    }

    /// Holds every answer this long (a receiver that hangs).
    public func delayAnswers(by delay: Duration) {
        state.withLock { $0.delay = delay }
    }
}
