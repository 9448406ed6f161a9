import BridgeSupport
import Foundation
import Synchronization

/// Cin7 Core API application credentials. The key is a `Secret`: it reaches only the request header.
public struct Cin7Credentials: Sendable {
    public var accountID: String
    public var applicationKey: Secret
    public init(accountID: String, applicationKey: Secret) {
        self.accountID = accountID
        self.applicationKey = applicationKey
    }
}

public struct Cin7Configuration: Sendable {
    public static let defaultBaseURL = URL(string: "https://inventory.dearsystems.com/ExternalApi/v2/")!

    public var baseURL: URL
    public var credentials: Cin7Credentials
    public var rate: RatePolicy = .cin7Core
    public var retry: RetryPolicy
    /// Seconds before one HTTP call is abandoned.
    public var timeout: TimeInterval = 30
    /// How long all callers of the key pause after a throttle response.
    public var throttleCooldown: TimeInterval = 5
    /// The longest shared pause after repeated throttle responses (the cooldown doubles up to this): Cin7's window.
    public var maxThrottleCooldown: TimeInterval = 60
    /// How many throttle responses one call waits out before giving up with `Cin7Error.throttled`.
    public var maxThrottleRetries: Int = 12
    public var allowInsecureHTTP: Bool = false

    public init(
        baseURL: URL = Cin7Configuration.defaultBaseURL,
        credentials: Cin7Credentials,
        rate: RatePolicy = .cin7Core,
        retry: RetryPolicy = RetryPolicy(),
        timeout: TimeInterval = 30,
        throttleCooldown: TimeInterval = 5,
        allowInsecureHTTP: Bool = false
    ) {
        var base = baseURL
        if !base.absoluteString.hasSuffix("/") { base = URL(string: base.absoluteString + "/") ?? base }
        self.baseURL = base
        self.credentials = credentials
        self.rate = rate
        self.retry = retry
        self.timeout = timeout
        self.throttleCooldown = throttleCooldown
        self.allowInsecureHTTP = allowInsecureHTTP
    }
}

/// The Cin7 Core External API v2 client. Every call goes through the shared `governor` (one budget per API application),
/// waits out throttle responses, retries transient failures of idempotent calls, and reports each HTTP exchange to
/// `observer` (never headers or bodies).
public final class Cin7Client: Sendable {
    public let configuration: Cin7Configuration
    public let governor: RateGovernor
    private let transport: any HTTPTransport
    private let clock: any BridgeClock
    private let observer: APICallObserver?

    public init(
        configuration: Cin7Configuration,
        transport: (any HTTPTransport)? = nil,
        governor: RateGovernor? = nil,
        clock: any BridgeClock = SystemClock(),
        observer: APICallObserver? = nil
    ) {
        self.configuration = configuration
        self.transport = transport ?? AsyncHTTPTransport(allowInsecureHTTP: configuration.allowInsecureHTTP)
        self.clock = clock
        self.observer = observer
        self.governor =
            governor
            ?? RateGovernor(
                key: Self.governorKey(for: configuration.credentials),
                policy: configuration.rate,
                store: InMemoryRateBudgetStore(),
                clock: clock
            )
    }

    /// The Cin7 budget of an API application (application keys are GUIDs, so their case does not matter).
    public static func governorKey(for credentials: Cin7Credentials) -> String {
        RateGovernor.budgetKey(service: "cin7", account: credentials.accountID, secret: credentials.applicationKey.reveal().lowercased())
    }

    // MARK: - Account

    /// `GET me`: a cheap check that the base URL and credentials work.
    public func me(priority: CallPriority = .normal) async throws -> Cin7Me {
        try await call("GET", "me", priority: priority)
    }

    // MARK: - Sales

    /// Every page of `GET saleList` for `filter`, de-duplicated by `SaleID`.
    public func saleList(_ filter: SaleListFilter, limit: Int = 1000, priority: CallPriority = .high) async throws -> [SaleListItem] {
        try await allPages(limit: limit) { page, limit in
            try await self.saleListPage(filter, page: page, limit: limit, priority: priority)
        } id: {
            $0.SaleID
        }
    }

