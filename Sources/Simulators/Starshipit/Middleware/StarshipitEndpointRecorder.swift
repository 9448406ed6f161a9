import Hummingbird

/// Counts requests per end point (`GET /api/orders/shipped`; `GET /api/orders by order_id`), before any check can
/// refuse them. A request failed with an injected server error never gets here (it was not acted on).
struct StarshipitEndpointRecorder: RouterMiddleware {
    typealias Context = BasicRequestContext
    let simulator: StarshipitSimulator

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var endpoint = request.method.rawValue + " " + request.uri.path
        if request.uri.path == "/api/orders", request.method == .get {
            let query = request.uri.queryParameters
            if query["order_id"] != nil {
                endpoint += " by order_id"
            } else if query["order_number"] != nil {
                endpoint += " by order_number"
            }
        }
        simulator.state.withLock { $0.stats.byEndpoint[endpoint, default: 0] += 1 }
        return try await next(request, context)
    }
}
