import Hummingbird

/// A path the API does not have: CartonCloud's 404 error body instead of the router's.
struct CartonCloudNotFoundMiddleware: RouterMiddleware {
    typealias Context = BasicRequestContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as HTTPError where error.status == .notFound {
            return CartonCloudSimulator.makeResponse(.error(404, "Not Found"))
        }
    }
}
