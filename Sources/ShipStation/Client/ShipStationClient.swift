import BridgeSupport
import Foundation
import Synchronization

/// The ShipStation V1 API client (shipstation-api.md): Basic auth with the API key and secret, orders upserted by
/// `orderKey`, paged lists, shipments (labels), fulfilments (marked shipped), warehouses, stores and carriers.
///
/// Every call goes through `governor` (40 a minute per key pair, L59) and follows the `X-Rate-Limit-*` headers, since
/// other apps may spend the same key's budget (L63): when `Remaining` falls to the configured reserve, every caller
/// waits `Reset` seconds; a 429 makes every caller wait `Reset` seconds and the call is sent again (L60). Because a
/// create carries an `orderKey`, re-sending it is an idempotent upsert (L146), so creates are retried like reads.
public final class ShipStationClient: Sendable {
    public static let service = "shipstation"

    public let configuration: ShipStationConfiguration
    public let governor: RateGovernor
    private let transport: any HTTPTransport
    private let clock: any BridgeClock
    private let observer: APICallObserver?
    private let lastRate = Mutex<RateLimitStatus?>(nil)

    public init(
        configuration: ShipStationConfiguration,
        transport: (any HTTPTransport)? = nil,
        governor: RateGovernor? = nil,
        clock: any BridgeClock = SystemClock(),
        observer: APICallObserver? = nil
    ) {
        self.configuration = configuration
        self.transport = transport ?? AsyncHTTPTransport(allowInsecureHTTP: configuration.allowInsecureHTTP)
        self.governor =
            governor
            ?? RateGovernor(
                key: RateGovernor.budgetKey(service: Self.service, account: configuration.apiKey, secret: configuration.apiSecret.reveal()),
                policy: configuration.rate,
                clock: clock
            )
        self.clock = clock
        self.observer = observer
    }

    /// The same client (budget, transport, observer) trying each call once: for connection tests, which should say
    /// what is wrong at once rather than wait out a rate-limit reset several times.
    public func withoutRetries() -> ShipStationClient {
        var configuration = self.configuration
        configuration.retry = .none
        return ShipStationClient(configuration: configuration, transport: transport, governor: governor, clock: clock, observer: observer)
    }

    /// The `X-Rate-Limit-*` headers of the last answer that had them.
    public var rateLimit: RateLimitStatus? { lastRate.withLock { $0 } }

    // MARK: Orders

    /// `POST /orders/createorder`: creates the order, or replaces the one with the same `orderKey` (L146) while it is
    /// open (L150). Returns the order as ShipStation keeps it: a locked order comes back unchanged (L154).
    public func createOrUpdateOrder(_ order: OrderRequest, priority: CallPriority = .high) async throws -> Order {
        let body = try order.jsonBody()
        return try await read(Order.self, "POST", "/orders/createorder", body: body, priority: priority)
    }

    /// Cancels an open order: the whole order re-sent with `orderStatus: cancelled` (L211). Returns the order after;
    /// a locked order comes back with its status unchanged.
    public func cancelOrder(_ order: Order, priority: CallPriority = .high) async throws -> Order {
        guard let request = OrderRequest(replacing: order, status: .cancelled) else {
            throw ShipStationError.invalidConfiguration("the order has no orderId or orderKey to cancel it by")
        }
        return try await createOrUpdateOrder(request, priority: priority)
    }

    /// `GET /orders/{orderId}`; 404 for an unknown or deleted order (L192).
    public func order(id: Int, priority: CallPriority = .high) async throws -> Order {
        try await read(Order.self, "GET", "/orders/\(id)", priority: priority)
    }

    /// `GET /orders`, every page (L193-L203).
    public func orders(_ query: OrderQuery, priority: CallPriority = .high) async throws -> [Order] {
        try await pages(Order.self, "/orders", query: query.items, pageSize: query.pageSize, priority: priority)
    }

    /// Orders whose `orderKey` is exactly `orderKey`: `orderNumber` is a starts-with search and there is no key filter
    /// (L193-L194, L186), so the list by `orderNumber` is filtered here.
    public func orders(orderKey: String, orderNumber: String, priority: CallPriority = .high) async throws -> [Order] {
        try await orders(OrderQuery(orderNumber: orderNumber), priority: priority).filter { $0.orderKey == orderKey }
    }

    /// `DELETE /orders/{orderId}`: a soft delete (L213). A 404 counts as done (already deleted).
    public func deleteOrder(id: Int, priority: CallPriority = .high) async throws {
        do {
            _ = try await read(OperationResult.self, "DELETE", "/orders/\(id)", priority: priority)
        } catch ShipStationError.notFound {
            return
        }
    }

    // MARK: Shipments