    public func saleListPage(_ filter: SaleListFilter, page: Int, limit: Int, priority: CallPriority = .high) async throws -> Cin7Page<SaleListItem> {
        try await listPage("saleList", listKey: "SaleList", query: filter.queryItems, page: page, limit: limit, priority: priority)
    }

    /// `GET sale?ID=`. `countryFormat` `.code2` gives ISO-2 countries in addresses.
    public func sale(id: String, countryFormat: CountryFormat = .code2, priority: CallPriority = .high) async throws -> Sale {
        try await call("GET", "sale", query: [("ID", Cin7ID(id).value), ("CountryFormat", countryFormat.rawValue)], priority: priority)
    }

    // MARK: - Fulfilment

    /// `GET sale/fulfilment?SaleID=`.
    public func fulfilments(saleID: String, priority: CallPriority = .high) async throws -> SaleFulfilments {
        try await call("GET", "sale/fulfilment", query: [("SaleID", Cin7ID(saleID).value)], priority: priority)
    }

    /// `POST sale/fulfilment`: adds a fulfilment task (turns a Simple Sale into an Advanced Sale). Not re-sent after a
    /// timeout, lost connection or 5xx: that surfaces as `Cin7Error.transient`, and the caller must read the
    /// fulfilments before trying again.
    public func addFulfilment(saleID: String, priority: CallPriority = .high) async throws -> SaleFulfilments {
        struct Body: Encodable { let SaleID: Cin7ID }
        return try await call("POST", "sale/fulfilment", body: Body(SaleID: Cin7ID(saleID)), priority: priority)
    }

    /// `GET sale/fulfilment/pick?TaskID=`.
    public func pick(taskID: String, priority: CallPriority = .high) async throws -> FulfilmentPick {
        try await call("GET", "sale/fulfilment/pick", query: [("TaskID", Cin7ID(taskID).value)], priority: priority)
    }

    /// `POST|PUT sale/fulfilment/pick`. A POST is not re-sent after a timeout, lost connection or 5xx (`transient`):
    /// read the pick first. An already authorised pick fails with `validation` where `isAlreadyAuthorised` is true.
    public func writePick(_ request: PickRequest, method: WriteMethod = .post, priority: CallPriority = .high) async throws -> FulfilmentPick {
        try await call(method.rawValue, "sale/fulfilment/pick", body: request, priority: priority)
    }

    /// `GET sale/fulfilment/pack?TaskID=`.
    public func pack(taskID: String, priority: CallPriority = .high) async throws -> FulfilmentPack {
        try await call("GET", "sale/fulfilment/pack", query: [("TaskID", Cin7ID(taskID).value)], priority: priority)
    }

    /// `POST|PUT sale/fulfilment/pack`. Same retry rules as `writePick`.
    public func writePack(_ request: PackRequest, method: WriteMethod = .post, priority: CallPriority = .high) async throws -> FulfilmentPack {
        try await call(method.rawValue, "sale/fulfilment/pack", body: request, priority: priority)
    }

    /// `GET sale/fulfilment/ship?TaskID=`.
    public func ship(taskID: String, priority: CallPriority = .high) async throws -> FulfilmentShip {
        try await call("GET", "sale/fulfilment/ship", query: [("TaskID", Cin7ID(taskID).value)], priority: priority)
    }

    /// `POST|PUT sale/fulfilment/ship`. Lines go out with `Box` and come back with `Boxes`. Use `.put` with
    /// `AddTrackingNumbers: true` to change tracking or carrier on an authorised shipment. A POST is not re-sent after a
    /// timeout, lost connection or 5xx (`transient`): read the shipment first; a PUT is retried.
    public func writeShip(_ request: ShipRequest, method: WriteMethod = .post, priority: CallPriority = .high) async throws -> FulfilmentShip {
        try await call(method.rawValue, "sale/fulfilment/ship", body: request, priority: priority)
    }

