import Foundation
import Hummingbird
import Logging
import NIOCore
import Synchronization

/// A Cin7 Core External API v2 server on loopback: auth headers, case-insensitive routes, paging, the per-application
/// rate limit in its three documented shapes, the sale and fulfilment state machine, reference data, webhooks and
/// fault injection. Written from the API documents, independently of the `Cin7Core` client.
public final class Cin7Simulator: Sendable {
    private let state: Mutex<Cin7SimState>
    private let injector: FaultInjector
    private let server = Mutex<(task: Task<Void, any Error>?, url: URL?)>((nil, nil))

    public init(configuration: Cin7SimulatorConfiguration = .init()) {
        state = Mutex(Cin7SimState(config: configuration))
        injector = FaultInjector(faults: configuration.faults, seed: configuration.seed)
    }

    // MARK: - Lifecycle

    /// Starts serving; returns the base URL (`http://127.0.0.1:<port>/ExternalApi/v2/`). Port 0 picks a free port.
    public func start(host: String = "127.0.0.1", port: Int = 0) async throws -> URL {
        let (stream, continuation) = AsyncStream<Int>.makeStream()
        var logger = Logger(label: "cin7-simulator")
        logger.logLevel = .critical
        let responder = CallbackResponder<BasicRequestContext> { [self] request, _ in
            try await self.respond(to: request)
        }
        let app = Application(
            responder: responder,
            configuration: .init(address: .hostname(host, port: port), serverName: nil),
            onServerRunning: { channel in
                continuation.yield(channel.localAddress?.port ?? port)
                continuation.finish()
            },
            logger: logger)
        let task = Task {
            // If the server cannot start (port in use), the stream ends without a port and the error surfaces below.
            defer { continuation.finish() }
            try await app.runService(gracefulShutdownSignals: [])
        }
        var boundPort: Int?
        for await value in stream { boundPort = value }
        guard let boundPort else {
            task.cancel()
            try await task.value
            throw CancellationError()
        }
        let displayHost = host.contains(":") ? "[\(host)]" : host
        let url = URL(string: "http://\(displayHost):\(boundPort)/ExternalApi/v2/")!
        server.withLock { $0 = (task, url) }
        return url
    }

    public func stop() async {
        let task = server.withLock { current -> Task<Void, any Error>? in
            let task = current.task
            current = (nil, nil)
            return task
        }
        task?.cancel()
        _ = try? await task?.value
    }

    public var baseURL: URL? { server.withLock { $0.url } }

    public var faults: SimulatorFaults {
        get { injector.faults }
        set { injector.faults = newValue }
    }

    /// The running configuration (rate limit, shapes, options); changes apply to the next request.
    public var configuration: Cin7SimulatorConfiguration {
        get { state.withLock { $0.config } }
        set { state.withLock { $0.config = newValue } }
    }

    // MARK: - Control API

    @discardableResult
    public func addLocation(name: String, parentID: String? = nil, isBin: Bool = false) -> String {
        state.withLock { state in
            let parent = parentID?.lowercased() ?? (isBin ? state.locations.first { $0.parentID == nil }?.id : nil)
            let location = SimLocation(id: state.newID(), name: name, parentID: parent)
            state.locations.append(location)
            return location.id
        }
    }

    @discardableResult
    public func addProduct(sku: String, name: String, type: String = "Stock") -> String {
        state.withLock { state in
            if let index = state.products.firstIndex(where: { $0.sku.caseInsensitiveCompare(sku) == .orderedSame }) {
                state.products[index].name = name
                state.products[index].type = type
                return state.products[index].id
            }
            let product = SimProduct(id: state.newID(), sku: sku, name: name, type: type, updated: state.stamp())
            state.products.append(product)
            return product.id
        }
    }

    @discardableResult
    public func addCustomer(name: String) -> String { state.withLock { $0.ensureCustomer(name).id } }

    @discardableResult
    public func addCarrier(_ description: String) -> String { state.withLock { $0.ensureCarrier(description).id } }

    /// Creates a sale with its order in DRAFT; `authorise` it to make it visible as an order to fulfil.
    @discardableResult
    public func createSale(_ draft: SimSaleDraft) -> SimSaleRef { state.withLock { $0.createSale(draft) } }

    /// OrderStatus AUTHORISED, Status ORDERED (or BACKORDERED), fulfilments created with Pick DRAFT.
    public func authorise(saleID: String) { state.withLock { $0.authorise(saleID.lowercased()) } }

    /// Status VOIDED and OrderStatus VOIDED.
    public func void(saleID: String) { state.withLock { $0.void(saleID.lowercased()) } }

