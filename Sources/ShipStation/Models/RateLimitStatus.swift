import Foundation

/// The last `X-Rate-Limit-*` headers seen (shipstation-api.md §3, L59): the key pair's budget, shared with every other
/// app that uses it (L63).
public struct RateLimitStatus: Sendable, Hashable {
    /// Calls per window (40 documented).
    public var limit: Int
    public var remaining: Int
    /// Seconds until the window resets.
    public var resetSeconds: Int
    public var seenAt: Date

    public init(limit: Int, remaining: Int, resetSeconds: Int, seenAt: Date) {
        self.limit = limit
        self.remaining = remaining
        self.resetSeconds = resetSeconds
        self.seenAt = seenAt
    }
}
