import Foundation
import Hummingbird

/// The subscription's rate (starshipit-api.md L17, L55-56): the tier's requests per second, over it → 429. The
/// simulator answers as APIM does (L59-60): `Retry-After: 1` (switchable, L58) and
/// `{"statusCode":429,"message":"Rate limit is exceeded. Try again in 1 seconds."}`.
struct StarshipitRateLimitMiddleware: RouterMiddleware {
    typealias Context = BasicRequestContext
    let simulator: StarshipitSimulator

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let refusal = simulator.state.withLock { state -> SimReply? in
            let configuration = state.configuration
            guard configuration.rateLimitEnabled else { return nil }
            let now = Date()
            state.arrivals.removeAll { now.timeIntervalSince($0) >= 1 }
            guard state.arrivals.count < max(1, configuration.effectiveRequestsPerSecond) else {
                state.stats.rateLimited += 1
                return .json(
                    429,
                    .object(["statusCode": .number(429), "message": .string("Rate limit is exceeded. Try again in 1 seconds.")]),
                    headers: configuration.retryAfterHeader ? [("Retry-After", "1")] : []
                )
            }
            state.arrivals.append(now)
            return nil
        }
        if let refusal { return StarshipitSimulator.makeResponse(refusal) }
        return try await next(request, context)
    }
}
