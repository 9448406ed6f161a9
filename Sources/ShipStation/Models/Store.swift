import BridgeSupport

/// A selling channel, `GET /stores` (shipstation-api.md §13, L288). API orders go to the first manual store unless
/// `storeId` is set.
public struct Store: LenientDecodable, Sendable, Hashable {
    public var storeId: Int?
    public var storeName: String?
    public var marketplaceId: Int?
    public var marketplaceName: String?
    public var active: Bool?
}
