/// How a call to a warehouse platform failed, the same way for every platform; `ReasonCode.warehouse` pairs it with
/// the platform, so a reason reads "ShipStation rejected the credentials" rather than a platform's private code.
public enum WarehouseFailure: String, Sendable, CaseIterable {
    case throttled
    case transient
    case credentials
    case forbidden
    case notFound = "not_found"
    case validation
    case deleteNotAllowed = "delete_not_allowed"
    case malformed
    case notTheAPI = "not_the_api"
    case configuration
    case unexpected
    /// The platform refused a second order with the same number (Starshipit, when so configured).
    case duplicate

    /// What a person should do, naming the platform's own credentials and screens.
    func advice(_ platform: WarehousePlatform) -> String {
        let name = platform.displayName
        switch self {
        case .credentials:
            let credentials =
                switch platform {
                case .cartonCloud: "client ID and client secret"
                case .shipStation: "API key and API secret"
                case .starshipit: "API key and subscription key"
                }
            return "Check the \(name) \(credentials) in the wizard (c on the dashboard), then retry (r)."
        case .forbidden:
            return platform == .cartonCloud
                ? "Ask a CartonCloud administrator to give the API client the role named above, then retry (r)."
                : "\(name) refused access: check that the account's plan includes API access, then retry (r)."
        case .notTheAPI, .configuration:
            return "Check the \(name) connection settings in the wizard (c on the dashboard), then retry (r)."
        case .notFound:
            return platform == .cartonCloud
                ? "Check the tenant, customer and warehouses in the wizard (c on the dashboard), then retry (r)."
                : "Check the \(name) warehouses and store in the wizard (c on the dashboard), then retry (r)."
        case .throttled, .transient, .malformed:
            return "Retried automatically with backoff; press r to retry now."
        case .validation, .deleteNotAllowed, .unexpected, .duplicate:
            return "Fix the cause named above, then press r to retry, or s to skip with a note."
        }
    }
}
