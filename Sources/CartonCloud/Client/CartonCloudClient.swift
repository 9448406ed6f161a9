import BridgeSupport
import Foundation

/// The CartonCloud API v1 client: OAuth2 client credentials, `Accept-Version: 1`, outbound orders, searches,
/// consignments and warehouse products.
///
/// **Creates are never re-sent blindly.** Every create goes through `createGovernor` (30 per minute per user by
/// default, shared by every caller). A 429 (not acted on) and a 401 (refreshed once) are re-sent; anything else that
/// leaves the outcome unknown — a timeout, a lost connection, a 5xx, an unreadable answer — throws
/// `CartonCloudError.transient`, and the caller must reconcile with `findOutboundOrders(reference:customerID:)`
/// before creating again (and treat a later `.duplicate(existingID:)` as "adopt that order").
/// Reads, searches and deletes retry transient failures with `configuration.retry`.
public final class CartonCloudClient: Sendable {
    public static let service = "cartoncloud"
    public static let roleCreateJobs = "WMS Create Jobs"
    public static let roleViewConsignments = "TMS View Jobs"
    /// Needed besides "WMS Create Jobs" when the customer generates consignments from sale orders automatically
    /// (cartoncloud-api.md ~L928-930); it includes "TMS View Jobs" (~L2252).
    public static let roleCreateTransportJobs = "TMS Create Jobs"

    public let configuration: CartonCloudConfiguration
    public let createGovernor: RateGovernor
    private let transport: any HTTPTransport
    private let clock: any BridgeClock
    private let observer: APICallObserver?
    private let tokens = TokenCache()

    public init(
        configuration: CartonCloudConfiguration,
        transport: (any HTTPTransport)? = nil,
        createGovernor: RateGovernor? = nil,
        clock: any BridgeClock = SystemClock(),
        observer: APICallObserver? = nil
    ) {
        self.configuration = configuration
        self.transport = transport ?? AsyncHTTPTransport(allowInsecureHTTP: configuration.allowInsecureHTTP)
        self.createGovernor =
            createGovernor
            ?? RateGovernor(
                key: RateGovernor.budgetKey(service: "cartoncloud", account: configuration.clientID, secret: configuration.clientSecret.reveal()),
                policy: configuration.createRate,
                clock: clock
            )
        self.clock = clock
        self.observer = observer
    }

    // MARK: Account

    /// `GET /uaa/userinfo`: the API user and its tenants (checks the credentials).
    public func userInfo() async throws -> UserInfo {
        try await read(UserInfo.self, "GET", "/uaa/userinfo", role: nil)
    }

    /// `GET /tenants/{t}/customers` (all pages).
    public func customers() async throws -> [CustomerSummary] {
        try await pages(CustomerSummary.self, "GET", tenantPath("customers"), body: nil, pageSize: 100, role: Self.roleCreateJobs)
    }

    public func customer(id: String) async throws -> Customer {
        try await read(Customer.self, "GET", tenantPath("customers", id), role: Self.roleCreateJobs)
    }

    // MARK: Outbound orders

    /// `POST /tenants/{t}/outbound-orders` through the create budget. See the type's notes on unknown outcomes.
    public func createOutboundOrder(_ order: OutboundOrderRequest, priority: CallPriority = .high) async throws -> CreateOrderOutcome {
        let body = try order.jsonBody()
        let path = tenantPath("outbound-orders")
        var attempt = 0
        while true {
            attempt += 1
            let response = try await createGovernor.withSlot(priority: priority) {
                try await self.exchange("POST", path, body: body)
            }
            switch response.status {
            case 201, 228:
                guard Self.looksLikeJSON(response) else {
                    throw CartonCloudError.notTheAPI("the create answered \(response.status) without JSON")
                }
                guard let created = try? JSONDecoder().decode(OutboundOrder.self, from: Data(response.body)), !created.id.isEmpty else {
                    throw CartonCloudError.transient(
                        "the order may have been created but the answer could not be read; look it up by reference before sending again"
                    )
                }
                if response.status == 228 || created.isRejected {
                    return .rejected(created, reasons: created.errorMessages)
                }
                return .created(created)
            case 422:
                let items = Self.errorItems(response)
                if let duplicate = items.first(where: { $0.type == "DUPLICATE" }), let id = duplicate.duplicateId {
                    return .duplicate(existingID: id)
                }
                throw CartonCloudError.validation(items.map(\.text))
            case 429:
                await createGovernor.throttled(cooldown: Self.retryAfter(response) ?? configuration.throttleCooldown)
                if attempt < max(1, configuration.retry.maxAttempts) { continue }
                throw CartonCloudError.rateLimited
            case 403:
                // cartoncloud-api.md ~L928-930: a customer that generates consignments automatically also needs
                // "TMS Create Jobs" for creates; which one is missing only CartonCloud's own message can tell.
                throw classify(response, roles: [Self.roleCreateJobs, Self.roleCreateTransportJobs])
            default:
                throw classify(response, role: Self.roleCreateJobs)
            }
        }
    }

