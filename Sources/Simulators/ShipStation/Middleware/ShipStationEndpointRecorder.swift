import Hummingbird

/// Counts requests per end point (`ShipStationSimulatorStats.byEndpoint`), numeric ids replaced by `{id}`.
struct ShipStationEndpointRecorder: RouterMiddleware {
    typealias Context = BasicRequestContext
    let simulator: ShipStationSimulator

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let path = request.uri.path.split(separator: "/").map { $0.allSatisfy(\.isNumber) ? "{id}" : String($0) }
        let endpoint = request.method.rawValue + " /" + path.joined(separator: "/")
        simulator.state.withLock { $0.stats.byEndpoint[endpoint, default: 0] += 1 }
        return try await next(request, context)
    }
}
