/// One attention reason with its count (retry-all-with-this-reason).
public struct AttentionGroup: Sendable, Equatable {
    public var code: String
    public var reason: String
    public var count: Int
    public init(code: String, reason: String, count: Int) {
        self.code = code
        self.reason = reason
        self.count = count
    }
}