    /// Changes lines and/or the shipping address (bumps `Updated`/`LastModifiedOn`).
    public func editSale(saleID: String, lines: [SimLine]? = nil, shippingAddress: SimAddress? = nil) {
        state.withLock { $0.edit(saleID.lowercased(), lines: lines, address: shippingAddress) }
    }

    /// A person picked, packed and shipped every fulfilment in Cin7 itself.
    public func shipViaUI(saleID: String, carrier: String, tracking: String) {
        state.withLock { $0.shipViaUI(saleID.lowercased(), carrier: carrier, tracking: tracking) }
    }

    /// What `POST sale/fulfilment` does: a new fulfilment whose draft pick is empty; returns its TaskID (nil when
    /// Cin7 would refuse, e.g. while another fulfilment's pick is not authorised).
    @discardableResult
    public func addFulfilment(saleID: String) -> String? {
        state.withLock { try? $0.newFulfilment(saleID.lowercased()).taskID }
    }

    /// A person fills in the empty draft pick of a fulfilment (moves the sale's `Updated`).
    public func fillDraftPick(taskID: String) { state.withLock { $0.fillDraftPick(taskID.lowercased()) } }

    /// What `DELETE sale/fulfilment?TaskID=&Void=true` does (Advanced Sales only).
    public func voidFulfilment(taskID: String) { state.withLock { _ = try? $0.voidFulfilment(taskID.lowercased()) } }

    /// A person picked and packed every open fulfilment in Cin7, into `boxes`.
    public func packViaUI(saleID: String, boxes: [String]) {
        state.withLock { $0.packViaUI(saleID.lowercased(), boxes: boxes) }
    }

    /// Marks a product deprecated: `product` lists it only with `IncludeDeprecated=true`.
    public func deprecateProduct(sku: String) {
        state.withLock { state in
            guard let index = state.products.firstIndex(where: { $0.sku.caseInsensitiveCompare(sku) == .orderedSame }) else { return }
            state.products[index].deprecated = true
            state.products[index].updated = state.stamp()
        }
    }

    /// Another API application using the same key just made `calls` calls (they count against the shared quota).
    public func spendQuota(calls: Int) { state.withLock { $0.spendQuota(calls) } }

    public func snapshot(saleID: String) -> SimSaleSnapshot? {
        state.withLock { $0.sales[saleID.lowercased()]?.snapshot() }
    }

    public var allSales: [SimSaleSnapshot] {
        state.withLock { state in state.saleOrder.compactMap { state.sales[$0]?.snapshot() } }
    }

    public var carrierNames: [String] { state.withLock { $0.carriers.map(\.description) } }

    public var stats: Cin7SimulatorStats {
        var stats = state.withLock { $0.stats }
        stats.faultsInjected = injector.injected
        return stats
    }

    public func resetStats() { state.withLock { $0.stats = Cin7SimulatorStats() } }

    /// Seeds a demo account: two warehouses with bins, customers, products, carriers and `sales` authorised sales
    /// (every fifth an Advanced Sale with two fulfilments, some with freight and drop-ship lines).
    @discardableResult
    public func seedDemoData(sales count: Int = 20) -> Cin7DemoSeed {
        let main = addLocation(name: "Main Warehouse")
        addLocation(name: "Main Warehouse: A-01", parentID: main, isBin: true)
        addLocation(name: "Main Warehouse: A-02", parentID: main, isBin: true)
        let north = addLocation(name: "Northside 3PL")
        addLocation(name: "Northside 3PL: Bulk", parentID: north, isBin: true)
        let products: [(String, String, String)] = [
            ("TENT-2P", "2-Person Tent", "Stock"), ("TENT-4P", "4-Person Tent", "Stock"), ("BAG-35L", "35L Day Pack", "Stock"),
            ("STOVE-GAS", "Gas Stove", "Stock"), ("MAT-SELF", "Self-inflating Mat", "Stock"), ("LAMP-HEAD", "Head Lamp", "Stock"),
            ("INSTALL", "Installation Service", "Service"),
        ]
        for product in products { addProduct(sku: product.0, name: product.1, type: product.2) }
        let customers = ["Rock Star Transport", "Harbour Outdoor Ltd", "Alpine Adventures", "Coastal Camping Co", "Summit Supplies"]
        for customer in customers { addCustomer(name: customer) }
        for carrier in ["Australia Post", "StarTrack", "DHL Express"] { addCarrier(carrier) }
        let cities: [(String, String, String)] = [("Geelong", "VIC", "3220"), ("Newcastle", "NSW", "2300"), ("Cairns", "QLD", "4870"), ("Hobart", "TAS", "7000")]
        var refs: [SimSaleRef] = []
        for index in 0..<count {
            let sku1 = products[index % 6].0, sku2 = products[(index + 2) % 6].0
            let lines = [SimLine(sku: sku1, quantity: Double(1 + index % 3)), SimLine(sku: sku2, quantity: 1)]
            let city = cities[index % cities.count]
            let customer = customers[index % customers.count]
            let draft = SimSaleDraft(
                customer: customer, location: index % 4 == 3 ? "Northside 3PL" : "Main Warehouse",
                lines: lines + (index % 7 == 6 ? [SimLine(sku: "LAMP-HEAD", quantity: 1, dropShip: true)] : []),
                additionalCharges: index % 2 == 0 ? ["Freight"] : [],
                shippingAddress: SimAddress(line1: "\(10 + index) Dock Rd", city: city.0, state: city.1, postcode: city.2,
                                            country: "AU", company: customer, contact: "Receiving"),
                phone: "03 9000 \(String(format: "%04d", index))", email: "orders\(index)@example.com",
                shippingNotes: index % 3 == 0 ? "Deliver to dock 2" : "", memo: "", customerReference: "PO-\(7000 + index)",
                shipBy: "2026-12-\(String(format: "%02d", 1 + index % 28))",
                advancedFulfilments: index % 5 == 4 ? [[lines[0]], [lines[1]]] : nil)
            let ref = createSale(draft)
            authorise(saleID: ref.saleID)
            refs.append(ref)
        }
        return Cin7DemoSeed(locationIDs: ["Main Warehouse": main, "Northside 3PL": north],
                            skus: products.map(\.0), customers: customers, sales: refs)
    }

