import BridgeSupport
import Foundation

/// How to reach one CartonCloud tenant as one API client (a "Self-Managed Integration": tenant id, client id,
/// client secret).
public struct CartonCloudConfiguration: Sendable {
    public static let defaultBaseURL = URL(string: "https://api.cartoncloud.com")!
    public static let northAmericaBaseURL = URL(string: "https://api.na.cartoncloud.com")!

    public var baseURL: URL
    public var tenantID: String
    public var clientID: String
    public var clientSecret: Secret
    /// The documented create limit: 30 outbound-order creates per minute per user.
    public var createRate: RatePolicy = .cartonCloudCreate
    /// Retries of reads, searches and deletes (never of a create that may have been acted on).
    public var retry: RetryPolicy = RetryPolicy()
    /// Seconds before one HTTP call is abandoned.
    public var timeout: TimeInterval = 30
    /// Allow plain HTTP to hosts other than loopback.
    public var allowInsecureHTTP: Bool = false
    /// The offset used when sending date-times in search conditions (`2026-03-13T12:10:04+10:00`).
    public var timeZone: TimeZone = .current
    /// How long a 429 makes callers wait when the answer says nothing about it.
    public var throttleCooldown: TimeInterval = 2

    public init(
        baseURL: URL = CartonCloudConfiguration.defaultBaseURL,
        tenantID: String,
        clientID: String,
        clientSecret: Secret,
        createRate: RatePolicy = .cartonCloudCreate,
        retry: RetryPolicy = RetryPolicy(),
        timeout: TimeInterval = 30,
        allowInsecureHTTP: Bool = false
    ) {
        self.baseURL = baseURL
        self.tenantID = tenantID
        self.clientID = clientID
        self.clientSecret = clientSecret
        self.createRate = createRate
        self.retry = retry
        self.timeout = timeout
        self.allowInsecureHTTP = allowInsecureHTTP
    }
}
