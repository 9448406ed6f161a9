import Foundation
import Hummingbird
import NIOCore

/// One answer before faults are applied.
struct SimReply: Sendable {
    var status: Int
    var headers: [(String, String)] = []
    var body: [UInt8]

    static func json(_ status: Int, _ value: SimJSON, headers: [(String, String)] = []) -> SimReply {
        SimReply(status: status, headers: headers, body: value.encoded())
    }

    /// CartonCloud's error body: an array of `{message, field?, type?, details?}`.
    static func errors(_ status: Int, _ errors: [(field: String?, message: String)]) -> SimReply {
        .json(
            status,
            .array(
                errors.map { error in
                    var object: [String: SimJSON] = ["message": .string(error.message)]
                    if let field = error.field { object["field"] = .string(field) }
                    return .object(object)
                }
            )
        )
    }

    static func error(_ status: Int, _ message: String) -> SimReply { errors(status, [(nil, message)]) }
}

struct SimRequest: Sendable {
    var method: String
    var path: [String]
    var query: [String: String]
    var headers: HTTPFields
    var body: [UInt8]
    /// The entity id in the path (`outbound-orders/{id}`).
    var id: String

    func header(_ name: String) -> String? {
        headers.first { $0.name.canonicalName.caseInsensitiveCompare(name) == .orderedSame }?.value
    }

    var json: SimJSON? { SimJSON.decoded(body) }
}

extension CartonCloudSimulator {
    static let roleWMSCreate = "WMS Create Jobs"
    static let roleTMSView = "TMS View Jobs"
    static let roleTMSCreate = "TMS Create Jobs"

    /// The API: every request is counted and exposed to faults, then counted per end point; every end point needs
    /// `Accept-Version`, every one but the token end point a bearer token, and each its roles.
    func router() -> Router<BasicRequestContext> {
        let router = Router()
        router.add(middleware: CartonCloudRequestCounter(simulator: self))
        router.add(middleware: FaultMiddleware(injector: injector, answers: CartonCloudFaultAnswers()))
        router.add(middleware: CartonCloudEndpointRecorder(simulator: self))
        router.add(middleware: CartonCloudAcceptVersionMiddleware(simulator: self))
        serve(router, "uaa/oauth/token", [.post: { request in self.token(request, self.configuration) }])
        router.add(middleware: CartonCloudAuthMiddleware(simulator: self))
        serve(router, "uaa/userinfo", [.get: { _ in self.userInfo(self.configuration) }])

        let tenant = router.group("tenants/:tenant").add(middleware: CartonCloudTenantMiddleware(simulator: self))
        let customers = role(tenant, anyOf: ["Add Customer", Self.roleTMSCreate, Self.roleWMSCreate], named: Self.roleWMSCreate)
        serve(tenant, "customers", [.get: { request in self.customersList(request) }], roles: customers)
        serve(tenant, "customers/:id", [.get: { request in self.customer(id: request.id) }], roles: customers)
        let orders = role(tenant, anyOf: [Self.roleWMSCreate], named: Self.roleWMSCreate)
        serve(
            tenant,
            "outbound-orders",
            [
                .post: { request in
                    let configuration = self.configuration
                    // cartoncloud-api.md ~L928-930: with consignments generated automatically, "TMS Create Jobs" too.
                    if configuration.autoGenerateConsignments, !self.hasAny([Self.roleTMSCreate], configuration) {
                        return self.forbidden(Self.roleTMSCreate)
                    }
                    return self.createOrder(request, configuration)
                }
            ],
            roles: orders
        )
        let order: [HTTPRequest.Method: @Sendable (SimRequest) -> SimReply] = [
            .get: { request in self.getOrder(id: request.id) },
            .delete: { request in self.deleteOrder(id: request.id, self.configuration) },
        ]
        serve(tenant, "outbound-orders/:id", order, roles: orders)
        serve(
            tenant,
            "outbound-orders/search",
            order.merging([.post: { request in self.search(request, resource: .outboundOrders) }]) { $1 },
            roles: orders
        )
        let consignments = role(tenant, anyOf: [Self.roleTMSView, Self.roleTMSCreate], named: Self.roleTMSView)
        let consignment: [HTTPRequest.Method: @Sendable (SimRequest) -> SimReply] = [
            .get: { request in
                self.getConsignment(id: request.id, noItems: request.header("Prefer")?.contains("return=no-items") == true)
            }
        ]
        serve(tenant, "consignments/:id", consignment, roles: consignments)
        serve(
            tenant,
            "consignments/search",
            consignment.merging([.post: { request in self.search(request, resource: .consignments) }]) { $1 },
            roles: consignments
        )
        let products = role(tenant, anyOf: ["WMS Add Product", "WMS Edit Product"], named: "WMS Add Product")
        let product: [HTTPRequest.Method: @Sendable (SimRequest) -> SimReply] = [.get: { request in self.getProduct(id: request.id) }]
        serve(tenant, "warehouse-products/:id", product, roles: products)
        serve(tenant, "warehouse-products/search", product, roles: products, alsoServed: [.post])
        // Searching warehouse products needs no role.
        tenant.on("warehouse-products/search", method: .post) { request, _ in
            try await self.answer(request, id: nil) { self.search($0, resource: .warehouseProducts) }
        }
        tenant.on("**", methodsOtherThan: []) { _, _ in Self.makeResponse(.error(404, "Not Found")) }

        router.add(middleware: CartonCloudNotFoundMiddleware())
        return router
    }

