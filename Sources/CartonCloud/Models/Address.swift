import BridgeSupport

/// A deliver address as CartonCloud echoes it (`details.deliver.address`).
public struct Address: LenientDecodable, Sendable, Hashable {
    public var companyName: String?
    public var contactName: String?
    public var address1: String?
    public var address2: String?
    public var suburb: String?
    public var city: String?
    public var state: StateRef?
    public var postcode: String?
    public var country: CountryRef?
    public var phone: String?
    public var email: String?
}