    /// `GET /tenants/{t}/outbound-orders/{id}`.
    public func outboundOrder(id: String) async throws -> OutboundOrder {
        try await read(OutboundOrder.self, "GET", tenantPath("outbound-orders", id), role: Self.roleCreateJobs)
    }

    /// `POST /tenants/{t}/outbound-orders/search`, every page (`Total-Pages`) up to `maxPages`.
    public func searchOutboundOrders(_ condition: SearchCondition, pageSize: Int = 100, maxPages: Int = 100_000) async throws -> [OutboundOrder] {
        try await pages(
            OutboundOrder.self,
            "POST",
            tenantPath("outbound-orders", "search"),
            body: condition.body(timeZone: configuration.timeZone),
            pageSize: pageSize,
            maxPages: maxPages,
            role: Self.roleCreateJobs
        )
    }

    /// One page of the customer's orders modified since `since`: what the wizard checks warehouse names against,
    /// since CartonCloud documents no call that lists warehouses (cartoncloud-api.md, table of contents).
    public func recentOutboundOrders(customerID: String, since: Date, limit: Int = 100) async throws -> [OutboundOrder] {
        try await searchOutboundOrders(.and([.customerID(customerID), .modified(.greaterThanOrEqualTo, since)]), pageSize: limit, maxPages: 1)
    }

    /// Orders whose `references.customer` is exactly `reference` for the customer (deleted orders are not returned).
    /// Use it before re-sending a create whose outcome is unknown.
    public func findOutboundOrders(reference: String, customerID: String) async throws -> [OutboundOrder] {
        let found = try await searchOutboundOrders(.and([.reference(reference), .customerID(customerID)]))
        return found.filter { $0.reference == reference }
    }

    /// Orders of `customerID` modified at or after `modifiedSince` (progress polling with a watermark).
    public func outboundOrders(customerID: String, modifiedSince: Date) async throws -> [OutboundOrder] {
        try await searchOutboundOrders(.and([.customerID(customerID), .modified(.greaterThanOrEqualTo, modifiedSince)]))
    }

    /// Orders of `customerID` dispatched at or after `dispatchedSince`.
    public func outboundOrders(customerID: String, dispatchedSince: Date) async throws -> [OutboundOrder] {
        try await searchOutboundOrders(.and([.customerID(customerID), .dispatched(.greaterThanOrEqualTo, dispatchedSince)]))
    }

    /// `DELETE /tenants/{t}/outbound-orders/{id}` (204). A status the tenant does not allow deleting in throws
    /// `deleteNotAllowed(status:)`. A 404 means the order is already gone (deleted by warehouse staff, or by an
    /// earlier attempt whose answer was lost: cartoncloud-api.md ~L3991 "The resource does not exist") and counts as done.
    public func deleteOutboundOrder(id: String) async throws {
        let path = tenantPath("outbound-orders", id)
        try await idempotent { _ in
            let response = try await self.exchange("DELETE", path)
            switch response.status {
            case 200, 202, 204:
                return
            case 404:
                return
            case 400, 409, 412, 422:
                let status = (try? await self.outboundOrder(id: id).status?.rawValue) ?? "unknown"
                throw CartonCloudError.deleteNotAllowed(status: status)
            default:
                throw self.classify(response, role: Self.roleCreateJobs)
            }
        }
    }

    // MARK: Consignments and products

