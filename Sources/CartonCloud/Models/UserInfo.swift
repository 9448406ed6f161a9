import BridgeSupport

/// `GET /uaa/userinfo`.
public struct UserInfo: LenientDecodable, Sendable, Hashable {
    public struct Tenant: LenientDecodable, Sendable, Hashable {
        public var id: String
        public var name: String?
    }

    public var id: String?
    public var name: String?
    public var email: String?
    public var tenants: [Tenant]
}
