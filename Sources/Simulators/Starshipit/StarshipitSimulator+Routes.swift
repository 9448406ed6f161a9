import Foundation
import Hummingbird
import NIOCore

extension StarshipitSimulator {
    /// The API, checks in the order the service applies them: every request is counted and exposed to faults, then
    /// counted per end point; the gateway checks the subscription key (starshipit-api.md L45-47) and its rate
    /// (L17, L56), then Starshipit the API key (L41, L48).
    func router() -> Router<BasicRequestContext> {
        let router = Router()
        router.add(middleware: StarshipitRequestCounter(simulator: self))
        router.add(middleware: FaultMiddleware(injector: injector, answers: StarshipitFaultAnswers()))
        router.add(middleware: StarshipitEndpointRecorder(simulator: self))
        router.add(middleware: StarshipitSubscriptionKeyMiddleware(simulator: self))
        router.add(middleware: StarshipitRateLimitMiddleware(simulator: self))
        router.add(middleware: StarshipitAPIKeyMiddleware(simulator: self))
        serve(
            router,
            "api/orders",
            [
                .get: { self.getOrders($0) },
                .post: { self.createOrder($0) },
                .put: { self.updateOrder($0) },
            ]
        )
        serve(router, "api/orders/delete", [.delete: { self.deleteOrder($0) }])
        serve(router, "api/orders/unshipped", [.get: { self.listUnshipped($0) }])
        serve(router, "api/orders/shipped", [.get: { self.listShipped($0) }])
        serve(router, "api/orders/shipments", [.get: { self.listShipments($0) }])
        serve(router, "api/orders/search", [.get: { self.search($0) }])
        router.on("**", methodsOtherThan: []) { _, _ in Self.makeResponse(Self.failure(404, "Not Found", details: "")) }
        return router
    }

    /// Serves `path` with `handlers`; another method on it is a 405 with the envelope.
    private func serve(
        _ router: Router<BasicRequestContext>,
        _ path: RouterPath,
        _ handlers: [HTTPRequest.Method: @Sendable (SimRequest) -> SimReply]
    ) {
        for (method, handler) in handlers {
            router.on(path, method: method) { request, _ in try await self.answer(request, handler) }
        }
        router.on(path, methodsOtherThan: Set(handlers.keys)) { request, _ in
            Self.makeResponse(Self.failure(405, "The requested resource does not support http method '\(request.method.rawValue)'.", details: ""))
        }
    }

    private func answer(_ request: Request, _ handler: (SimRequest) -> SimReply) async throws -> Response {
        var request = request
        let buffer = try await request.collectBody(upTo: 16 << 20)
        var query: [String: String] = [:]
        for (key, value) in request.uri.queryParameters where query[String(key)] == nil { query[String(key)] = String(value) }
        let path = request.uri.path.split(separator: "/").map(String.init)
        let simRequest = SimRequest(
            method: request.method.rawValue,
            path: path,
            query: query,
            headers: request.headers,
            body: Array(buffer.readableBytesView),
            id: ""
        )
        return Self.makeResponse(handler(simRequest))
    }

    static func makeResponse(_ reply: SimReply) -> Response {
        var fields = HTTPFields()
        if !reply.body.isEmpty { fields[.contentType] = "application/json; charset=utf-8" }
        for (name, value) in reply.headers {
            if let field = .init(name) as HTTPFields.Element.Name? { fields[field] = value }
        }
        return Response(
            status: HTTPResponse.Status(code: reply.status),
            headers: fields,
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: reply.body))
        )
    }

    /// The failure envelope (L68): `{"success": false, "errors": [{"message", "details"}]}`.
    static func failure(_ status: Int, _ message: String, details: String) -> SimReply {
        .json(
            status,
            .object([
                "success": .bool(false),
                "errors": .array([.object(["message": .string(message), "details": .string(details)])]),
            ])
        )
    }

    /// A success envelope (L67): `success: true` plus the payload keys.
    static func success(_ payload: [String: SimJSON]) -> SimReply {
        var object = payload
        object["success"] = .bool(true)
        return .json(200, .object(object))
    }
}
