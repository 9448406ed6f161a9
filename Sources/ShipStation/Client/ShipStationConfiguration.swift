import BridgeSupport
import Foundation

/// How to reach one ShipStation account through the V1 API with one API key pair.
public struct ShipStationConfiguration: Sendable {
    public static let defaultBaseURL = URL(string: "https://ssapi.shipstation.com")!

    public var baseURL: URL
    public var apiKey: String
    public var apiSecret: Secret
    /// The documented limit: 40 calls a minute per key pair (shipstation-api.md L59).
    public var rate: RatePolicy
    /// Calls of the server's window left to other apps sharing the key (L63): when `X-Rate-Limit-Remaining` falls to
    /// this, callers wait for `X-Rate-Limit-Reset`.
    public var reserveForOtherApps: Int
    public var retry: RetryPolicy
    public var timeout: TimeInterval
    public var allowInsecureHTTP: Bool
    /// How long a 429 makes callers wait when it carries no `X-Rate-Limit-Reset`.
    public var throttleCooldown: TimeInterval

    public init(
        baseURL: URL = ShipStationConfiguration.defaultBaseURL,
        apiKey: String,
        apiSecret: Secret,
        rate: RatePolicy = RatePolicy(limit: 40, window: 60),
        reserveForOtherApps: Int = 2,
        retry: RetryPolicy = RetryPolicy(),
        timeout: TimeInterval = 30,
        allowInsecureHTTP: Bool = false,
        throttleCooldown: TimeInterval = 5
    ) {
        self.baseURL = baseURL
        self.apiKey = apiKey
        self.apiSecret = apiSecret
        self.rate = rate
        self.reserveForOtherApps = reserveForOtherApps
        self.retry = retry
        self.timeout = timeout
        self.allowInsecureHTTP = allowInsecureHTTP
        self.throttleCooldown = throttleCooldown
    }
}
