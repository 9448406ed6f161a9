import Foundation
import Hummingbird

/// The key pair's rate limit (shipstation-api.md §3): `rateLimit` calls per fixed window of `rateWindow` seconds
/// counted from the window's first call (L61), per `Authorization` header (per key pair, L59); `X-Rate-Limit-Limit`,
/// `-Remaining` and `-Reset` on every answer (L59); over the limit 429 `{"message":"Too Many Requests"}` (L60).
struct ShipStationRateLimitMiddleware: RouterMiddleware {
    typealias Context = BasicRequestContext
    let simulator: ShipStationSimulator

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let bucket = request.headers[.authorization] ?? ""
        let (allowed, headers) = simulator.state.withLock { state in state.spendRate(bucket: bucket, calls: 1) }
        var response: Response
        if allowed {
            response = try await next(request, context)
        } else {
            simulator.state.withLock { $0.stats.rateLimited += 1 }
            response = ShipStationSimulator.makeResponse(.json(429, .object(["message": .string("Too Many Requests")])))
        }
        for (name, value) in headers {
            if let field = HTTPFields.Element.Name(name) { response.headers[field] = value }
        }
        return response
    }
}
