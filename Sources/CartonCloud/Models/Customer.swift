import BridgeSupport

/// `GET /tenants/{t}/customers/{id}`.
public struct Customer: LenientDecodable, Sendable, Hashable, Identifiable {
    public var id: String
    public var name: String?
    public var references: References?
    public var email: String?
}
