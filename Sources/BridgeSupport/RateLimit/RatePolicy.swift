import Foundation

/// A call budget: at most `limit` calls in any sliding `window` of seconds (Cin7 Core: 60 per 60 s per API
/// application; CartonCloud: 30 order creates per 60 s per user).
public struct RatePolicy: Sendable, Equatable, Codable {
    public var limit: Int
    public var window: TimeInterval

    public init(limit: Int, window: TimeInterval) {
        precondition(limit > 0 && window > 0, "a rate policy needs a positive limit and window")
        self.limit = limit
        self.window = window
    }

    public static let cin7Core = RatePolicy(limit: 60, window: 60)
    public static let cartonCloudCreate = RatePolicy(limit: 30, window: 60)

    /// Calls per second this budget sustains.
    public var callsPerSecond: Double { Double(limit) / window }
}

/// Who is asking for a call. Background work leaves part of the budget to the flow of orders, so a backlog of
/// tracking updates or reconciliation never delays intake or writeback.
public enum CallPriority: Int, Sendable, Codable, CaseIterable, Comparable {
    /// Intake reads and fulfilment writes: the order flow.
    case high = 0
    /// Connection tests and operator actions.
    case normal = 1
    /// Tracking updates, reconciliation, previews.
    case background = 2

    public static func < (lhs: CallPriority, rhs: CallPriority) -> Bool { lhs.rawValue < rhs.rawValue }

    /// How many calls of `policy`'s window this priority must leave unused for higher ones.
    public func reserve(in policy: RatePolicy) -> Int {
        switch self {
        case .high: 0
        case .normal: policy.limit >= 10 ? 1 : 0
        case .background: policy.limit >= 4 ? max(1, policy.limit / 4) : 0
        }
    }
}

/// How much of a budget is in use right now.
public struct RateUsage: Sendable, Equatable, Codable {
    public var used: Int
    public var limit: Int
    public var window: TimeInterval
    /// Set while every caller waits out a throttle response.
    public var blockedUntil: Date?

    public init(used: Int, limit: Int, window: TimeInterval, blockedUntil: Date? = nil) {
        self.used = used
        self.limit = limit
        self.window = window
        self.blockedUntil = blockedUntil
    }

    public var fraction: Double { limit == 0 ? 0 : min(1, Double(used) / Double(limit)) }
}
