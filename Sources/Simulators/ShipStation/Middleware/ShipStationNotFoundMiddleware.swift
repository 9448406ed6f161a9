import Hummingbird

/// A path the API does not have: an ASP.NET-style 404 body (shipstation-api.md L70 lists 404; body not captured).
struct ShipStationNotFoundMiddleware: RouterMiddleware {
    typealias Context = BasicRequestContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as HTTPError where error.status == .notFound {
            return ShipStationSimulator.makeResponse(
                .json(404, .object(["Message": .string("No HTTP resource was found that matches the request URI.")]))
            )
        }
    }
}
