import Foundation
import Hummingbird
import NIOCore

extension ShipStationSimulator {
    /// The API: every request is counted, rate limited (headers on every answer, shipstation-api.md L59) and exposed
    /// to faults, then counted per end point and authenticated.
    func router() -> Router<BasicRequestContext> {
        let router = Router()
        router.add(middleware: ShipStationRequestCounter(simulator: self))
        router.add(middleware: ShipStationRateLimitMiddleware(simulator: self))
        router.add(middleware: FaultMiddleware(injector: injector, answers: ShipStationFaultAnswers()))
        router.add(middleware: ShipStationEndpointRecorder(simulator: self))
        router.add(middleware: ShipStationAuthMiddleware(simulator: self))
        router.add(middleware: ShipStationNotFoundMiddleware())
        serve(router, "orders/createorder", [.post: { self.createOrder($0) }])
        serve(router, "orders", [.get: { self.listOrders($0) }])
        serve(router, "orders/:id", [.get: { self.getOrder($0) }, .delete: { self.deleteOrder($0) }])
        serve(router, "shipments", [.get: { self.listShipments($0) }])
        serve(router, "fulfillments", [.get: { self.listFulfillments($0) }])
        serve(router, "warehouses", [.get: { _ in self.listWarehouses() }])
        serve(router, "stores", [.get: { self.listStores($0) }])
        serve(router, "carriers", [.get: { _ in self.listCarriers() }])
        return router
    }

    /// Serves `path` with `handlers`; any other method is a 405 (a documented code, L70).
    private func serve(
        _ router: Router<BasicRequestContext>,
        _ path: RouterPath,
        _ handlers: [HTTPRequest.Method: @Sendable (ShipStationRequest) -> ShipStationReply]
    ) {
        for (method, handler) in handlers {
            router.on(path, method: method) { request, context in
                var request = request
                let buffer = try await request.collectBody(upTo: 16 << 20)
                var query: [String: String] = [:]
                for (key, value) in request.uri.queryParameters where query[String(key)] == nil { query[String(key)] = String(value) }
                let simRequest = ShipStationRequest(
                    method: request.method.rawValue,
                    query: query,
                    body: Array(buffer.readableBytesView),
                    id: context.parameters.get("id")
                )
                return Self.makeResponse(handler(simRequest))
            }
        }
        router.on(path, methodsOtherThan: Set(handlers.keys)) { request, _ in
            Self.makeResponse(
                .json(405, .object(["Message": .string("The requested resource does not support http method '\(request.method.rawValue)'.")]))
            )
        }
    }

    static func makeResponse(_ reply: ShipStationReply) -> Response {
        var fields = HTTPFields()
        if !reply.body.isEmpty { fields[.contentType] = "application/json; charset=utf-8" }
        for (name, value) in reply.headers {
            if let field = HTTPFields.Element.Name(name) { fields[field] = value }
        }
        return Response(
            status: HTTPResponse.Status(code: reply.status),
            headers: fields,
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: reply.body))
        )
    }

    // MARK: Paging and filters

    /// `page` (1-based) and `pageSize` (default 100, L202; max 500, L193) into the envelope `{<key>, total, page,
    /// pages}` (L196-L201); a page past `pages` is empty (L203).
    func paged(_ key: String, _ elements: [SimJSON], _ request: ShipStationRequest) -> ShipStationReply {
        let configuration = self.configuration
        var size = Int(request.query["pageSize"] ?? "") ?? configuration.defaultPageSize
        if size > 500 {
            switch configuration.oversizedPage {
            case .clampTo500: size = 500
            case .rejected: return .modelState("pageSize", "The field pageSize must be between 1 and 500.")
            }
        }
        size = max(1, size)
        let page = max(1, Int(request.query["page"] ?? "") ?? 1)
        let total = elements.count
        let pages = (total + size - 1) / size
        let slice = Array(elements.dropFirst((page - 1) * size).prefix(size))
        return .json(
            200,
            .object([key: .array(slice), "total": .number(Double(total)), "page": .number(Double(page)), "pages": .number(Double(pages))])
        )
    }

    /// A date filter: Pacific without offset (L94, L98); with `Z` or an offset as `zuluFilterDates` says (L97).
    /// Returns nil for an absent filter and an error reply for a value that cannot be read.
    func dateFilter(_ name: String, _ request: ShipStationRequest) -> Result<Date?, ShipStationFilterError> {
        guard let text = request.query[name], !text.isEmpty else { return .success(nil) }
        switch ShipStationPacific.parse(text) {
        case .date(let date): return .success(date)
        case .hasOffset(let date):
            return configuration.zuluFilterDates == .readAsUTC ? .success(date) : .failure(ShipStationFilterError(name: name, value: text))
        case .invalid: return .failure(ShipStationFilterError(name: name, value: text))
        }
    }

    /// Reads `names` as date filters; the first unreadable one is the reply.
    func dateFilters(_ names: [String], _ request: ShipStationRequest) -> Result<[String: Date], ShipStationFilterError> {
        var dates: [String: Date] = [:]
        for name in names {
            switch dateFilter(name, request) {
            case .success(let date): if let date { dates[name] = date }
            case .failure(let error): return .failure(error)
            }
        }
        return .success(dates)
    }

    /// Whether `date` lies in the `<prefix>Start`…`<prefix>End` window of `dates`.
    static func within(_ date: Date?, _ prefix: String, _ dates: [String: Date]) -> Bool {
        if let start = dates[prefix + "Start"] { guard let date, date >= start.addingTimeInterval(-0.0001) else { return false } }
        if let end = dates[prefix + "End"] { guard let date, date <= end.addingTimeInterval(0.9999) else { return false } }
        return true
    }
}

/// A filter value the API cannot bind.
struct ShipStationFilterError: Error {
    var name: String
    var value: String

    var reply: ShipStationReply { .modelState(name, "The value '\(value)' is not valid for \(name).") }
}