    /// Consignments generated from the order (`/generatedFromTask/id`): tracking number, carrier, URL, status.
    public func consignments(generatedFromOrderID orderID: String) async throws -> [Consignment] {
        try await pages(
            Consignment.self,
            "POST",
            tenantPath("consignments", "search"),
            body: SearchCondition.text(pointer: "/generatedFromTask/id", .equalTo, orderID).body(timeZone: configuration.timeZone),
            pageSize: 100,
            role: Self.roleViewConsignments
        )
    }

    /// Consignments generated from any of the orders, in one search per `batch` orders: an `OrCondition` of
    /// `/generatedFromTask/id` conditions (cartoncloud-api.md ~L2397 OrCondition, ~L2462 the pointer).
    public func consignments(generatedFromOrderIDs orderIDs: [String], batch: Int = 50) async throws -> [Consignment] {
        let unique = Array(Set(orderIDs)).sorted()
        var all: [Consignment] = []
        for start in stride(from: 0, to: unique.count, by: max(1, batch)) {
            let slice = unique[start..<min(unique.count, start + max(1, batch))]
            let condition = SearchCondition.or(slice.map { .text(pointer: "/generatedFromTask/id", .equalTo, $0) })
            all += try await pages(
                Consignment.self,
                "POST",
                tenantPath("consignments", "search"),
                body: condition.body(timeZone: configuration.timeZone),
                pageSize: 100,
                role: Self.roleViewConsignments
            )
        }
        return all
    }

    /// `GET /tenants/{t}/consignments/{id}`.
    public func consignment(id: String) async throws -> Consignment {
        try await read(Consignment.self, "GET", tenantPath("consignments", id), role: Self.roleViewConsignments)
    }

    /// Warehouse products whose code is `code` (documented search pointer `/code`): "is this SKU known?".
    public func warehouseProducts(code: String, customerID: String? = nil) async throws -> [WarehouseProduct] {
        var conditions: [SearchCondition] = [.text(pointer: "/code", .equalTo, code)]
        if let customerID { conditions.append(.customerID(customerID)) }
        let found = try await pages(
            WarehouseProduct.self,
            "POST",
            tenantPath("warehouse-products", "search"),
            body: SearchCondition.and(conditions).body(timeZone: configuration.timeZone),
            pageSize: 100,
            role: nil
        )
        return found.filter { $0.code == nil || $0.code?.caseInsensitiveCompare(code) == .orderedSame }
    }

    // MARK: Plumbing

    private func tenantPath(_ parts: String...) -> String {
        let encoded = ([configuration.tenantID] + parts).map { $0.addingPercentEncoding(withAllowedCharacters: Self.pathSegmentAllowed) ?? $0 }
        return "/tenants/" + encoded.joined(separator: "/")
    }

    /// What a path segment may hold unencoded (a tenant or order id): the path's characters but `/`.
    private static let pathSegmentAllowed = CharacterSet.urlPathAllowed.subtracting(CharacterSet(charactersIn: "/"))

    private func url(_ path: String, query: [(String, String)] = []) throws -> URL {
        var base = configuration.baseURL.absoluteString
        while base.hasSuffix("/") { base.removeLast() }
        var text = base + path
        if !query.isEmpty { text += "?" + query.map { "\($0.0)=\($0.1)" }.joined(separator: "&") }
        guard let url = URL(string: text) else { throw CartonCloudError.invalidConfiguration("the base URL \(base) is not valid") }
        return url
    }

    /// Sends one HTTP call and reports it to the observer (never headers or bodies).
    private func send(_ method: String, _ url: URL, headers: [(name: String, value: String)], body: [UInt8]?) async throws -> HTTPResponseSpec {
        let started = clock.now
        let path = url.path + (url.query.map { "?" + $0 } ?? "")
        let request = HTTPRequestSpec(method: method, url: url, headers: headers, body: body, timeout: configuration.timeout)
        do {
            let response = try await transport.send(request)
            observer?(
                APICallRecord(
                    service: Self.service,
                    method: method,
                    path: path,
                    status: response.status,
                    startedAt: started,
                    duration: clock.now.timeIntervalSince(started),
                    outcome: Self.outcome(response.status)
                )
            )
            return response
        } catch let error as TransportError {
            let mapped: CartonCloudError =
                switch error {
                case .timedOut: .transient("no answer within \(Int(configuration.timeout)) s")
                case .connection(let detail): .transient("connection failed or was lost: \(detail)")
                case .insecureURL: .invalidConfiguration(error.description)
                case .responseTooLarge(let size): .malformed("the answer was larger than \(size) bytes")
                case .untrustedCertificate: .transient(error.description)
                }
            observer?(
                APICallRecord(
                    service: Self.service,
                    method: method,
                    path: path,
                    status: nil,
                    startedAt: started,
                    duration: clock.now.timeIntervalSince(started),
                    outcome: mapped.outcome
                )
            )
            throw mapped
        } catch is CancellationError {
            throw CancellationError()
        } catch {
            observer?(
                APICallRecord(
                    service: Self.service,
                    method: method,
                    path: path,
                    status: nil,
                    startedAt: started,
                    duration: clock.now.timeIntervalSince(started),
                    outcome: "transient"
                )
            )
            throw CartonCloudError.transient(String(describing: error))
        }
    }

