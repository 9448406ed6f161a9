/// `destination` of a created order (starshipit-api.md L131-137): `suburb` is the locality in Australia and New
/// Zealand, `country` the full English name (L134, L137).
public struct StarshipitAddressRequest: Sendable, Encodable, Equatable {
    public var name: String?
    public var company: String?
    public var building: String?
    public var street: String?
    public var suburb: String?
    public var city: String?
    public var state: String?
    public var postCode: String?
    public var country: String?
    public var phone: String?
    public var email: String?
    public var deliveryInstructions: String?

    public init(
        name: String? = nil,
        company: String? = nil,
        building: String? = nil,
        street: String? = nil,
        suburb: String? = nil,
        city: String? = nil,
        state: String? = nil,
        postCode: String? = nil,
        country: String? = nil,
        phone: String? = nil,
        email: String? = nil,
        deliveryInstructions: String? = nil
    ) {
        self.name = name
        self.company = company
        self.building = building
        self.street = street
        self.suburb = suburb
        self.city = city
        self.state = state
        self.postCode = postCode
        self.country = country
        self.phone = phone
        self.email = email
        self.deliveryInstructions = deliveryInstructions
    }

    enum CodingKeys: String, CodingKey {
        case name, company, building, street, suburb, city, state
        case postCode = "post_code"
        case country, phone, email
        case deliveryInstructions = "delivery_instructions"
    }

    /// The documented length limits (L132): name ≤ 100, post_code ≤ 10, country 2–100, delivery_instructions ≤ 100.
    var problems: [String] {
        var problems: [String] = []
        if let name, name.count > 100 { problems.append("destination name must be at most 100 characters") }
        if let postCode, postCode.count > 10 { problems.append("post_code must be at most 10 characters") }
        if let country, !(2...100).contains(country.count) { problems.append("country must be 2–100 characters") }
        if let deliveryInstructions, deliveryInstructions.count > 100 {
            problems.append("delivery_instructions must be at most 100 characters")
        }
        return problems
    }
}