    /// Seeds `simulator` for `cin7bridge simulate --seed-sales N`.
    @discardableResult
    public static func seedDemoData(into simulator: Cin7Simulator, sales: Int) -> Cin7DemoSeed {
        simulator.seedDemoData(sales: sales)
    }

    // MARK: - HTTP

    private struct Answer {
        var status: Int
        var body: [UInt8]
        var contentType = "application/json; charset=utf-8"
    }

    private struct DroppedConnection: Error {}

    private static let prefix = "/externalapi/v2/"

    private func respond(to request: Request) async throws -> Response {
        let method = request.method.rawValue.uppercased()
        let rawPath = request.uri.path.removingPercentEncoding ?? request.uri.path
        let lowerPath = rawPath.lowercased()
        state.withLock { state in
            let now = Date()
            state.stats.totalRequests += 1
            state.stats.firstRequestAt = state.stats.firstRequestAt ?? now
            state.stats.lastRequestAt = now
        }

        // Route.
        var route: String?
        if lowerPath.hasPrefix(Self.prefix) {
            var rest = String(lowerPath.dropFirst(Self.prefix.count))
            while rest.hasSuffix("/") { rest.removeLast() }
            if Cin7SimState.knownRoutes.contains(rest) { route = rest }
        }
        guard let route else { return make(unknownPath()) }
        state.withLock { $0.stats.requestsByEndpoint["\(method) \(route)", default: 0] += 1 }

        // Auth, then the rate limit of this application key.
        let accountID = request.headers.first { $0.name.canonicalName == "api-auth-accountid" }?.value ?? ""
        let key = request.headers.first { $0.name.canonicalName == "api-auth-applicationkey" }?.value ?? ""
        if let refusal = admit(accountID: accountID, key: key) { return make(refusal) }

        let (decision, delay) = injector.next()
        if delay > 0 { try? await Task.sleep(nanoseconds: UInt64(delay * 1_000_000_000)) }
        if case .serverError(let status) = decision {
            let body = status == 503
                ? "<html><head><title>503 Service Unavailable</title></head><body><h1>Service Unavailable</h1></body></html>"
                : #"{"ErrorCode":500,"Exception":"An unexpected error has occurred."}"#
            return make(Answer(status: status, body: Array(body.utf8), contentType: status == 503 ? "text/html" : "application/json"))
        }

        // Act.
        var request = request
        let bodyBuffer = try await request.collectBody(upTo: 16 << 20)
        let bodyBytes = Array(bodyBuffer.readableBytesView)
        let answer = perform(method: method, route: route, query: Self.parseQuery(request.uri.query), body: bodyBytes)

        switch decision {
        case .malformed:
            var garbled = Array(answer.body.prefix(max(1, answer.body.count / 2)))
            garbled.append(contentsOf: Array("\u{1}<".utf8))
            return make(Answer(status: answer.status, body: garbled))
        case .drop:
            let full = answer.body
            let headers: HTTPFields = [.contentType: answer.contentType]
            return Response(
                status: .init(code: answer.status), headers: headers,
                body: ResponseBody(contentLength: max(full.count, 2)) { writer in
                    try await writer.write(ByteBuffer(bytes: full.prefix(full.count / 2)))
                    throw DroppedConnection()
                })
        case .hang(let seconds):
            try? await Task.sleep(nanoseconds: UInt64(seconds * 1_000_000_000))
            return make(answer)
        default:
            return make(answer)
        }
    }

