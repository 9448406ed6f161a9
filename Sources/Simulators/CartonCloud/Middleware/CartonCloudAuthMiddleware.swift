import Hummingbird

/// The routes after it need a bearer token the token end point issued and that has not expired.
struct CartonCloudAuthMiddleware: RouterMiddleware {
    typealias Context = BasicRequestContext
    let simulator: CartonCloudSimulator

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard simulator.authorised(request) else {
            simulator.state.withLock { $0.stats.unauthorized += 1 }
            return CartonCloudSimulator.makeResponse(.error(401, "Access token or credentials are not valid"))
        }
        return try await next(request, context)
    }
}
