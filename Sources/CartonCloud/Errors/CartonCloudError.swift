import Foundation

/// Why a CartonCloud call failed, classified for the engine (retry or ask a person) and explained for warehouse staff.
public enum CartonCloudError: Error, Sendable, Equatable, CustomStringConvertible {
    /// 429: the API's rate limit applied (the create budget should prevent it).
    case rateLimited
    /// 5xx, timeouts, connection loss. For a create the outcome is unknown: reconcile by reference before re-sending.
    case transient(String)
    /// The token end point refused the client id / secret (401, 400 invalid_client), or a fresh token was refused.
    case credentialsRejected
    /// 403: the API client lacks a role. `roles` are the ones the call needs ("WMS Create Jobs", and "TMS Create
    /// Jobs" for creates when consignments are generated automatically); `message` is CartonCloud's own text.
    case forbidden(roles: [String], message: String)
    case notFound(String)
    /// 400 / 422 (other than DUPLICATE): the request was refused for its content.
    case validation([String])
    /// The order's status is not one the tenant allows deleting in.
    case deleteNotAllowed(status: String)
    /// A JSON answer we could not read: usually a body cut short or garbled on the way, so worth retrying; a create
    /// that answered this way may have happened, so it is reconciled by reference before re-sending.
    case malformed(String)
    /// HTML or another non-JSON answer: the base URL is not the CartonCloud API.
    case notTheAPI(String)
    /// A configuration problem found before calling (plain HTTP to a remote host…).
    case invalidConfiguration(String)
    /// Any other status (405, 406, 409, 412…).
    case unexpectedStatus(Int, String)

    /// Worth retrying later on its own.
    public var isTransient: Bool {
        switch self {
        case .rateLimited, .transient, .malformed: true
        default: false
        }
    }

    /// One actionable sentence for warehouse staff. Never contains a secret.
    public var userMessage: String {
        switch self {
        case .rateLimited:
            "CartonCloud is limiting how fast orders can be sent; they will be sent again automatically in a moment."
        case .transient(let detail):
            "CartonCloud did not answer properly (\(detail)); it will be tried again automatically."
        case .credentialsRejected:
            "CartonCloud refused the client ID or client secret; check them under More → Self-Managed Integrations in CartonCloud."
        case .forbidden(let roles, let message):
            "CartonCloud refused access\(message.isEmpty ? "" : " (“\(message)”)"); the API client needs "
                + (roles.isEmpty ? "a role it lacks" : roles.map { "the “\($0)” role" }.joined(separator: " and "))
                + (roles.contains("TMS Create Jobs")
                    ? " (“TMS Create Jobs” only when the customer generates consignments from sale orders automatically)" : "")
                + "; ask a CartonCloud administrator to add it to the API client."
        case .notFound(let what):
            // CartonCloud's own text often says it already ("Customer not found"): quote it rather than repeat it.
            (what.lowercased().contains("not found") ? "CartonCloud answered “\(what)”" : "CartonCloud could not find \(what)")
                + "; check the tenant, customer and warehouse IDs in the integration settings."
        case .validation(let messages):
            "CartonCloud refused the order: \(messages.isEmpty ? "no reason given" : messages.joined(separator: "; ")). Fix it and retry."
        case .deleteNotAllowed(let status):
            "CartonCloud does not allow deleting an order in status \(status) for this tenant; handle it in CartonCloud or re-send it under a new reference."
        case .malformed(let detail):
            "CartonCloud sent an answer that could not be read (\(detail)); it will be tried again automatically. If this persists, report it."
        case .notTheAPI(let detail):
            "This address does not answer as the CartonCloud API (\(detail)); check the base URL (https://api.cartoncloud.com or https://api.na.cartoncloud.com)."
        case .invalidConfiguration(let detail):
            "The CartonCloud connection settings are not usable: \(detail)."
        case .unexpectedStatus(let status, let message):
            "CartonCloud answered \(status)\(message.isEmpty ? "" : ": \(message)"); check the integration settings and retry."
        }
    }

    public var description: String { userMessage }

    /// A short class name for the audit log.
    public var outcome: String {
        switch self {
        case .rateLimited: "throttled"
        case .transient: "transient"
        case .credentialsRejected: "credentials"
        case .forbidden: "forbidden"
        case .notFound: "not_found"
        case .validation: "validation"
        case .deleteNotAllowed: "delete_not_allowed"
        case .malformed: "malformed"
        case .notTheAPI: "not_the_api"
        case .invalidConfiguration: "configuration"
        case .unexpectedStatus: "unexpected"
        }
    }
}