    private func make(_ answer: Answer) -> Response {
        Response(status: .init(code: answer.status), headers: [.contentType: answer.contentType],
                 body: .init(byteBuffer: ByteBuffer(bytes: answer.body)))
    }

    private func unknownPath() -> Answer {
        switch state.withLock({ $0.config.unknownPathAnswer }) {
        case .notFound:
            return Answer(status: 404, body: Array("<html><body><h1>404 - Not Found</h1></body></html>".utf8), contentType: "text/html")
        case .htmlPage:
            let page = "<!DOCTYPE html><html><head><title>Page not found</title></head><body><h1>Page not found</h1><p>The page you requested does not exist.</p></body></html>"
            return Answer(status: 200, body: Array(page.utf8), contentType: "text/html; charset=utf-8")
        }
    }

    /// nil when the request may proceed; otherwise the 403 or throttle answer.
    private func admit(accountID: String, key: String) -> Answer? {
        state.withLock { state in
            let config = state.config
            guard accountID.caseInsensitiveCompare(config.accountID) == .orderedSame,
                  key.caseInsensitiveCompare(config.applicationKey) == .orderedSame
            else {
                state.stats.rejectedCredentials += 1
                return Answer(status: 403, body: Array("Incorrect credentials!".utf8), contentType: "text/plain; charset=utf-8")
            }
            guard config.rateLimitEnabled else { return nil }
            let now = Date()
            let bucket = key.lowercased()
            var arrivals = state.arrivals[bucket, default: []]
            arrivals.removeAll { now.timeIntervalSince($0) >= config.rateWindow }
            guard arrivals.count < config.rateLimit else {
                state.arrivals[bucket] = arrivals
                state.stats.throttledResponses += 1
                return Self.throttle(config)
            }
            arrivals.append(now)
            state.arrivals[bucket] = arrivals
            return nil
        }
    }

    private static func throttle(_ config: Cin7SimulatorConfiguration) -> Answer {
        switch config.throttleShape {
        case .http503:
            Answer(status: 503, body: Array("You reached \(config.rateLimit) calls per minute API limit".utf8), contentType: "text/plain; charset=utf-8")
        case .http429:
            Answer(status: 429, body: Array(#"{"ErrorCode":429,"Exception":"You reached \#(config.rateLimit) calls per minute API limit"}"#.utf8))
        case .http400Array:
            Answer(status: 400, body: Array(#"[{"ErrorCode":400,"Exception":"You have reached \#(config.rateLimit) calls per 60 seconds API limit."}]"#.utf8))
        }
    }

    private func perform(method: String, route: String, query: [String: String], body: [UInt8]) -> Answer {
        state.withLock { state in
            let shape = state.config.errorShape
            func failure(_ error: SimError) -> Answer {
                let model: [String: Any] = ["ErrorCode": error.code, "Exception": error.message]
                switch shape {
                case .array: return Answer(status: error.status, body: Self.serialise([model]))
                case .object: return Answer(status: error.status, body: Self.serialise(model))
                case .okWithErrorModel: return Answer(status: 200, body: Self.serialise([model]))
                }
            }
            var object: JSONObject = [:]
            if method == "POST" || method == "PUT" {
                guard !body.isEmpty, let parsed = try? JSONSerialization.jsonObject(with: Data(body)) as? JSONObject else {
                    return failure(SimError(status: 500, code: 500, message: "Could not parse the request body as JSON."))
                }
                object = parsed
            }
            do {
                let result = try state.handle(method: method, route: route, query: query, body: SimBody(object: object))
                return Answer(status: 200, body: Self.serialise(result))
            } catch let error as SimError {
                return failure(error)
            } catch {
                return failure(SimError(status: 500, code: 500, message: "An unexpected error has occurred."))
            }
        }
    }

    private static func serialise(_ value: Any) -> [UInt8] {
        Array((try? JSONSerialization.data(withJSONObject: value, options: [.fragmentsAllowed])) ?? Data("{}".utf8))
    }

    /// Query keys in lower case (Cin7 matches them case-insensitively); values percent-decoded.
    static func parseQuery(_ query: String?) -> [String: String] {
        guard let query, !query.isEmpty else { return [:] }
        var result: [String: String] = [:]
        for pair in query.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let key = String(parts[0]).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? String(parts[0])
            let value = parts.count > 1
                ? (String(parts[1]).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? String(parts[1])) : ""
            if result[key.lowercased()] == nil { result[key.lowercased()] = value }
        }
        return result
    }
}
