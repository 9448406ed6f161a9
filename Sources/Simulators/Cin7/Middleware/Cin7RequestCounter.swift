import Foundation
import Hummingbird

/// Counts every request the simulator receives, known path or not, with the time of the first and the last.
struct Cin7RequestCounter: RouterMiddleware {
    typealias Context = BasicRequestContext
    let simulator: Cin7Simulator

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        simulator.state.withLock { state in
            let now = Date()
            state.stats.totalRequests += 1
            state.stats.firstRequestAt = state.stats.firstRequestAt ?? now
            state.stats.lastRequestAt = now
        }
        return try await next(request, context)
    }
}