    // MARK: - Reference data

    /// `GET ref/carrier` (all pages); `description` is a starts-with filter.
    public func carriers(description: String? = nil, priority: CallPriority = .high) async throws -> [Carrier] {
        let query = description.map { [("Description", $0)] } ?? []
        return try await allPages(limit: 1000) { page, limit in
            try await self.listPage("ref/carrier", listKey: "CarrierList", query: query, page: page, limit: limit, priority: priority)
        } id: {
            $0.CarrierID
        }
    }

    /// `POST ref/carrier`. Not re-sent after a timeout or 5xx: look the carrier up by description first.
    public func createCarrier(description: String, priority: CallPriority = .high) async throws -> Carrier {
        struct Body: Encodable { let Description: String }
        let envelope: ListEnvelope<Carrier> = try await call(
            "POST",
            "ref/carrier",
            body: Body(Description: description),
            listKey: "CarrierList",
            priority: priority
        )
        guard let carrier = envelope.items.first else { throw Cin7Error.malformed("ref/carrier answered without the new carrier") }
        return carrier
    }

    /// `GET ref/location` (all pages). Bins are rows with `ParentID`, and also listed in their parent's `Bins`.
    public func locations(priority: CallPriority = .high) async throws -> [Location] {
        try await allPages(limit: 1000) { page, limit in
            try await self.listPage("ref/location", listKey: "LocationList", query: [], page: page, limit: limit, priority: priority)
        } id: {
            $0.ID
        }
    }

    /// `GET product` (all pages), optionally filtered by SKU or name. Cin7 lists only active products unless
    /// `includeDeprecated` (`IncludeDeprecated=true`, cin7-core-api-v2.apib ~L5033).
    public func products(
        sku: String? = nil,
        name: String? = nil,
        includeDeprecated: Bool = false,
        limit: Int = 1000,
        priority: CallPriority = .high
    ) async throws -> [Product] {
        try await allPages(limit: limit) { page, limit in
            try await self.productsPage(sku: sku, name: name, includeDeprecated: includeDeprecated, page: page, limit: limit, priority: priority)
        } id: {
            $0.ID
        }
    }

    public func productsPage(
        sku: String? = nil,
        name: String? = nil,
        includeDeprecated: Bool = false,
        page: Int,
        limit: Int,
        priority: CallPriority = .high
    ) async throws -> Cin7Page<Product> {
        var query: [(String, String)] = []
        if let sku { query.append(("Sku", sku)) }
        if let name { query.append(("Name", name)) }
        if includeDeprecated { query.append(("IncludeDeprecated", "true")) }
        return try await listPage("product", listKey: "Products", query: query, page: page, limit: limit, priority: priority)
    }

    /// `GET customer` (all pages); `name` is a starts-with filter.
    public func customers(name: String? = nil, priority: CallPriority = .normal) async throws -> [Customer] {
        let query = name.map { [("Name", $0)] } ?? []
        return try await allPages(limit: 1000) { page, limit in
            try await self.listPage("customer", listKey: "CustomerList", query: query, page: page, limit: limit, priority: priority)
        } id: {
            $0.ID
        }
    }

    // MARK: - Webhooks

    public func webhooks(priority: CallPriority = .normal) async throws -> [Webhook] {
        let envelope: ListEnvelope<Webhook> = try await call("GET", "webhooks", listKey: "Webhooks", priority: priority)
        return envelope.items
    }

    /// `POST webhooks`. Not re-sent after a timeout or 5xx: list the webhooks first.
    public func createWebhook(_ webhook: Webhook, priority: CallPriority = .normal) async throws -> Webhook {
        var body = webhook
        body.ID = nil
        let envelope: ListEnvelope<Webhook> = try await call("POST", "webhooks", body: body, listKey: "Webhooks", priority: priority)
        guard let created = envelope.items.first else { throw Cin7Error.malformed("webhooks answered without the new webhook") }
        return created
    }

