import BridgeSupport
import Foundation

/// How to reach one Starshipit account: the API key selects the account, the subscription key the access tier and
/// rate limit (starshipit-api.md L16, L41). There is no token exchange (L44).
public struct StarshipitConfiguration: Sendable {
    public static let defaultBaseURL = URL(string: "https://api.starshipit.com")!

    public var baseURL: URL
    /// `StarShipIT-Api-Key`.
    public var apiKey: Secret
    /// `Ocp-Apim-Subscription-Key`.
    public var subscriptionKey: Secret
    /// The subscription's tier: sets `rate` unless that is given.
    public var tier: StarshipitRateTier
    /// Every call goes through this budget (L17).
    public var rate: RatePolicy
    /// Retries of reads and deletes (never of a create that may have been acted on).
    public var retry: RetryPolicy = RetryPolicy()
    /// How many 429 answers one call waits out before giving up with `rateLimited` (L56: queue and back off).
    public var maxThrottleRetries: Int = 6
    /// How long a 429 without `Retry-After` makes callers wait at first (L58-60); it doubles up to `maxThrottleCooldown`.
    public var throttleCooldown: TimeInterval = 1
    public var maxThrottleCooldown: TimeInterval = 30
    /// Seconds before one HTTP call is abandoned.
    public var timeout: TimeInterval = 30
    /// Allow plain HTTP to hosts other than loopback.
    public var allowInsecureHTTP: Bool = false
    /// Page size asked of `page`/`limit` lists (max 250, L28).
    public var pageSize: Int = 250

    public init(
        baseURL: URL = StarshipitConfiguration.defaultBaseURL,
        apiKey: Secret,
        subscriptionKey: Secret,
        tier: StarshipitRateTier = .developer,
        rate: RatePolicy? = nil,
        retry: RetryPolicy = RetryPolicy(),
        timeout: TimeInterval = 30,
        allowInsecureHTTP: Bool = false
    ) {
        self.baseURL = baseURL
        self.apiKey = apiKey
        self.subscriptionKey = subscriptionKey
        self.tier = tier
        self.rate = rate ?? tier.policy
        self.retry = retry
        self.timeout = timeout
        self.allowInsecureHTTP = allowInsecureHTTP
    }
}
