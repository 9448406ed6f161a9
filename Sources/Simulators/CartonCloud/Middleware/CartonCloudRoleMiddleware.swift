import Hummingbird

/// The routes after it need one of `roles` (the API client's roles are a tenant setting); the 403 names `named`.
struct CartonCloudRoleMiddleware: RouterMiddleware {
    typealias Context = BasicRequestContext
    let simulator: CartonCloudSimulator
    let roles: Set<String>
    let named: String

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard simulator.hasAny(roles, simulator.configuration) else { return CartonCloudSimulator.makeResponse(simulator.forbidden(named)) }
        return try await next(request, context)
    }
}