    /// The routes after it need one of `roles`; `named` is the role the refusal asks for.
    private func role(_ tenant: RouterGroup<BasicRequestContext>, anyOf roles: Set<String>, named: String) -> RouterGroup<BasicRequestContext> {
        tenant.group().add(middleware: CartonCloudRoleMiddleware(simulator: self, roles: roles, named: named))
    }

    /// Serves `path` with `handlers` (behind `roles`' middleware when given); any other method, except those in
    /// `alsoServed` (registered apart), is a 405.
    private func serve(
        _ group: some RouterMethods<BasicRequestContext>,
        _ path: RouterPath,
        _ handlers: [HTTPRequest.Method: @Sendable (SimRequest) -> SimReply],
        roles: RouterGroup<BasicRequestContext>? = nil,
        alsoServed: Set<HTTPRequest.Method> = []
    ) {
        for (method, handler) in handlers {
            let respond: @Sendable (Request, BasicRequestContext) async throws -> Response = { request, context in
                try await self.answer(request, id: context.parameters.get("id")) { handler($0) }
            }
            if let roles { roles.on(path, method: method, use: respond) } else { group.on(path, method: method, use: respond) }
        }
        group.on(path, methodsOtherThan: Set(handlers.keys).union(alsoServed)) { request, _ in
            Self.makeResponse(.error(405, "Request method '\(request.method.rawValue)' not supported"))
        }
    }

    /// Reads the request and answers with `handler`'s reply. `id` is the path's `:id`; a by-id end point asked for
    /// `…/search` (a constant route) gets `search`, as an id no entity has.
    private func answer(_ request: Request, id: String?, _ handler: (SimRequest) -> SimReply) async throws -> Response {
        var request = request
        let buffer = try await request.collectBody(upTo: 16 << 20)
        var query: [String: String] = [:]
        for (key, value) in request.uri.queryParameters where query[String(key)] == nil { query[String(key)] = String(value) }
        let path = Self.pathComponents(request)
        let simRequest = SimRequest(
            method: request.method.rawValue,
            path: path,
            query: query,
            headers: request.headers,
            body: Array(buffer.readableBytesView),
            id: id ?? path.last ?? ""
        )
        return Self.makeResponse(handler(simRequest))
    }

    static func pathComponents(_ request: Request) -> [String] {
        request.uri.path.split(separator: "/").map { String($0).removingPercentEncoding ?? String($0) }
    }

    /// `POST consignments/search`, `GET outbound-orders/{id}`, `POST uaa/oauth/token`: the request's end point
    /// (`POST outbound-orders/search by reference` for a search on `/references/customer`).
    static func endpoint(method: String, path: [String], body: ByteBuffer) -> String {
        guard path.first == "tenants", path.count >= 3 else { return method + " " + path.joined(separator: "/") }
        let named = path.dropFirst(2).enumerated().map { index, part in index > 0 && part != "search" ? "{id}" : part }
        let byReference = named.last == "search" && String(buffer: body).contains("\"/references/customer\"")
        return method + " " + named.joined(separator: "/") + (byReference ? " by reference" : "")
    }

    static func status(_ code: Int) -> HTTPResponse.Status {
        code == 228 ? HTTPResponse.Status(code: 228, reasonPhrase: "Created with issues") : HTTPResponse.Status(code: code)
    }

    static func fields(for reply: SimReply) -> HTTPFields {
        var fields = HTTPFields()
        if !reply.body.isEmpty { fields[.contentType] = "application/json" }
        for (name, value) in reply.headers {
            if let field = .init(name) as HTTPFields.Element.Name? { fields[field] = value }
        }
        return fields
    }

    static func makeResponse(_ reply: SimReply) -> Response {
        Response(status: status(reply.status), headers: fields(for: reply), body: ResponseBody(byteBuffer: ByteBuffer(bytes: reply.body)))
    }

    func hasAny(_ roles: Set<String>, _ configuration: CartonCloudSimulatorConfiguration) -> Bool {
        !roles.isDisjoint(with: configuration.roles)
    }

