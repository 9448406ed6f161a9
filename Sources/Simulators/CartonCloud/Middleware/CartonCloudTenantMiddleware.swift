import Hummingbird

/// `tenants/:tenant/…` answers 404 for any tenant but the simulated one, whatever follows.
struct CartonCloudTenantMiddleware: RouterMiddleware {
    typealias Context = BasicRequestContext
    let simulator: CartonCloudSimulator

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard context.parameters.get("tenant") == simulator.tenantID else {
            return CartonCloudSimulator.makeResponse(.error(404, "Tenant not found"))
        }
        return try await next(request, context)
    }
}