    public func updateWebhook(_ webhook: Webhook, priority: CallPriority = .normal) async throws -> Webhook {
        let envelope: ListEnvelope<Webhook> = try await call("PUT", "webhooks", body: webhook, listKey: "Webhooks", priority: priority)
        guard let updated = envelope.items.first else { throw Cin7Error.malformed("webhooks answered without the webhook") }
        return updated
    }

    public func deleteWebhook(id: String, priority: CallPriority = .normal) async throws {
        let _: ListEnvelope<Webhook> = try await call(
            "DELETE",
            "webhooks",
            query: [("ID", Cin7ID(id).value)],
            listKey: "Webhooks",
            priority: priority
        )
    }

    // MARK: - Paging

    private func listPage<Item: Decodable & Sendable>(
        _ path: String,
        listKey: String,
        query: [(String, String)],
        page: Int,
        limit: Int,
        priority: CallPriority
    ) async throws -> Cin7Page<Item> {
        let limit = min(max(limit, 1), 1000)
        let envelope: ListEnvelope<Item> = try await call(
            "GET",
            path,
            query: query + [("Page", String(page)), ("Limit", String(limit))],
            listKey: listKey,
            priority: priority
        )
        return Cin7Page(total: envelope.total ?? envelope.items.count, page: envelope.page ?? page, items: envelope.items)
    }

    /// Reads pages until a short page or `Page*Limit >= Total`, de-duplicating by id (offset paging over a changing set).
    private func allPages<Item: Sendable>(
        limit: Int,
        _ fetch: (Int, Int) async throws -> Cin7Page<Item>,
        id: (Item) -> Cin7ID
    ) async throws -> [Item] {
        let limit = min(max(limit, 1), 1000)
        var seen = Set<Cin7ID>()
        var items: [Item] = []
        var page = 1
        while true {
            let result = try await fetch(page, limit)
            let before = items.count
            for item in result.items where seen.insert(id(item)).inserted { items.append(item) }
            // A page with nothing new (a server repeating itself, or a huge `Total`) ends paging instead of looping.
            if result.items.count < limit || page * limit >= result.total || items.count == before { return items }
            page += 1
        }
    }

    // MARK: - Transport

