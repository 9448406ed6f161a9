import BridgeSupport

/// The access tier a subscription key selects (starshipit-api.md L41): it sets the rate limit.
public enum StarshipitRateTier: String, Sendable, Codable, CaseIterable {
    /// 2 requests per second (starshipit-api.md L17, L55).
    case developer
    /// 20 requests per second, after Starshipit approves it (L17, L55).
    case production

    /// The budget every call of one subscription key goes through.
    public var policy: RatePolicy {
        switch self {
        case .developer: RatePolicy(limit: 2, window: 1)
        case .production: RatePolicy(limit: 20, window: 1)
        }
    }

    public var displayName: String {
        switch self {
        case .developer: "Developer (2 requests per second)"
        case .production: "Production (20 requests per second)"
        }
    }
}
