import SyncEngine

/// One attention reason with its count (retry-all-with-this-reason).
public struct AttentionGroup: Sendable, Equatable {
    public var code: ReasonCode
    public var reason: String
    public var count: Int
    public init(code: ReasonCode, reason: String, count: Int) {
        self.code = code
        self.reason = reason
        self.count = count
    }
}
