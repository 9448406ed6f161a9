import Foundation
import Hummingbird

/// HTTP Basic with the configured API key and secret (shipstation-api.md L16, L49); anything else is 401 (L52) with
/// the configured body (L53).
struct ShipStationAuthMiddleware: RouterMiddleware {
    typealias Context = BasicRequestContext
    let simulator: ShipStationSimulator

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let configuration = simulator.configuration
        let pairs = [(configuration.apiKey, configuration.apiSecret)] + (configuration.secondKeyPair.map { [($0.key, $0.secret)] } ?? [])
        let accepted = Set(pairs.map { "Basic " + Data("\($0.0):\($0.1)".utf8).base64EncodedString() })
        guard let header = request.headers[.authorization], accepted.contains(header.trimmingCharacters(in: .whitespaces)) else {
            simulator.state.withLock { $0.stats.unauthorized += 1 }
            switch configuration.unauthorizedBody {
            case .empty:
                return ShipStationSimulator.makeResponse(ShipStationReply(status: 401, body: []))
            case .plainText:
                return ShipStationSimulator.makeResponse(
                    ShipStationReply(status: 401, headers: [("Content-Type", "text/plain")], body: Array("401 Unauthorized".utf8))
                )
            }
        }
        return try await next(request, context)
    }
}