    private static func outcome(_ status: Int) -> String {
        switch status {
        case 200..<300 where status != 228: "ok"
        case 228: "rejected"
        case 401: "unauthorized"
        case 403: "forbidden"
        case 404: "not_found"
        case 422: "validation"
        case 429: "throttled"
        case 500...: "transient"
        default: "error"
        }
    }

    /// One authenticated call: bearer token and `Accept-Version: 1`; a 401 refreshes the token once and re-sends
    /// (a 401 was not acted on, so this is safe for creates too).
    private func exchange(
        _ method: String,
        _ path: String,
        query: [(String, String)] = [],
        body: [UInt8]? = nil,
        extraHeaders: [(name: String, value: String)] = []
    ) async throws -> HTTPResponseSpec {
        let target = try url(path, query: query)
        var stale: String?
        for attempt in 1...2 {
            let token = try await tokens.token(invalidating: stale, now: { self.clock.now }, fetch: { try await self.fetchToken() })
            var headers: [(name: String, value: String)] = [
                ("Accept-Version", "1"), ("Accept", "application/json"), ("Authorization", "Bearer \(token)"),
            ]
            if body != nil { headers.append(("Content-Type", "application/json")) }
            headers += extraHeaders
            let response = try await send(method, target, headers: headers, body: body)
            if response.status == 401 {
                if attempt == 1 {
                    stale = token
                    continue
                }
                throw CartonCloudError.credentialsRejected
            }
            return response
        }
        throw CartonCloudError.credentialsRejected
    }

    /// `POST /uaa/oauth/token` with the client credentials (retrying transient failures).
    private func fetchToken() async throws -> (token: String, lifetime: TimeInterval) {
        let credentials = Data("\(configuration.clientID):\(configuration.clientSecret.reveal())".utf8).base64EncodedString()
        let target = try url("/uaa/oauth/token")
        return try await idempotent { _ in
            let response = try await self.send(
                "POST",
                target,
                headers: [
                    ("Accept-Version", "1"), ("Accept", "application/json"), ("Authorization", "Basic \(credentials)"),
                    ("Content-Type", "application/x-www-form-urlencoded"),
                ],
                body: Array("grant_type=client_credentials".utf8)
            )
            switch response.status {
            case 200:
                guard Self.looksLikeJSON(response) else { throw CartonCloudError.notTheAPI("the token end point answered without JSON") }
                struct TokenBody: Decodable {
                    var access_token: String?
                    var expires_in: Double?
                }
                guard let decoded = try? JSONDecoder().decode(TokenBody.self, from: Data(response.body)),
                    let token = decoded.access_token, !token.isEmpty
                else {
                    throw CartonCloudError.malformed("the token answer had no access_token")
                }
                return (token, decoded.expires_in ?? 3600)
            case 400, 401:
                if !Self.looksLikeJSON(response), !response.body.isEmpty {
                    throw CartonCloudError.notTheAPI("the token end point answered \(response.status) without JSON")
                }
                throw CartonCloudError.credentialsRejected
            default:
                throw self.classify(response, role: nil)
            }
        }
    }

    private func idempotent<T: Sendable>(_ operation: @Sendable (Int) async throws -> T) async throws -> T {
        let cooldown = configuration.throttleCooldown
        return try await configuration.retry.run(
            clock: clock,
            shouldRetry: { error, _ in
                switch error as? CartonCloudError {
                case .rateLimited?: cooldown
                case .transient?, .malformed?: 0
                default: nil
                }
            },
            operation
        )
    }

