import Hummingbird
import NIOCore

/// How a simulated service's failures look on the wire: the body of a server error, a garbled answer and an answer
/// cut off by a dropped connection. Each simulator answers as its service does.
protocol FaultAnswers: Sendable {
    /// The answer to a request failed *before* it was acted on (`status` is 500 or 503).
    func serverError(status: Int) -> Response
    /// `response` (whose body was `body`) truncated or garbled.
    func malformed(_ response: Response, body: ByteBuffer) -> Response
    /// `response` (whose body was `body`) cut off: part of the body is sent, then the connection drops.
    func dropped(_ response: Response, body: ByteBuffer) -> Response
}

/// Injects `SimulatorFaults` into the routes after it: latency and server errors before the request is acted on;
/// a garbled body, a dropped connection or a hang after it was.
struct FaultMiddleware<Answers: FaultAnswers>: RouterMiddleware {
    typealias Context = BasicRequestContext
    let injector: FaultInjector
    let answers: Answers

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let (decision, delay) = injector.next()
        if delay > 0 { try? await Task.sleep(for: .seconds(delay)) }
        if case .serverError(let status) = decision { return answers.serverError(status: status) }
        let response = try await next(request, context)
        switch decision {
        case .malformed: return answers.malformed(response, body: try await response.collectedBody())
        case .drop: return answers.dropped(response, body: try await response.collectedBody())
        case .hang(let seconds):
            try? await Task.sleep(for: .seconds(seconds))
            return response
        case .none, .serverError:
            return response
        }
    }
}