    /// `GET /shipments`, every page (L225-L246). Voided labels are included with `voided: true`; see `Shipment.isLive`.
    public func shipments(_ query: ShipmentQuery, priority: CallPriority = .high) async throws -> [Shipment] {
        try await pages(Shipment.self, "/shipments", query: query.items(fulfillments: false), pageSize: query.pageSize, priority: priority)
    }

    /// `GET /fulfillments`, every page: orders marked shipped without a label (L249-L251).
    public func fulfillments(_ query: ShipmentQuery, priority: CallPriority = .high) async throws -> [Fulfillment] {
        try await pages(Fulfillment.self, "/fulfillments", query: query.items(fulfillments: true), pageSize: query.pageSize, priority: priority)
    }

    // MARK: Account

    /// `GET /warehouses` (a bare array, L286-L287).
    public func warehouses(priority: CallPriority = .normal) async throws -> [ShipFromWarehouse] {
        try await read(BareArray<ShipFromWarehouse>.self, "GET", "/warehouses", priority: priority).elements
    }

    /// `GET /stores` (a bare array, L288).
    public func stores(showInactive: Bool = false, priority: CallPriority = .normal) async throws -> [Store] {
        try await read(BareArray<Store>.self, "GET", "/stores", query: [("showInactive", showInactive ? "true" : "false")], priority: priority)
            .elements
    }

    /// `GET /carriers` (a bare array, L289).
    public func carriers(priority: CallPriority = .normal) async throws -> [Carrier] {
        try await read(BareArray<Carrier>.self, "GET", "/carriers", priority: priority).elements
    }

    // MARK: Plumbing

    private var authorization: String {
        "Basic " + Data("\(configuration.apiKey):\(configuration.apiSecret.reveal())".utf8).base64EncodedString()
    }

    private func url(_ path: String, query: [(String, String)]) throws -> URL {
        var base = configuration.baseURL.absoluteString
        while base.hasSuffix("/") { base.removeLast() }
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        var text = base + path
        if !query.isEmpty {
            text += "?" + query.map { "\($0.0)=\($0.1.addingPercentEncoding(withAllowedCharacters: allowed) ?? $0.1)" }.joined(separator: "&")
        }
        guard let url = URL(string: text) else { throw ShipStationError.invalidConfiguration("the base URL \(base) is not valid") }
        return url
    }

    /// One call through the budget, reported to the observer (never headers or bodies).
    private func exchange(
        _ method: String,
        _ path: String,
        query: [(String, String)],
        body: [UInt8]?,
        priority: CallPriority
    ) async throws
        -> HTTPResponseSpec
    {
        let target = try url(path, query: query)
        var headers: [(name: String, value: String)] = [("Accept", "application/json"), ("Authorization", authorization)]
        if body != nil { headers.append(("Content-Type", "application/json")) }
        let request = HTTPRequestSpec(method: method, url: target, headers: headers, body: body, timeout: configuration.timeout)
        let response = try await governor.withSlot(priority: priority) {
            try await self.send(request, path: target.path + (target.query.map { "?" + $0 } ?? ""))
        }
        await followRateHeaders(response)
        return response
    }

    private func send(_ request: HTTPRequestSpec, path: String) async throws -> HTTPResponseSpec {
        let started = clock.now
        func record(_ status: Int?, _ outcome: String) {
            observer?(
                APICallRecord(
                    service: Self.service,
                    method: request.method,
                    path: path,
                    status: status,
                    startedAt: started,
                    duration: clock.now.timeIntervalSince(started),
                    outcome: outcome
                )
            )
        }
        do {
            let response = try await transport.send(request)
            record(response.status, Self.outcome(response.status))
            return response
        } catch let error as TransportError {
            let mapped: ShipStationError =
                switch error {
                case .timedOut: .transient("no answer within \(Int(configuration.timeout)) s")
                case .connection(let detail): .transient("connection failed or was lost: \(detail)")
                case .insecureURL: .invalidConfiguration(error.description)
                case .responseTooLarge(let size): .malformed("the answer was larger than \(size) bytes")
                case .untrustedCertificate: .transient(error.description)
                }
            record(nil, mapped.outcome)
            throw mapped
        } catch is CancellationError {
            throw CancellationError()
        } catch {
            record(nil, "transient")
            throw ShipStationError.transient(String(describing: error))
        }
    }

    /// Keeps the headers of the answer and, when the key's window is nearly spent (by us or another app), makes every
    /// caller wait until it resets.
    private func followRateHeaders(_ response: HTTPResponseSpec) async {
        guard let status = Self.rateStatus(response, now: clock.now) else { return }
        lastRate.withLock { $0 = status }
        if response.status != 429, status.remaining <= configuration.reserveForOtherApps, status.resetSeconds > 0 {
            await governor.throttled(cooldown: TimeInterval(status.resetSeconds))
        }
    }

