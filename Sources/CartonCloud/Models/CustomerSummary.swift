import BridgeSupport

/// An element of `GET /tenants/{t}/customers`.
public struct CustomerSummary: LenientDecodable, Sendable, Hashable, Identifiable {
    public var id: String
    public var name: String?
}
