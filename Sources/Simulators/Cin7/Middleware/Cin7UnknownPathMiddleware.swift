import Hummingbird
import NIOCore

/// A path the API does not have gets the configured answer (`Cin7SimulatorConfiguration.unknownPathAnswer`), without
/// authentication: a 404 page, or the web app's 200 HTML "Page not found".
struct Cin7UnknownPathMiddleware: RouterMiddleware {
    typealias Context = BasicRequestContext
    let simulator: Cin7Simulator

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as HTTPError where error.status == .notFound {
            return answer.response
        }
    }

    private var answer: Cin7Answer {
        switch simulator.state.withLock({ $0.config.unknownPathAnswer }) {
        case .notFound:
            return Cin7Answer(status: 404, body: Array("<html><body><h1>404 - Not Found</h1></body></html>".utf8), contentType: "text/html")
        case .htmlPage:
            let page =
                "<!DOCTYPE html><html><head><title>Page not found</title></head><body><h1>Page not found</h1><p>The page you requested does not exist.</p></body></html>"
            return Cin7Answer(status: 200, body: Array(page.utf8), contentType: "text/html; charset=utf-8")
        }
    }
}