    /// The encoder of request bodies: sorted keys, and date-only fields as Cin7 writes them (`2026-12-01T00:00:00`).
    public static func bodyEncoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        encoder.userInfo[CalendarDate.wireFormatKey] = CalendarDate.WireFormat.midnightTimestamp
        return encoder
    }

    private func call<T: Decodable & Sendable>(
        _ method: String,
        _ path: String,
        query: [(String, String)] = [],
        body: (any Encodable & Sendable)? = nil,
        listKey: String? = nil,
        priority: CallPriority
    ) async throws -> T {
        let bodyBytes: [UInt8]?
        if let body {
            bodyBytes = Array(try Self.bodyEncoder().encode(body))
        } else {
            bodyBytes = nil
        }
        let url = try makeURL(path, query: query)
        let recordPath = Self.recordPath(url)
        // Throttle answers mean Cin7 did nothing, so any method may be sent again. Other failures are retried only for
        // idempotent methods: a POST that may have acted is left to the caller to reconcile.
        let idempotent = method != "POST"
        var attempt = 1
        var throttles = 0
        let retryAfter = RetryAfterBox()
        while true {
            do {
                let bytes = try await governor.withSlot(priority: priority) {
                    try await self.exchange(method: method, url: url, recordPath: recordPath, body: bodyBytes, retryAfter: retryAfter)
                }
                return try Self.decode(T.self, from: bytes, listKey: listKey)
            } catch let error as Cin7Error {
                switch error {
                case .throttled:
                    throttles += 1
                    guard throttles <= configuration.maxThrottleRetries else { throw error }
                    // Every caller of the key waits together; without Retry-After the wait grows on repeated throttles.
                    await governor.throttled(
                        base: configuration.throttleCooldown,
                        cap: max(configuration.throttleCooldown, configuration.maxThrottleCooldown)
                    )
                    if let wait = retryAfter.take(), wait > configuration.throttleCooldown {
                        await governor.throttled(cooldown: min(wait, 300))
                    }
                case .transient, .malformed:
                    guard idempotent, attempt < configuration.retry.maxAttempts else { throw error }
                    try await clock.sleep(seconds: configuration.retry.backoff.delay(forAttempt: attempt))
                    attempt += 1
                default:
                    throw error
                }
            }
        }
    }

    /// One HTTP exchange: sends, classifies, reports to the observer.
    private func exchange(method: String, url: URL, recordPath: String, body: [UInt8]?, retryAfter: RetryAfterBox) async throws -> [UInt8] {
        let credentials = configuration.credentials
        let request = HTTPRequestSpec(
            method: method,
            url: url,
            headers: [
                (name: "api-auth-accountid", value: credentials.accountID),
                (name: "api-auth-applicationkey", value: credentials.applicationKey.reveal()),
                (name: "Content-Type", value: "application/json"),
                (name: "Accept", value: "application/json"),
            ],
            body: body,
            timeout: configuration.timeout
        )
        let started = clock.now
        let response: HTTPResponseSpec
        do {
            response = try await transport.send(request)
        } catch {
            let mapped: any Error
            switch error {
            case TransportError.timedOut: mapped = Cin7Error.transient("no answer within \(Int(configuration.timeout.rounded())) s")
            case TransportError.connection: mapped = Cin7Error.transient("the connection failed or was lost")
            case TransportError.insecureURL(let text): mapped = Cin7Error.insecureURL(text)
            case TransportError.responseTooLarge(let size): mapped = Cin7Error.malformed("the answer was larger than \(size) bytes")
            case TransportError.untrustedCertificate: mapped = Cin7Error.transient("\(error)")
            default: mapped = error
            }
            report(method, recordPath, status: nil, started: started, outcome: (mapped as? Cin7Error)?.outcome ?? "cancelled")
            throw mapped
        }
        switch Self.classify(status: response.status, body: response.body, url: configuration.baseURL.absoluteString) {
        case .success(let bytes):
            report(method, recordPath, status: response.status, started: started, outcome: "ok")
            return bytes
        case .failure(let error):
            report(method, recordPath, status: response.status, started: started, outcome: error.outcome)
            // Cin7 sends no Retry-After today; honour one if it ever does.
            if error == .throttled, let value = response.header("Retry-After"), let seconds = TimeInterval(value.trimmingCharacters(in: .whitespaces))
            {
                retryAfter.set(seconds)
            }
            throw error
        }
    }

    private func report(_ method: String, _ path: String, status: Int?, started: Date, outcome: String) {
        observer?(
            APICallRecord(
                service: "cin7",
                method: method,
                path: path,
                status: status,
                startedAt: started,
                duration: max(0, clock.now.timeIntervalSince(started)),
                outcome: outcome
            )
        )
    }

    private func makeURL(_ path: String, query: [(String, String)]) throws -> URL {
        var text = configuration.baseURL.absoluteString + path
        if !query.isEmpty {
            text += "?" + query.map { "\(Self.encode($0.0))=\(Self.encode($0.1))" }.joined(separator: "&")
        }
        guard let url = URL(string: text) else { throw Cin7Error.notTheAPI(url: configuration.baseURL.absoluteString) }
        if !configuration.allowInsecureHTTP {
            do { try URLSafety.check(url, allowInsecureHTTP: false) } catch { throw Cin7Error.insecureURL(configuration.baseURL.absoluteString) }
        }
        return url
    }

    private static func encode(_ value: String) -> String {
        value.addingPercentEncoding(withAllowedCharacters: unreserved) ?? value
    }

    /// RFC 3986's unreserved characters: everything else in a query value is percent-encoded.
    private static let unreserved = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "-._~"))

    private static func recordPath(_ url: URL) -> String {
        let path = url.path
        if let query = url.query { return path + "?" + query }
        return path
    }

    // MARK: - Classification and decoding (pure; tested directly)

    /// Decides what a response means: the body to decode, or the error it is.
    public static func classify(status: Int, body: [UInt8], url: String) -> Result<[UInt8], Cin7Error> {
        // A successful call's complete JSON document (list pages run to megabytes) passes without being read as text
        // or parsed twice; `decode` finds anything wrong inside it. Only a body that names an error model's keys, or
        // is not shaped like one document, needs the closer look below.
        if (200..<300).contains(status), Self.isShapedLikeJSONDocument(body),
            !Self.contains(body, asciiLowercased: "errorcode"), !Self.contains(body, asciiLowercased: "exception")
        {
            return .success(body)
        }
        let text = String(decoding: body, as: UTF8.self)
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        let lower = trimmed.lowercased()
        let mentionsLimit = lower.contains("calls per") || lower.contains("api limit")
        if status == 429 || (mentionsLimit && status != 200) { return .failure(.throttled) }
        // The APIB lists 503 only as "You reached 60 calls per minute API limit" (cin7-core-api-v2.apib ~L124): a 503
        // is the rate limit unless it is an HTML error page (a gateway or maintenance page).
        if status == 503 && !looksLikeHTML(trimmed) { return .failure(.throttled) }
        if status == 401 || status == 403 || lower.contains("incorrect credentials") { return .failure(.credentialsRejected) }
        let errorModel = errorModelCode(body)
        if status >= 500 {
            return .failure(.transient("Cin7 answered HTTP \(status)" + (errorModel.map { ": \($0.1)" } ?? "")))
        }
        if let (code, message) = errorModel {
            if message.lowercased().contains("calls per") { return .failure(.throttled) }
            if code == 403 { return .failure(.credentialsRejected) }
            if code == 404 || status == 404 { return .failure(.notFound(message)) }
            return .failure(.validation(message))
        }
        if status == 404 { return .failure(.notFound(trimmed.isEmpty || looksLikeHTML(trimmed) ? "that resource" : String(trimmed.prefix(200)))) }
        if (300..<400).contains(status) { return .failure(.notTheAPI(url: url)) }
        if status >= 400 {
            return .failure(.validation(trimmed.isEmpty || looksLikeHTML(trimmed) ? "HTTP \(status)" : String(trimmed.prefix(500))))
        }
        if looksLikeHTML(trimmed) { return .failure(.notTheAPI(url: url)) }
        if !trimmed.isEmpty, (try? JSONSerialization.jsonObject(with: Data(body), options: [.fragmentsAllowed])) == nil {
            return .failure(.malformed("the answer is not valid JSON"))
        }
        return .success(body)
    }

    /// Starts with `{` and ends with `}`, or `[` and `]` (a cut or garbled answer does not).
    private static func isShapedLikeJSONDocument(_ body: [UInt8]) -> Bool {
        func isWhitespace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 }
        guard let first = body.first(where: { !isWhitespace($0) }), let last = body.last(where: { !isWhitespace($0) }) else { return false }
        return (first == UInt8(ascii: "{") && last == UInt8(ascii: "}")) || (first == UInt8(ascii: "[") && last == UInt8(ascii: "]"))
    }

    /// Whether `bytes` contain `needle` (lower-case ASCII), ignoring ASCII case.
    static func contains(_ bytes: [UInt8], asciiLowercased needle: String) -> Bool {
        let needle = Array(needle.utf8)
        guard let first = needle.first, bytes.count >= needle.count else { return false }
        return bytes.withUnsafeBufferPointer { haystack in
            var index = 0
            let last = haystack.count - needle.count
            while index <= last {
                if haystack[index] | 0x20 == first {
                    var offset = 1
                    while offset < needle.count, haystack[index + offset] | 0x20 == needle[offset] { offset += 1 }
                    if offset == needle.count { return true }
                }
                index += 1
            }
            return false
        }
    }

    private static func looksLikeHTML(_ text: String) -> Bool {
        let lower = text.prefix(200).lowercased()
        return lower.hasPrefix("<") || lower.contains("<html") || lower.contains("<!doctype")
    }

    /// `{"ErrorCode":…,"Exception":…}` as a bare object or the first of an array.
    static func errorModelCode(_ body: [UInt8]) -> (Int, String)? {
        guard let json = try? JSONSerialization.jsonObject(with: Data(body), options: [.fragmentsAllowed]) else { return nil }
        let object: [String: Any]?
        if let array = json as? [Any] {
            object = array.first as? [String: Any]
        } else {
            object = json as? [String: Any]
        }
        guard let object else { return nil }
        let lowered = Dictionary(object.map { ($0.key.lowercased(), $0.value) }, uniquingKeysWith: { a, _ in a })
        guard lowered["errorcode"] != nil || lowered["exception"] != nil else { return nil }
        let code = (lowered["errorcode"] as? Int) ?? Int((lowered["errorcode"] as? String) ?? "") ?? 0
        var message = (lowered["exception"] as? String) ?? "error \(code)"
        if let array = json as? [[String: Any]], array.count > 1 {
            let others = array.dropFirst().compactMap { item in
                item.first { $0.key.lowercased() == "exception" }?.value as? String
            }
            if !others.isEmpty { message = ([message] + others).joined(separator: "; ") }
        }
        return (code, message)
    }

    static func decode<T: Decodable>(_ type: T.Type, from bytes: [UInt8], listKey: String?) throws -> T {
        // Cin7 answers every call with a JSON document, so an empty answer is a garbled one: not "nothing there"
        // (taking it as an empty carrier list, say, would create a carrier that exists) and not an empty object.
        if bytes.isEmpty { throw Cin7Error.malformed("the answer was empty") }
        let decoder = JSONDecoder()
        if let listKey { decoder.userInfo[ListEnvelopeKey.key] = listKey }
        do {
            return try decoder.decode(T.self, from: Data(bytes))
        } catch DecodingError.dataCorrupted(let context)
            where context.codingPath.isEmpty
            && (try? JSONSerialization.jsonObject(with: Data(bytes), options: [.fragmentsAllowed])) == nil
        {
            throw Cin7Error.malformed("the answer is not valid JSON")
        } catch {
            throw Cin7Error.malformed("could not read \(T.self): \(Self.describe(error))")
        }
    }

    private static func describe(_ error: any Error) -> String {
        switch error {
        case DecodingError.keyNotFound(let key, _): "missing \(key.stringValue)"
        case DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context), DecodingError.dataCorrupted(let context):
            context.codingPath.map(\.stringValue).joined(separator: ".") + " " + context.debugDescription
        default: String(describing: error)
        }
    }
}

