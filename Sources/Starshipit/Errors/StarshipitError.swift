/// Why a Starshipit call failed, classified for the engine (retry or ask a person) and explained in plain words.
public enum StarshipitError: Error, Sendable, Equatable, CustomStringConvertible {
    /// 429: over the subscription's rate (2 per second on Developer, 20 on Production; starshipit-api.md L17, L56).
    case rateLimited
    /// 5xx, timeouts, connection loss (L75). For a create the outcome is unknown: look the order number up first.
    case transient(String)
    /// 401 with Starshipit's envelope: the `StarShipIT-Api-Key` selects no account (L41, L48).
    case apiKeyRejected
    /// 401 from the API gateway (APIM): the `Ocp-Apim-Subscription-Key` is missing or not an active subscription
    /// (L45-47). `message` is the gateway's own text.
    case subscriptionKeyRejected(String)
    /// 403: the subscription or plan does not give access to this call.
    case forbidden(String)
    case notFound(String)
    /// 400, or 200 with `success: false` (L69-73): refused for its content.
    case validation([String])
    /// 409 "Order number already exists" (L173, L185): the account refuses a second order with this number.
    case duplicateOrderNumber(String)
    /// Deleting is allowed only while unshipped (L222); `status` is the order's.
    case deleteNotAllowed(status: String)
    /// A JSON answer that could not be read (cut short or garbled): retried.
    case malformed(String)
    /// HTML or another non-JSON answer: the base URL is not the Starshipit API.
    case notTheAPI(String)
    /// A configuration problem found before calling (plain HTTP to a remote host, a bad base URL…).
    case invalidConfiguration(String)
    case unexpectedStatus(Int, String)

    /// Worth retrying later on its own.
    public var isTransient: Bool {
        switch self {
        case .rateLimited, .transient, .malformed: true
        default: false
        }
    }

    /// One actionable sentence. Never contains a key.
    public var userMessage: String {
        switch self {
        case .rateLimited:
            "Starshipit is limiting how fast calls can be made (Developer subscriptions allow 2 per second); they are sent again automatically."
        case .transient(let detail):
            "Starshipit did not answer properly (\(detail)); it will be tried again automatically."
        case .apiKeyRejected:
            "Starshipit refused the API key: copy the “API key” from Starshipit → Settings → API into the wizard."
        case .subscriptionKeyRejected(let message):
            "Starshipit's gateway refused the subscription key\(message.isEmpty ? "" : " (“\(message)”)"): copy the “Subscription key” "
                + "from Starshipit → Settings → API into the wizard, and check the subscription is active."
        case .forbidden(let message):
            "Starshipit refused access\(message.isEmpty ? "" : " (“\(message)”)"): the subscription or plan does not include this call; "
                + "check the plan and the API subscription under Starshipit → Settings → API."
        case .notFound(let what):
            "Starshipit could not find \(what)."
        case .validation(let messages):
            "Starshipit refused the request: \(messages.isEmpty ? "no reason given" : messages.joined(separator: "; ")). Fix it and retry."
        case .duplicateOrderNumber(let number):
            "Starshipit already has an order numbered \(number)."
        case .deleteNotAllowed(let status):
            "Starshipit deletes only unshipped orders; this one is \(status): deal with it in Starshipit (archive it) or at the courier."
        case .malformed(let detail):
            "Starshipit sent an answer that could not be read (\(detail)); it will be tried again automatically."
        case .notTheAPI(let detail):
            "This address does not answer as the Starshipit API (\(detail)); check the base URL (https://api.starshipit.com)."
        case .invalidConfiguration(let detail):
            "The Starshipit connection settings are not usable: \(detail)."
        case .unexpectedStatus(let status, let message):
            "Starshipit answered \(status)\(message.isEmpty ? "" : ": \(message)"); check the integration settings and retry."
        }
    }

    public var description: String { userMessage }

    /// A short class name for the audit log.
    public var outcome: String {
        switch self {
        case .rateLimited: "throttled"
        case .transient: "transient"
        case .apiKeyRejected: "api_key"
        case .subscriptionKeyRejected: "subscription_key"
        case .forbidden: "forbidden"
        case .notFound: "not_found"
        case .validation: "validation"
        case .duplicateOrderNumber: "duplicate"
        case .deleteNotAllowed: "delete_not_allowed"
        case .malformed: "malformed"
        case .notTheAPI: "not_the_api"
        case .invalidConfiguration: "configuration"
        case .unexpectedStatus: "unexpected"
        }
    }
}
