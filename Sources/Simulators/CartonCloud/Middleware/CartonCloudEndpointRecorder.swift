import Hummingbird

/// Counts requests per end point (`CartonCloudSimulatorStats.byEndpoint`), ids replaced by `{id}`, before any check
/// can refuse them. A request that failed with an injected server error never gets here (it was not acted on).
struct CartonCloudEndpointRecorder: RouterMiddleware {
    typealias Context = BasicRequestContext
    let simulator: CartonCloudSimulator

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var request = request
        let body = try await request.collectBody(upTo: 16 << 20)
        let endpoint = CartonCloudSimulator.endpoint(
            method: request.method.rawValue,
            path: CartonCloudSimulator.pathComponents(request),
            body: body
        )
        simulator.state.withLock { $0.stats.byEndpoint[endpoint, default: 0] += 1 }
        return try await next(request, context)
    }
}
