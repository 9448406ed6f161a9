import Hummingbird

/// Starshipit itself checks `StarShipIT-Api-Key`, which selects the account (starshipit-api.md L41). The body for a
/// wrong key was not found (L48 gap): the simulator answers 401 `{"success":false,"errors":[{"message":"Unauthorized",
/// "details":""}]}` (L48). A plan without API access answers 403 (`planIncludesAPI`, notes silent).
struct StarshipitAPIKeyMiddleware: RouterMiddleware {
    typealias Context = BasicRequestContext
    let simulator: StarshipitSimulator

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let key = request.headers.first { $0.name.canonicalName == "starshipit-api-key" }?.value
        let configuration = simulator.configuration
        guard let key, key == configuration.apiKey else {
            simulator.state.withLock { $0.stats.unauthorized += 1 }
            return StarshipitSimulator.makeResponse(StarshipitSimulator.failure(401, "Unauthorized", details: ""))
        }
        guard configuration.planIncludesAPI else {
            return StarshipitSimulator.makeResponse(
                StarshipitSimulator.failure(403, "Forbidden", details: "Your subscription plan does not include API access")
            )
        }
        return try await next(request, context)
    }
}
