import Hummingbird
import NIOCore

/// One request to a route, as its handler sees it: the method, the query with lower-case keys (Cin7 matches them
/// case-insensitively) and the JSON body.
struct Cin7Call {
    var method: String
    var query: [String: String]
    var body: SimBody
}

/// A route's action on the account; returns the JSON to answer with, or throws a `SimError`.
typealias Cin7Handler = @Sendable (inout Cin7SimState, Cin7Call) throws -> any SimJSONRepresentable

extension Cin7Simulator {
    /// The API under `/ExternalApi/v2/`, matched regardless of case (Cin7 is an ASP.NET service: its routing and
    /// model binding ignore case). Every request is counted; a known path is counted per end point, then
    /// authenticated, rate limited and exposed to faults, in that order.
    func router() -> Router<BasicRequestContext> {
        let router = Router(options: .caseInsensitive)
        router.add(middleware: Cin7RequestCounter(simulator: self))
        router.add(middleware: Cin7UnknownPathMiddleware(simulator: self))
        let api = router.group("ExternalApi/v2")
            .add(middleware: Cin7EndpointRecorder(simulator: self))
            .add(middleware: Cin7AuthMiddleware(simulator: self))
            .add(middleware: Cin7RateLimitMiddleware(simulator: self))
            .add(middleware: FaultMiddleware(injector: injector, answers: Cin7FaultAnswers()))

        serve(api, "me", [.get: { state, _ in state.me() }])
        serve(api, "saleList", [.get: { state, call in try state.saleList(call.query) }])
        serve(
            api,
            "sale",
            [
                .get: { state, call in try state.saleJSON(try state.saleFor(call.query["id"]), countryFormat: call.query["countryformat"]) },
                .delete: { state, call in try state.deleteSale(call.query) },
            ]
        )
        serve(
            api,
            "sale/fulfilment",
            [
                .get: { state, call in state.fulfilmentsJSON(try state.saleFor(call.query["saleid"])) },
                .post: { state, call in try state.addFulfilment(call.body) },
                .delete: { state, call in try state.deleteFulfilment(call.query) },
            ]
        )
        let writePick = Self.countingWrite("pick") { state, call in try state.writePick(call.body, replace: call.method == "PUT") }
        serve(
            api,
            "sale/fulfilment/pick",
            [
                .get: { state, call in
                    let (sale, index) = try state.task(call.query["taskid"])
                    return state.pickJSON(sale.fulfilments[index], sale: sale)
                },
                .post: writePick, .put: writePick,
            ]
        )
        let writePack = Self.countingWrite("pack") { state, call in try state.writePack(call.body, replace: call.method == "PUT") }
        serve(
            api,
            "sale/fulfilment/pack",
            [
                .get: { state, call in
                    let (sale, index) = try state.task(call.query["taskid"])
                    return state.packJSON(sale.fulfilments[index], sale: sale)
                },
                .post: writePack, .put: writePack,
            ]
        )
        let writeShip = Self.countingWrite("ship") { state, call in try state.writeShip(call.body, method: call.method) }
        serve(
            api,
            "sale/fulfilment/ship",
            [
                .get: { state, call in
                    let (sale, index) = try state.task(call.query["taskid"])
                    return state.shipJSON(sale.fulfilments[index], sale: sale, countryFormat: nil)
                },
                .post: writeShip, .put: writeShip,
            ]
        )
        serve(
            api,
            "ref/carrier",
            [
                .get: { state, call in try state.carrierList(call.query) },
                .post: { state, call in try state.createCarrier(call.body) },
                .put: { state, call in try state.updateCarrier(call.body) },
                .delete: { state, call in try state.deleteCarrier(call.query) },
            ]
        )
        serve(api, "ref/location", [.get: { state, call in try state.locationList(call.query) }])
        serve(api, "product", [.get: { state, call in try state.productList(call.query) }])
        serve(api, "customer", [.get: { state, call in try state.customerList(call.query) }])
        let writeWebhook: Cin7Handler = { state, call in try state.writeWebhook(call.body, update: call.method == "PUT") }
        serve(
            api,
            "webhooks",
            [
                .get: { state, _ in ["Webhooks": state.webhooks.map { state.webhookJSON($0) }] as JSONObject },
                .post: writeWebhook, .put: writeWebhook,
                .delete: { state, call in try state.deleteWebhook(call.query) },
            ]
        )
        return router
    }

    /// Serves `path` with `handlers`; any other method is refused with a 405 in the account's error shape.
    private func serve(_ api: RouterGroup<BasicRequestContext>, _ path: RouterPath, _ handlers: [HTTPRequest.Method: Cin7Handler]) {
        for (method, handler) in handlers {
            api.on(path, method: method) { request, _ in try await self.respond(to: request, handler) }
        }
        api.on(path, methodsOtherThan: Set(handlers.keys)) { request, _ in
            try await self.respond(to: request) { _, call in
                throw SimError(status: 405, code: 405, message: "The requested resource does not support http method '\(call.method)'.")
            }
        }
    }

    /// Counts writes to a fulfilment step per task (`POST pick`), for the tests' and benchmarks' "one write per step".
    private static func countingWrite(_ step: String, _ handler: @escaping Cin7Handler) -> Cin7Handler {
        { state, call in
            if let task = call.body.string("TaskID") {
                state.stats.fulfilmentWrites[task.lowercased(), default: [:]]["\(call.method) \(step)", default: 0] += 1
            }
            return try handler(&state, call)
        }
    }

    /// Reads the request, runs `handler` on the account and answers with its JSON, or its error in the configured
    /// error shape. A POST or PUT must carry a JSON object.
    private func respond(to request: Request, _ handler: Cin7Handler) async throws -> Response {
        var request = request
        let bodyBytes = Array(try await request.collectBody(upTo: 16 << 20).readableBytesView)
        var query: [String: String] = [:]
        for (key, value) in request.uri.queryParameters where query[key.lowercased()] == nil {
            query[key.lowercased()] = String(value)
        }
        let method = request.method.rawValue.uppercased()
        let answer = state.withLock { state -> Cin7Answer in
            let shape = state.config.errorShape
            func failure(_ error: SimError) -> Cin7Answer {
                let model: JSONObject = ["ErrorCode": error.code, "Exception": error.message]
                switch shape {
                case .array: return Cin7Answer(status: error.status, body: Cin7Answer.serialise([model]))
                case .object: return Cin7Answer(status: error.status, body: Cin7Answer.serialise(model))
                case .okWithErrorModel: return Cin7Answer(status: 200, body: Cin7Answer.serialise([model]))
                }
            }
            var object: [String: SimJSON] = [:]
            if method == "POST" || method == "PUT" {
                guard !bodyBytes.isEmpty, case .object(let parsed)? = SimJSON.decoded(bodyBytes) else {
                    return failure(SimError(status: 500, code: 500, message: "Could not parse the request body as JSON."))
                }
                object = parsed
            }
            do {
                return Cin7Answer(
                    status: 200,
                    body: Cin7Answer.serialise(try handler(&state, Cin7Call(method: method, query: query, body: SimBody(object: object))))
                )
            } catch let error as SimError {
                return failure(error)
            } catch {
                return failure(SimError(status: 500, code: 500, message: "An unexpected error has occurred."))
            }
        }
        return answer.response
    }
}
