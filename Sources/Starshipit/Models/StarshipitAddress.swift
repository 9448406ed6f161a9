import BridgeSupport

/// `destination` / `sender_details` of a full order (starshipit-api.md L131-137).
public struct StarshipitAddress: LenientDecodable, Sendable, Hashable {
    public var name: String?
    public var company: String?
    public var street: String?
    public var suburb: String?
    public var city: String?
    public var state: String?
    public var postCode: String?
    public var country: String?

    enum CodingKeys: String, CodingKey {
        case name, company, street, suburb, city, state
        case postCode = "post_code"
        case country
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        name = try container.decodeIfPresent(String.self, forKey: .name)
        company = try container.decodeIfPresent(String.self, forKey: .company)
        street = try container.decodeIfPresent(String.self, forKey: .street)
        suburb = try container.decodeIfPresent(String.self, forKey: .suburb)
        city = try container.decodeIfPresent(String.self, forKey: .city)
        state = try container.decodeIfPresent(String.self, forKey: .state)
        postCode = try container.decodeIfPresent(String.self, forKey: .postCode)
        country = try container.decodeIfPresent(String.self, forKey: .country)
    }
}