/// The Retry-After of the last throttle answer of one call, if any.
final class RetryAfterBox: Sendable {
    private let value = Mutex<TimeInterval?>(nil)
    func set(_ seconds: TimeInterval) { value.withLock { $0 = seconds } }
    func take() -> TimeInterval? {
        value.withLock { current in
            defer { current = nil }
            return current
        }
    }
}

enum ListEnvelopeKey {
    static let key = CodingUserInfoKey(rawValue: "cin7.listKey")!
}

/// `{"Total":…, "Page":…, "<ListKey>":[…]}` with the list key found case-insensitively.
struct ListEnvelope<Item: Decodable & Sendable>: Decodable, Sendable {
    var total: Int?
    var page: Int?
    var items: [Item]

    struct AnyKey: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: AnyKey.self)
        let listKey = (decoder.userInfo[ListEnvelopeKey.key] as? String ?? "").lowercased()
        func key(_ name: String) -> AnyKey? { container.allKeys.first { $0.stringValue.lowercased() == name } }
        total = key("total").flatMap { try? container.decode(Int.self, forKey: $0) }
        page = key("page").flatMap { try? container.decode(Int.self, forKey: $0) }
        if let listKey = key(listKey), (try? container.decodeNil(forKey: listKey)) == false {
            items = try container.decode([Item].self, forKey: listKey)
        } else {
            items = []
        }
    }
}