    func forbidden(_ role: String) -> SimReply {
        state.withLock { $0.stats.forbidden += 1 }
        return .error(403, "Access is denied. The API Client needs the “\(role)” role.")
    }

    func authorised(_ request: Request) -> Bool {
        guard let header = request.headers[.authorization], header.lowercased().hasPrefix("bearer ") else { return false }
        let token = String(header.dropFirst(7)).trimmingCharacters(in: .whitespaces)
        return state.withLock { state in
            guard let expiry = state.tokens[token] else { return false }
            if expiry <= state.now {
                state.tokens[token] = nil
                return false
            }
            return true
        }
    }

    // MARK: Authentication

    func token(_ request: SimRequest, _ configuration: CartonCloudSimulatorConfiguration) -> SimReply {
        guard let header = request.header("Authorization"), header.lowercased().hasPrefix("basic "),
            let decoded = Data(base64Encoded: String(header.dropFirst(6)).trimmingCharacters(in: .whitespaces)),
            let pair = String(data: decoded, encoding: .utf8), let colon = pair.firstIndex(of: ":")
        else {
            return .error(401, "Access token or credentials are not valid")
        }
        let id = String(pair[..<colon])
        let secret = String(pair[pair.index(after: colon)...])
        guard id == configuration.clientID, secret == configuration.clientSecret else {
            return .error(401, "Access token or credentials are not valid")
        }
        let form = try? URLEncodedFormDecoder().decode(TokenForm.self, from: String(decoding: request.body, as: UTF8.self))
        let grant = form?.grantType
        guard grant == "client_credentials" else {
            return .errors(400, [("grant_type", "grant_type must be client_credentials")])
        }
        let token = state.withLock { state -> String in
            let token = (state.newID() + state.newID()).replacingOccurrences(of: "-", with: "")
            state.tokens[token] = state.now.addingTimeInterval(configuration.tokenLifetime)
            state.stats.tokensIssued += 1
            return token
        }
        return .json(
            200,
            .object([
                "access_token": .string(token), "token_type": .string("bearer"),
                "expires_in": .number(configuration.tokenLifetime.rounded()),
            ])
        )
    }

    /// The token request's form body.
    private struct TokenForm: Decodable {
        var grantType: String?
        enum CodingKeys: String, CodingKey { case grantType = "grant_type" }
    }

    func userInfo(_ configuration: CartonCloudSimulatorConfiguration) -> SimReply {
        let userID = state.withLock { $0.userID }
        return .json(
            200,
            .object([
                "id": .string(userID), "name": .string(configuration.userName), "email": .string(configuration.userEmail),
                "tenants": .array([.object(["id": .string(configuration.tenantID), "name": .string(configuration.tenantName)])]),
            ])
        )
    }

    // MARK: Customers

    func customersList(_ request: SimRequest) -> SimReply {
        let customers = state.withLock { $0.customers }
        return paged(customers.map { .object(["id": .string($0.id), "name": .string($0.name)]) }, request)
    }

    func customer(id: String) -> SimReply {
        guard let customer = state.withLock({ $0.customers.first { $0.id == id } }) else {
            return .error(404, "Customer not found")
        }
        return .json(200, .object(["id": .string(customer.id), "name": .string(customer.name)]))
    }

    // MARK: Paging

    func paged(_ elements: [SimJSON], _ request: SimRequest, minimal: Bool = false) -> SimReply {
        let size = max(1, Int(request.query["size"] ?? "") ?? state.withLock { $0.configuration.defaultPageSize })
        let page = max(1, Int(request.query["page"] ?? "") ?? 1)
        let total = elements.count
        let pages = (total + size - 1) / size
        let slice = Array(elements.dropFirst((page - 1) * size).prefix(size))
        let body: [SimJSON] = minimal ? slice.map { .object(["id": $0["id"] ?? .null]) } : slice
        let base = "/" + request.path.joined(separator: "/")
        var links: [String] = []
        func link(_ number: Int, _ rel: String) { links.append("<\(base)?page=\(number)&size=\(size)>; rel=\"\(rel)\"") }
        if pages > 0 {
            link(1, "first")
            if page > 1 { link(page - 1, "prev") }
            if page < pages { link(page + 1, "next") }
            link(pages, "last")
        }
        var headers: [(String, String)] = [
            ("Total-Pages", String(pages)), ("Page-Size", String(size)), ("Page-Number", String(page)),
            ("Total-Elements", String(total)),
        ]
        if !links.isEmpty { headers.append(("Link", links.joined(separator: ", "))) }
        if minimal { headers.append(("Preference-Applied", "return=minimal")) }
        return .json(200, .array(body), headers: headers)
    }
}
