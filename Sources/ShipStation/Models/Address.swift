import BridgeSupport

/// A ship-to or bill-to address as ShipStation returns it (shipstation-api.md §6.2, L128).
public struct Address: LenientDecodable, Sendable, Hashable {
    public var name: String?
    public var company: String?
    public var street1: String?
    public var street2: String?
    public var street3: String?
    public var city: String?
    public var state: String?
    public var postalCode: String?
    /// Two-letter ISO code (L129).
    public var country: String?
    public var phone: String?
    public var residential: Bool?
    /// Read-only validation text (L131).
    public var addressVerified: String?
}
