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
        .json(status, .array(errors.map { error in
            var object: [String: SimJSON] = ["message": .string(error.message)]
            if let field = error.field { object["field"] = .string(field) }
            return .object(object)
        }))
    }

    static func error(_ status: Int, _ message: String) -> SimReply { errors(status, [(nil, message)]) }
}

struct SimRequest: Sendable {
    var method: String
    var path: [String]
    var query: [String: String]
    var headers: HTTPFields
    var body: [UInt8]

    func header(_ name: String) -> String? {
        headers.first { $0.name.canonicalName.caseInsensitiveCompare(name) == .orderedSame }?.value
    }

    var json: SimJSON? { try? JSONDecoder().decode(SimJSON.self, from: Data(body)) }
}

private struct DroppedConnection: Error {}

extension CartonCloudSimulator {
    static let roleWMSCreate = "WMS Create Jobs"
    static let roleTMSView = "TMS View Jobs"
    static let roleTMSCreate = "TMS Create Jobs"

    func respond(to request: Request) async throws -> Response {
        state.withLock { $0.stats.requests += 1 }
        let (decision, delay) = injector.next()
        if delay > 0 { try await Task.sleep(for: .seconds(delay)) }
        if case .serverError(let status) = decision {
            // Fails without acting on the request.
            return Self.makeResponse(.error(status, status == 503 ? "Temporarily offline for maintenance. Try again later." : "An issue with our server. Try again later."))
        }
        var request = request
        let buffer = try await request.collectBody(upTo: 16 << 20)
        var query: [String: String] = [:]
        for pair in (request.uri.query ?? "").split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1).map { String($0).removingPercentEncoding ?? String($0) }
            if let key = parts.first { query[key] = parts.count > 1 ? parts[1] : "" }
        }
        let simRequest = SimRequest(
            method: request.method.rawValue,
            path: request.uri.path.split(separator: "/").map { String($0).removingPercentEncoding ?? String($0) },
            query: query, headers: request.headers, body: Array(buffer.readableBytesView)
        )
        let endpoint = Self.endpoint(simRequest)
        state.withLock { $0.stats.byEndpoint[endpoint, default: 0] += 1 }
        let reply = handle(simRequest)
        switch decision {
        case .malformed:
            var garbled = reply
            garbled.body = Array(reply.body.prefix(max(1, reply.body.count / 2)))
            if garbled.body.isEmpty || reply.body.count < 2 { garbled.body = Array("{\"id\":".utf8) }
            return Self.makeResponse(garbled)
        case .drop:
            // Acted on; the client sees the connection close before the body is complete.
            let full = reply.body.isEmpty ? Array("{}".utf8) : reply.body
            let partial = ByteBuffer(bytes: full.prefix(full.count / 2))
            var fields = Self.fields(for: reply)
            fields[.contentLength] = String(full.count + 16)
            return Response(
                status: Self.status(reply.status), headers: fields,
                body: ResponseBody(contentLength: full.count + 16) { writer in
                    try await writer.write(partial)
                    throw DroppedConnection()
                }
            )
        case .hang(let seconds):
            try await Task.sleep(for: .seconds(seconds))
            return Self.makeResponse(reply)
        default:
            return Self.makeResponse(reply)
        }
    }

    /// `POST consignments/search`, `GET outbound-orders/{id}`, `POST uaa/oauth/token`: the request's end point
    /// (`POST outbound-orders/search by reference` for a search on `/references/customer`).
    static func endpoint(_ request: SimRequest) -> String {
        guard request.path.first == "tenants", request.path.count >= 3 else { return request.method + " " + request.path.joined(separator: "/") }
        let named = request.path.dropFirst(2).enumerated().map { index, part in index > 0 && part != "search" ? "{id}" : part }
        let byReference = named.last == "search" && String(decoding: request.body, as: UTF8.self).contains("\"/references/customer\"")
        return request.method + " " + named.joined(separator: "/") + (byReference ? " by reference" : "")
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

    // MARK: Routing

    func handle(_ request: SimRequest) -> SimReply {
        let configuration = state.withLock { $0.configuration }
        // Every end point needs Accept-Version (the token end point too, as in the documented curl example).
        guard let version = request.header("Accept-Version")?.trimmingCharacters(in: .whitespaces), !version.isEmpty else {
            return .error(configuration.missingAcceptVersionStatus, "Missing request header 'Accept-Version'")
        }
        // cartoncloud-api.md ~L260: `Accept-Version: 1`. Version 8 is documented only for creating warehouse
        // products (~L1752), which this simulator does not serve.
        guard version == "1" else {
            return .error(configuration.invalidAcceptVersionStatus, "Invalid Accept-Version header provided")
        }
        let path = request.path
        if path == ["uaa", "oauth", "token"] {
            guard request.method == "POST" else { return .error(405, "Request method '\(request.method)' not supported") }
            return token(request, configuration)
        }
        guard authorised(request) else {
            state.withLock { $0.stats.unauthorized += 1 }
            return .error(401, "Access token or credentials are not valid")
        }
        if path == ["uaa", "userinfo"] {
            guard request.method == "GET" else { return .error(405, "Request method '\(request.method)' not supported") }
            return userInfo(configuration)
        }
        guard path.count >= 3, path[0] == "tenants" else { return .error(404, "Not Found") }
        guard path[1] == configuration.tenantID else { return .error(404, "Tenant not found") }
        let rest = Array(path.dropFirst(2))
        switch (request.method, rest.count, rest[0]) {
        case ("GET", 1, "customers"):
            guard hasAny(["Add Customer", Self.roleTMSCreate, Self.roleWMSCreate], configuration) else { return forbidden(Self.roleWMSCreate) }
            return customersList(request)
        case ("GET", 2, "customers"):
            guard hasAny(["Add Customer", Self.roleTMSCreate, Self.roleWMSCreate], configuration) else { return forbidden(Self.roleWMSCreate) }
            return customer(id: rest[1])
        case ("POST", 1, "outbound-orders"):
            guard hasAny([Self.roleWMSCreate], configuration) else { return forbidden(Self.roleWMSCreate) }
            // cartoncloud-api.md ~L928-930: with consignments generated automatically, "TMS Create Jobs" too.
            if configuration.autoGenerateConsignments, !hasAny([Self.roleTMSCreate], configuration) { return forbidden(Self.roleTMSCreate) }
            return createOrder(request, configuration)
        case ("POST", 2, "outbound-orders") where rest[1] == "search":
            guard hasAny([Self.roleWMSCreate], configuration) else { return forbidden(Self.roleWMSCreate) }
            return search(request, resource: .outboundOrders)
        case ("GET", 2, "outbound-orders"):
            guard hasAny([Self.roleWMSCreate], configuration) else { return forbidden(Self.roleWMSCreate) }
            return getOrder(id: rest[1])
        case ("DELETE", 2, "outbound-orders"):
            guard hasAny([Self.roleWMSCreate], configuration) else { return forbidden(Self.roleWMSCreate) }
            return deleteOrder(id: rest[1], configuration)
        case ("POST", 2, "consignments") where rest[1] == "search":
            guard hasAny([Self.roleTMSView, Self.roleTMSCreate], configuration) else { return forbidden(Self.roleTMSView) }
            return search(request, resource: .consignments)
        case ("GET", 2, "consignments"):
            guard hasAny([Self.roleTMSView, Self.roleTMSCreate], configuration) else { return forbidden(Self.roleTMSView) }
            return getConsignment(id: rest[1], noItems: request.header("Prefer")?.contains("return=no-items") == true)
        case ("POST", 2, "warehouse-products") where rest[1] == "search":
            return search(request, resource: .warehouseProducts)
        case ("GET", 2, "warehouse-products"):
            guard hasAny(["WMS Add Product", "WMS Edit Product"], configuration) else { return forbidden("WMS Add Product") }
            return getProduct(id: rest[1])
        case (_, 1, "customers"), (_, 2, "customers"), (_, 1, "outbound-orders"), (_, 2, "outbound-orders"),
             (_, 2, "consignments"), (_, 2, "warehouse-products"):
            return .error(405, "Request method '\(request.method)' not supported")
        default:
            return .error(404, "Not Found")
        }
    }

    private func hasAny(_ roles: Set<String>, _ configuration: CartonCloudSimulatorConfiguration) -> Bool {
        !roles.isDisjoint(with: configuration.roles)
    }

    private func forbidden(_ role: String) -> SimReply {
        state.withLock { $0.stats.forbidden += 1 }
        return .error(403, "Access is denied. The API Client needs the “\(role)” role.")
    }

    private func authorised(_ request: SimRequest) -> Bool {
        guard let header = request.header("Authorization"), header.lowercased().hasPrefix("bearer ") else { return false }
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

    private func token(_ request: SimRequest, _ configuration: CartonCloudSimulatorConfiguration) -> SimReply {
        guard let header = request.header("Authorization"), header.lowercased().hasPrefix("basic "),
              let decoded = Data(base64Encoded: String(header.dropFirst(6)).trimmingCharacters(in: .whitespaces)),
              let pair = String(data: decoded, encoding: .utf8), let colon = pair.firstIndex(of: ":") else {
            return .error(401, "Access token or credentials are not valid")
        }
        let id = String(pair[..<colon])
        let secret = String(pair[pair.index(after: colon)...])
        guard id == configuration.clientID, secret == configuration.clientSecret else {
            return .error(401, "Access token or credentials are not valid")
        }
        let form = String(decoding: request.body, as: UTF8.self)
        let grant = form.split(separator: "&").compactMap { pair -> String? in
            let parts = pair.split(separator: "=", maxSplits: 1)
            return parts.first == "grant_type" && parts.count == 2 ? String(parts[1]).removingPercentEncoding : nil
        }.first
        guard grant == "client_credentials" else {
            return .errors(400, [("grant_type", "grant_type must be client_credentials")])
        }
        let token = state.withLock { state -> String in
            let token = (state.newID() + state.newID()).replacingOccurrences(of: "-", with: "")
            state.tokens[token] = state.now.addingTimeInterval(configuration.tokenLifetime)
            state.stats.tokensIssued += 1
            return token
        }
        return .json(200, .object([
            "access_token": .string(token), "token_type": .string("bearer"),
            "expires_in": .number(configuration.tokenLifetime.rounded()),
        ]))
    }

    private func userInfo(_ configuration: CartonCloudSimulatorConfiguration) -> SimReply {
        let userID = state.withLock { $0.userID }
        return .json(200, .object([
            "id": .string(userID), "name": .string(configuration.userName), "email": .string(configuration.userEmail),
            "tenants": .array([.object(["id": .string(configuration.tenantID), "name": .string(configuration.tenantName)])]),
        ]))
    }

    // MARK: Customers

    private func customersList(_ request: SimRequest) -> SimReply {
        let customers = state.withLock { $0.customers }
        return paged(customers.map { .object(["id": .string($0.id), "name": .string($0.name)]) }, request)
    }

    private func customer(id: String) -> SimReply {
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
