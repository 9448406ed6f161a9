/// Why a ShipStation call failed, classified for the engine (retry or ask a person) and explained in plain words.
/// Never carries a key or secret.
public enum ShipStationError: Error, Sendable, Equatable, CustomStringConvertible {
    /// 401: the API key and secret were refused (shipstation-api.md L52).
    case credentialsRejected
    /// 403 "Access denied" (L52): often a plan without API access.
    case forbidden(String)
    case notFound(String)
    /// 429 after waiting and retrying (L60): `resetSeconds` as the last answer said.
    case rateLimited(resetSeconds: Int?)
    /// 5xx, timeouts, connection loss.
    case transient(String)
    /// 400 `ModelState` messages (L72-L78).
    case validation([String])
    /// A JSON answer that could not be read.
    case malformed(String)
    /// HTML or another non-JSON answer: the base URL is not the ShipStation API.
    case notTheAPI(String)
    case invalidConfiguration(String)
    case unexpectedStatus(Int, String)

    /// Worth retrying later on its own.
    public var isTransient: Bool {
        switch self {
        case .rateLimited, .transient, .malformed: true
        default: false
        }
    }

    /// One actionable sentence. Never contains a secret.
    public var userMessage: String {
        switch self {
        case .credentialsRejected:
            "ShipStation rejected the API key and secret: copy them again from ShipStation → Settings → Account → API Settings (V1 API keys; V2 keys and regenerated old keys do not work)."
        case .forbidden(let message):
            "ShipStation denied access\(message.isEmpty ? "" : " (“\(message)”)"); the account's plan may not include API access."
        case .notFound(let what):
            "ShipStation could not find \(what)."
        case .rateLimited(let reset):
            "ShipStation is limiting calls for this API key (40 a minute, shared by every app using the key)\(reset.map { "; the limit resets in \($0) s" } ?? ""); it is tried again automatically."
        case .transient(let detail):
            "ShipStation did not answer properly (\(detail)); it will be tried again automatically."
        case .validation(let messages):
            "ShipStation refused the request: \(messages.isEmpty ? "no reason given" : messages.joined(separator: "; ")). Fix it and retry."
        case .malformed(let detail):
            "ShipStation sent an answer that could not be read (\(detail)); it will be tried again automatically."
        case .notTheAPI(let detail):
            "This address does not answer as the ShipStation API (\(detail)); check the base URL (https://ssapi.shipstation.com)."
        case .invalidConfiguration(let detail):
            "The ShipStation connection settings are not usable: \(detail)."
        case .unexpectedStatus(let status, let message):
            "ShipStation answered \(status)\(message.isEmpty ? "" : ": \(message)"); check the settings and retry."
        }
    }

    public var description: String { userMessage }

    /// A short class name for the audit log.
    public var outcome: String {
        switch self {
        case .credentialsRejected: "credentials"
        case .forbidden: "forbidden"
        case .notFound: "not_found"
        case .rateLimited: "throttled"
        case .transient: "transient"
        case .validation: "validation"
        case .malformed: "malformed"
        case .notTheAPI: "not_the_api"
        case .invalidConfiguration: "configuration"
        case .unexpectedStatus: "unexpected"
        }
    }
}
