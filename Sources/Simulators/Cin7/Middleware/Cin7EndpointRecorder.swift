import Hummingbird

/// Counts requests per end point (`GET salelist`, the route in lower case after `/ExternalApi/v2/`) before
/// anything can refuse them, so refused and throttled calls count too.
struct Cin7EndpointRecorder: RouterMiddleware {
    typealias Context = BasicRequestContext
    let simulator: Cin7Simulator

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        if let path = context.endpointPath {
            let route = path.lowercased().split(separator: "/").dropFirst(2).joined(separator: "/")
            simulator.state.withLock { $0.stats.requestsByEndpoint["\(request.method.rawValue.uppercased()) \(route)", default: 0] += 1 }
        }
        return try await next(request, context)
    }
}
