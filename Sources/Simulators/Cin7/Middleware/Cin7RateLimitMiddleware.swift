import Foundation
import Hummingbird

/// The per-application rate limit: `rateLimit` calls in any `rateWindow` seconds per application key, answered in
/// the configured throttle shape (`Cin7ThrottleShape`). Calls another application spent on the key count too.
struct Cin7RateLimitMiddleware: RouterMiddleware {
    typealias Context = BasicRequestContext
    let simulator: Cin7Simulator

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let bucket = (request.headers.first { $0.name.canonicalName == "api-auth-applicationkey" }?.value ?? "").lowercased()
        let refusal = simulator.state.withLock { state -> Cin7Answer? in
            let config = state.config
            guard config.rateLimitEnabled else { return nil }
            let now = Date()
            var arrivals = state.arrivals[bucket, default: []]
            arrivals.removeAll { now.timeIntervalSince($0) >= config.rateWindow }
            guard arrivals.count < config.rateLimit else {
                state.arrivals[bucket] = arrivals
                state.stats.throttledResponses += 1
                return Self.throttle(config)
            }
            arrivals.append(now)
            state.arrivals[bucket] = arrivals
            return nil
        }
        if let refusal { return refusal.response }
        return try await next(request, context)
    }

    private static func throttle(_ config: Cin7SimulatorConfiguration) -> Cin7Answer {
        switch config.throttleShape {
        case .http503:
            Cin7Answer(
                status: 503,
                body: Array("You reached \(config.rateLimit) calls per minute API limit".utf8),
                contentType: "text/plain; charset=utf-8"
            )
        case .http429:
            Cin7Answer(status: 429, body: Array(#"{"ErrorCode":429,"Exception":"You reached \#(config.rateLimit) calls per minute API limit"}"#.utf8))
        case .http400Array:
            Cin7Answer(
                status: 400,
                body: Array(#"[{"ErrorCode":400,"Exception":"You have reached \#(config.rateLimit) calls per 60 seconds API limit."}]"#.utf8)
            )
        }
    }
}