    static func rateStatus(_ response: HTTPResponseSpec, now: Date) -> RateLimitStatus? {
        func value(_ name: String) -> Int? { response.header(name).flatMap { Int($0.trimmingCharacters(in: .whitespaces)) } }
        guard let limit = value("X-Rate-Limit-Limit"), let remaining = value("X-Rate-Limit-Remaining") else { return nil }
        return RateLimitStatus(limit: limit, remaining: remaining, resetSeconds: value("X-Rate-Limit-Reset") ?? 0, seenAt: now)
    }

    /// Retries what is worth retrying: a 429 after the key's reset, 5xx, lost connections, garbled answers.
    private func retrying<T: Sendable>(_ operation: @Sendable (Int) async throws -> T) async throws -> T {
        try await configuration.retry.run(
            clock: clock,
            shouldRetry: { error, _ in
                switch error as? ShipStationError {
                case .rateLimited?: 0
                case .transient?, .malformed?: 0
                default: nil
                }
            },
            operation
        )
    }

    private func read<T: Decodable & Sendable>(
        _ type: T.Type,
        _ method: String,
        _ path: String,
        query: [(String, String)] = [],
        body: [UInt8]? = nil,
        priority: CallPriority
    ) async throws -> T {
        let query = query.map { ($0.0, $0.1) }
        return try await retrying { _ in
            let response = try await self.exchange(method, path, query: query, body: body, priority: priority)
            try await self.check(response)
            return try Self.decode(type, response)
        }
    }

    /// Every page of a list (`page` is 1-based; `pages` in the envelope, L196-L203). Stops at `pages`, or on an empty
    /// page.
    private func pages<T: LenientDecodable & Sendable>(
        _ type: T.Type,
        _ path: String,
        query: [(String, String)],
        pageSize: Int,
        priority: CallPriority
    ) async throws -> [T] {
        var all: [T] = []
        var page = 1
        while true {
            let items = query + [("page", String(page)), ("pageSize", String(min(500, max(1, pageSize))))]
            let list = try await read(ListPage<T>.self, "GET", path, query: items, priority: priority)
            all += list.elements
            guard !list.elements.isEmpty, let pages = list.pages, page < pages, page < 100_000 else { break }
            page += 1
        }
        return all
    }

    /// Throws the classified error of a non-success answer; a 429 first makes every caller wait `Reset` seconds.
    private func check(_ response: HTTPResponseSpec) async throws {
        guard !(200..<300).contains(response.status) else { return }
        if response.status == 429 {
            let reset = Self.rateStatus(response, now: clock.now)?.resetSeconds
            await governor.throttled(cooldown: reset.map { TimeInterval(max(1, $0)) } ?? configuration.throttleCooldown)
            throw ShipStationError.rateLimited(resetSeconds: reset)
        }
        throw Self.classify(response)
    }

    static func looksLikeJSON(_ response: HTTPResponseSpec) -> Bool {
        guard let first = response.body.first(where: { ![0x20, 0x09, 0x0A, 0x0D].contains($0) }) else { return false }
        return first == UInt8(ascii: "{") || first == UInt8(ascii: "[")
    }

    private static func decode<T: Decodable>(_ type: T.Type, _ response: HTTPResponseSpec) throws -> T {
        guard looksLikeJSON(response) else {
            throw ShipStationError.notTheAPI("the answer was not JSON (\(response.header("Content-Type") ?? "no content type"))")
        }
        do {
            return try JSONDecoder().decode(type, from: Data(response.body))
        } catch {
            throw ShipStationError.malformed("the answer could not be decoded as \(T.self)")
        }
    }

    /// The error for a non-success answer other than 429.
    static func classify(_ response: HTTPResponseSpec) -> ShipStationError {
        let status = response.status
        if status >= 500 { return .transient("ShipStation answered \(status)") }
        if status == 401 { return .credentialsRejected }
        if !looksLikeJSON(response), !response.body.isEmpty, status != 404, status != 403 {
            return .notTheAPI("status \(status), \(response.header("Content-Type") ?? "no content type")")
        }
        let messages = ErrorBody.messages(response.body)
        let summary = messages.joined(separator: "; ")
        switch status {
        case 403: return .forbidden(summary)
        case 404: return .notFound(summary.isEmpty ? "the requested record" : summary)
        case 400: return .validation(messages)
        default: return .unexpectedStatus(status, summary)
        }
    }

    private static func outcome(_ status: Int) -> String {
        switch status {
        case 200..<300: "ok"
        case 401: "unauthorized"
        case 403: "forbidden"
        case 404: "not_found"
        case 400: "validation"
        case 429: "throttled"
        case 500...: "transient"
        default: "error"
        }
    }
}