    /// A GET (or other read) decoded as `T`, with retries.
    private func read<T: Decodable & Sendable>(_ type: T.Type, _ method: String, _ path: String, role: String?) async throws -> T {
        try await idempotent { _ in
            let response = try await self.exchange(method, path)
            guard (200..<300).contains(response.status) else { throw self.classify(response, role: role) }
            return try Self.decode(type, response)
        }
    }

    /// Every page of a paged list or search. Stops at `Total-Pages`, on an empty page, or when a page brings
    /// nothing new (a server repeating a page with a huge `Total-Pages` must not keep the client paging for ever).
    private func pages<T: Decodable & Sendable & Identifiable>(
        _ type: T.Type,
        _ method: String,
        _ path: String,
        body: JSONValue?,
        pageSize: Int,
        maxPages: Int = 100_000,
        role: String?
    ) async throws -> [T] where T.ID: Sendable {
        let encoded = body?.jsonBody()
        var all: [T] = []
        var seen = Set<T.ID>()
        var page = 1
        while page <= maxPages {
            let number = page
            let (elements, totalPages) = try await idempotent { _ in
                let response = try await self.exchange(
                    method,
                    path,
                    query: [("page", String(number)), ("size", String(max(1, pageSize)))],
                    body: encoded
                )
                guard (200..<300).contains(response.status) else { throw self.classify(response, role: role) }
                let elements = try Self.decode(LenientList<T>.self, response).elements
                return (elements, response.header("Total-Pages").flatMap { Int($0.trimmingCharacters(in: .whitespaces)) })
            }
            let fresh = elements.filter { seen.insert($0.id).inserted }
            all += fresh
            guard let totalPages, page < totalPages, !fresh.isEmpty else { break }
            page += 1
        }
        return all
    }

    static func looksLikeJSON(_ response: HTTPResponseSpec) -> Bool {
        guard let first = response.body.first(where: { ![0x20, 0x09, 0x0A, 0x0D].contains($0) }) else { return false }
        return first == UInt8(ascii: "{") || first == UInt8(ascii: "[")
    }

    private static func decode<T: Decodable>(_ type: T.Type, _ response: HTTPResponseSpec) throws -> T {
        guard looksLikeJSON(response) else {
            let kind = response.header("Content-Type") ?? "no content type"
            throw CartonCloudError.notTheAPI("the answer was not JSON (\(kind))")
        }
        do {
            return try JSONDecoder().decode(type, from: Data(response.body))
        } catch {
            throw CartonCloudError.malformed("the answer could not be decoded as \(T.self)")
        }
    }

    static func errorItems(_ response: HTTPResponseSpec) -> [APIErrorItem] {
        let data = Data(response.body)
        if let items = try? JSONDecoder().decode(LenientList<APIErrorItem>.self, from: data) { return items.elements }
        if let item = try? JSONDecoder().decode(APIErrorItem.self, from: data), item.message != nil { return [item] }
        return []
    }

    private static func retryAfter(_ response: HTTPResponseSpec) -> TimeInterval? {
        response.header("Retry-After").flatMap { TimeInterval($0.trimmingCharacters(in: .whitespaces)) }
    }

    /// The error for a non-success answer.
    func classify(_ response: HTTPResponseSpec, role: String?) -> CartonCloudError {
        classify(response, roles: role.map { [$0] } ?? [])
    }

    /// The error for a non-success answer; a 403 names `roles` and keeps CartonCloud's own message.
    func classify(_ response: HTTPResponseSpec, roles: [String]) -> CartonCloudError {
        let status = response.status
        if status >= 500 { return .transient("CartonCloud answered \(status)") }
        if status == 429 { return .rateLimited }
        if !Self.looksLikeJSON(response), !response.body.isEmpty {
            return .notTheAPI("status \(status), \(response.header("Content-Type") ?? "no content type")")
        }
        let messages = Self.errorItems(response).map(\.text)
        let summary = messages.joined(separator: "; ")
        switch status {
        case 401: return .credentialsRejected
        case 403: return .forbidden(roles: roles, message: summary)
        case 404: return .notFound(summary.isEmpty ? "the requested record" : summary)
        case 400, 422: return .validation(messages)
        default: return .unexpectedStatus(status, summary)
        }
    }
}
