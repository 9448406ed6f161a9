import BridgeSupport
import Foundation

/// The Starshipit REST API client: two key headers, the `{"success", "errors"}` envelope, orders, lists with each
/// end point's own paging, printed shipments and deletes.
///
/// **Every call goes through `governor`** (one budget per subscription key: 2 per second on Developer, 20 on
/// Production; starshipit-api.md L17, L41). A 429 is waited out together by every caller and re-sent, since it was
/// not acted on (L56-60). **Creates are never re-sent blindly**: Starshipit documents no idempotency (L21, L171), so
/// a create whose outcome is unknown throws `.transient` and the caller looks the number up with
/// `orders(numbered:)` before creating again (L181-183). Reads and deletes retry transient failures.
public final class StarshipitClient: Sendable {
    public static let service = "starshipit"

    public let configuration: StarshipitConfiguration
    public let governor: RateGovernor
    let transport: any HTTPTransport
    /// The clock calls are timed and paced by (the adapter dates its windows by it).
    public let clock: any BridgeClock
    private let observer: APICallObserver?

    public init(
        configuration: StarshipitConfiguration,
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
                key: RateGovernor.budgetKey(service: Self.service, account: "subscription", secret: configuration.subscriptionKey.reveal()),
                policy: configuration.rate,
                clock: clock
            )
        self.clock = clock
        self.observer = observer
    }

    // MARK: Plumbing

    /// A 429 answer (not acted on), with its `Retry-After` when it has one.
    private struct Throttled: Error {
        var retryAfter: TimeInterval?
    }

    /// One call through the budget: 429s are waited out and re-sent; transient failures of idempotent calls are
    /// retried with `configuration.retry`; `parse` turns a successful answer into the result.
    func perform<T: Sendable>(
        _ method: String,
        _ path: String,
        query: [(String, String)] = [],
        body: [UInt8]? = nil,
        idempotent: Bool,
        priority: CallPriority = .high,
        parse: @Sendable (HTTPResponseSpec) throws -> T
    ) async throws -> T {
        let url = try makeURL(path, query: query)
        var attempt = 1
        var throttles = 0
        while true {
            do {
                let response = try await governor.withSlot(priority: priority) {
                    let response = try await self.send(method, url, body: body)
                    if response.status == 429 { throw Throttled(retryAfter: Self.retryAfter(response)) }
                    return response
                }
                try Self.check(response)
                return try parse(response)
            } catch let throttled as Throttled {
                throttles += 1
                guard throttles <= configuration.maxThrottleRetries else { throw StarshipitError.rateLimited }
                // starshipit-api.md L56-60: honour Retry-After when present, else back off (doubling) together.
                if let wait = throttled.retryAfter {
                    await governor.throttled(cooldown: min(max(wait, 0), 300))
                } else {
                    await governor.throttled(
                        base: configuration.throttleCooldown,
                        cap: max(configuration.throttleCooldown, configuration.maxThrottleCooldown)
                    )
                }
            } catch let error as StarshipitError where error.isTransient {
                guard idempotent, attempt < configuration.retry.maxAttempts else { throw error }
                try await clock.sleep(seconds: configuration.retry.backoff.delay(forAttempt: attempt))
                attempt += 1
            }
        }
    }

    func makeURL(_ path: String, query: [(String, String)]) throws -> URL {
        var base = configuration.baseURL.absoluteString
        while base.hasSuffix("/") { base.removeLast() }
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        var text = base + path
        if !query.isEmpty {
            text +=
                "?"
                + query.map { name, value in
                    "\(name)=\(value.addingPercentEncoding(withAllowedCharacters: allowed) ?? value)"
                }
                .joined(separator: "&")
        }
        guard let url = URL(string: text), url.scheme != nil else {
            throw StarshipitError.invalidConfiguration("the base URL \(base) is not valid")
        }
        return url
    }

    /// Sends one HTTP call with both keys (L35-40) and reports it to the observer (never headers or bodies).
    private func send(_ method: String, _ url: URL, body: [UInt8]?) async throws -> HTTPResponseSpec {
        let started = clock.now
        let path = url.path + (url.query.map { "?" + $0 } ?? "")
        var headers: [(name: String, value: String)] = [
            ("StarShipIT-Api-Key", configuration.apiKey.reveal()),
            ("Ocp-Apim-Subscription-Key", configuration.subscriptionKey.reveal()),
            ("Accept", "application/json"),
        ]
        if body != nil { headers.append(("Content-Type", "application/json")) }
        let request = HTTPRequestSpec(method: method, url: url, headers: headers, body: body, timeout: configuration.timeout)
        do {
            let response = try await transport.send(request)
            report(method, path, status: response.status, started: started, outcome: Self.outcome(response))
            return response
        } catch let error as TransportError {
            let mapped: StarshipitError =
                switch error {
                case .timedOut: .transient("no answer within \(Int(configuration.timeout)) s")
                case .connection(let detail): .transient("connection failed or was lost: \(detail)")
                case .insecureURL: .invalidConfiguration(error.description)
                case .responseTooLarge(let size): .malformed("the answer was larger than \(size) bytes")
                case .untrustedCertificate: .transient(error.description)
                }
            report(method, path, status: nil, started: started, outcome: mapped.outcome)
            throw mapped
        } catch is CancellationError {
            throw CancellationError()
        } catch {
            report(method, path, status: nil, started: started, outcome: "transient")
            throw StarshipitError.transient(String(describing: error))
        }
    }

    private func report(_ method: String, _ path: String, status: Int?, started: Date, outcome: String) {
        observer?(
            APICallRecord(
                service: Self.service,
                method: method,
                path: path,
                status: status,
                startedAt: started,
                duration: clock.now.timeIntervalSince(started),
                outcome: outcome
            )
        )
    }

    private static func outcome(_ response: HTTPResponseSpec) -> String {
        switch response.status {
        case 200..<300: (try? check(response)) == nil ? "rejected" : "ok"
        case 401: "unauthorized"
        case 403: "forbidden"
        case 404: "not_found"
        case 409: "duplicate"
        case 400, 422: "validation"
        case 429: "throttled"
        case 500...: "transient"
        default: "error"
        }
    }

    private static func retryAfter(_ response: HTTPResponseSpec) -> TimeInterval? {
        response.header("Retry-After").flatMap { TimeInterval($0.trimmingCharacters(in: .whitespaces)) }
    }

    static func looksLikeJSON(_ response: HTTPResponseSpec) -> Bool {
        guard let first = response.body.first(where: { ![0x20, 0x09, 0x0A, 0x0D].contains($0) }) else { return false }
        return first == UInt8(ascii: "{") || first == UInt8(ascii: "[")
    }

    static func envelope(_ response: HTTPResponseSpec) -> StarshipitEnvelope? {
        try? JSONDecoder().decode(StarshipitEnvelope.self, from: Data(response.body))
    }

    /// Throws the classified error of a failed answer: non-2xx, **or** 2xx with `success: false` (L72).
    static func check(_ response: HTTPResponseSpec) throws {
        let status = response.status
        if (200..<300).contains(status) {
            guard !response.body.isEmpty else { return }
            guard looksLikeJSON(response) else {
                throw StarshipitError.notTheAPI("the answer was not JSON (\(response.header("Content-Type") ?? "no content type"))")
            }
            guard let envelope = envelope(response) else { throw StarshipitError.malformed("the answer could not be read") }
            if envelope.success == false {
                let messages = envelope.messages
                // 200 + success:false for a missing order (the simulator's switch, L193).
                if messages.contains(where: { $0.lowercased().contains("not found") }) {
                    throw StarshipitError.notFound(messages.joined(separator: "; "))
                }
                throw StarshipitError.validation(messages)
            }
            return
        }
        if status >= 500 { throw StarshipitError.transient("Starshipit answered \(status)") }
        if !looksLikeJSON(response), !response.body.isEmpty {
            throw StarshipitError.notTheAPI("status \(status), \(response.header("Content-Type") ?? "no content type")")
        }
        let envelope = envelope(response)
        let messages = envelope?.messages ?? []
        let summary = messages.joined(separator: "; ")
        switch status {
        case 401:
            // L45-48: the gateway (APIM) refuses the subscription key with `{statusCode, message}` naming it;
            // Starshipit itself refuses the API key with its envelope.
            if envelope?.message != nil || summary.lowercased().contains("subscription") {
                throw StarshipitError.subscriptionKeyRejected(envelope?.message ?? summary)
            }
            throw StarshipitError.apiKeyRejected
        case 403: throw StarshipitError.forbidden(summary)
        case 404: throw StarshipitError.notFound(summary.isEmpty ? "the requested order" : summary)
        case 409:
            let details = envelope?.errors.compactMap(\.details).first { !$0.isEmpty }
            throw StarshipitError.duplicateOrderNumber(details ?? summary)
        case 400, 422: throw StarshipitError.validation(messages)
        default: throw StarshipitError.unexpectedStatus(status, summary)
        }
    }

    static func decode<T: Decodable>(_ type: T.Type, _ response: HTTPResponseSpec) throws -> T {
        do {
            return try JSONDecoder().decode(type, from: Data(response.body))
        } catch {
            throw StarshipitError.malformed("the answer could not be decoded as \(T.self)")
        }
    }
}
