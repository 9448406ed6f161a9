import BridgeSupport

/// `address.country` as CartonCloud echoes it.
public struct CountryRef: LenientDecodable, Sendable, Hashable {
    public var iso2Code: String?
    public var iso3Code: String?
    public var name: String?
}
