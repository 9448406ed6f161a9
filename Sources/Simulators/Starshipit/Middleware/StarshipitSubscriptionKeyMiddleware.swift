import Hummingbird

/// The API gateway (Azure APIM) checks `Ocp-Apim-Subscription-Key` before anything else reaches Starshipit
/// (starshipit-api.md L45): a missing key → 401 "Access denied due to missing subscription key…" (L46), a wrong one →
/// 401 `{"statusCode": 401, "message": "Access denied due to invalid subscription key…"}` (L47).
struct StarshipitSubscriptionKeyMiddleware: RouterMiddleware {
    typealias Context = BasicRequestContext
    let simulator: StarshipitSimulator

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let key = request.headers.first { $0.name.canonicalName == "ocp-apim-subscription-key" }?.value
        let expected = simulator.configuration.subscriptionKey
        let message: String?
        if key == nil || key == "" {
            message = "Access denied due to missing subscription key. Make sure to include subscription key when making requests to an API."
        } else if key == expected {
            message = nil
        } else {
            message = "Access denied due to invalid subscription key. Make sure to provide a valid key for an active subscription."
        }
        if let message {
            simulator.state.withLock { $0.stats.unauthorized += 1 }
            return StarshipitSimulator.makeResponse(.json(401, .object(["statusCode": .number(401), "message": .string(message)])))
        }
        return try await next(request, context)
    }
}
