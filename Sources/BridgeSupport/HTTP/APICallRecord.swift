import Foundation

/// One external call as the audit log keeps it: never headers or bodies, so never a secret.
public struct APICallRecord: Sendable, Equatable, Codable {
    /// `cin7` or `cartoncloud`.
    public var service: String
    public var method: String
    /// Path and query, without host.
    public var path: String
    /// nil when no response arrived.
    public var status: Int?
    /// When the call was sent (the audit row's time: calls are saved in batches).
    public var startedAt: Date
    public var duration: TimeInterval
    /// `ok`, or the error class (`throttled`, `transient`, `rejected`, …).
    public var outcome: String
    /// What the call was for, from `APICallContext.current` when it was made (the engine sets a shipment unit id).
    public var context: String?

    public init(
        service: String,
        method: String,
        path: String,
        status: Int?,
        startedAt: Date,
        duration: TimeInterval,
        outcome: String,
        context: String? = APICallContext.current
    ) {
        self.service = service
        self.method = method
        self.path = path
        self.status = status
        self.startedAt = startedAt
        self.duration = duration
        self.outcome = outcome
        self.context = context
    }
}

/// Receives every external call a client makes (for the audit log and budget display).
public typealias APICallObserver = @Sendable (APICallRecord) -> Void

/// Ties the calls made inside a task to what they were for, without threading a parameter through every client.
public enum APICallContext {
    @TaskLocal public static var current: String?
}
