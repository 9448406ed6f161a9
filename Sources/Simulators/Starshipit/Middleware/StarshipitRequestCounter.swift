import Hummingbird

/// Counts every request the simulator receives, before faults and checks.
struct StarshipitRequestCounter: RouterMiddleware {
    typealias Context = BasicRequestContext
    let simulator: StarshipitSimulator

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        simulator.state.withLock { $0.stats.requests += 1 }
        return try await next(request, context)
    }
}
