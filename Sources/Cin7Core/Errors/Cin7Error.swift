import Foundation

/// Everything a Cin7 call can fail with, classified for the engine (transient → retry later; the rest → a person acts).
/// Messages never contain credentials.
public enum Cin7Error: Error, Sendable, Equatable, CustomStringConvertible {
    /// Cin7's rate limit answered (503, 429 or a 400 "calls per 60 seconds") and retries were used up.
    case throttled
    /// A 5xx, timeout or lost connection. For a POST the write may or may not have happened: reconcile before re-sending.
    case transient(String)
    /// A 200 answer that is not the API (an HTML page): the base URL is wrong.
    case notTheAPI(url: String)
    /// 403 / "Incorrect credentials!".
    case credentialsRejected
    /// Cin7's `ErrorCode`/`Exception` message (in an array, a bare object, or even with status 200).
    case validation(String)
    /// 404, or Cin7 said the record does not exist.
    case notFound(String)
    /// The answer could not be read.
    case malformed(String)
    /// Plain HTTP to a host that is not this machine.
    case insecureURL(String)

    public var isTransient: Bool {
        switch self {
        case .throttled, .transient, .malformed: true
        default: false
        }
    }

    /// A pick, pack or ship that is already AUTHORISED in Cin7 ("… Status is AUTHORISED …"): the step is done.
    public var isAlreadyAuthorised: Bool {
        if case .validation(let message) = self {
            let text = message.uppercased()
            return text.contains("STATUS IS AUTHORISED") || text.contains("ALREADY AUTHORISED")
                || text.contains("STATUS IS PARTIALLY AUTHORISED")
        }
        return false
    }

    /// A sentence a warehouse user can act on.
    public var userMessage: String {
        switch self {
        case .throttled:
            "Cin7 Core is limiting how fast this API application may call it (60 calls a minute). The bridge waits and tries again; if this persists, check whether other apps share the same Application Key."
        case .transient(let detail):
            "Cin7 Core did not answer properly (\(detail)). The bridge will try again."
        case .notTheAPI(let url):
            "This address does not answer as the Cin7 Core API (\(url)). Check the base URL (normally https://inventory.dearsystems.com/ExternalApi/v2/)."
        case .credentialsRejected:
            "Cin7 rejected the Account ID or Application Key. Check them under Integrations → API in Cin7 Core."
        case .validation(let message):
            "Cin7 Core refused the request: \(message)"
        case .notFound(let what):
            "Cin7 Core could not find \(what)."
        case .malformed(let detail):
            "Cin7 Core sent an answer the bridge could not read (\(detail)). The bridge will try again; if this persists, report it."
        case .insecureURL(let url):
            "\(url) uses plain HTTP. Only HTTPS is allowed for Cin7 Core outside this machine."
        }
    }

    public var description: String {
        switch self {
        case .throttled: "throttled"
        case .transient(let detail): "transient: \(detail)"
        case .notTheAPI(let url): "not the API: \(url)"
        case .credentialsRejected: "credentials rejected"
        case .validation(let message): "validation: \(message)"
        case .notFound(let what): "not found: \(what)"
        case .malformed(let detail): "malformed: \(detail)"
        case .insecureURL(let url): "insecure URL: \(url)"
        }
    }

    /// The short outcome name used in `APICallRecord.outcome`.
    public var outcome: String {
        switch self {
        case .throttled: "throttled"
        case .transient: "transient"
        case .notTheAPI: "not_the_api"
        case .credentialsRejected: "rejected_credentials"
        case .validation: "validation"
        case .notFound: "not_found"
        case .malformed: "malformed"
        case .insecureURL: "insecure_url"
        }
    }
}
