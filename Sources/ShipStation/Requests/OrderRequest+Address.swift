extension OrderRequest {
    /// `billTo`/`shipTo` (shipstation-api.md §6.2): `country` is the two-letter ISO code and required (L129).
    public struct AddressRequest: Encodable, Sendable, Equatable {
        public var name: String
        public var company: String?
        public var street1: String?
        public var street2: String?
        public var street3: String?
        public var city: String?
        public var state: String?
        public var postalCode: String?
        public var country: String?
        public var phone: String?
        public var residential: Bool?

        public init(
            name: String,
            company: String? = nil,
            street1: String? = nil,
            street2: String? = nil,
            street3: String? = nil,
            city: String? = nil,
            state: String? = nil,
            postalCode: String? = nil,
            country: String? = nil,
            phone: String? = nil,
            residential: Bool? = nil
        ) {
            self.name = name
            self.company = company
            self.street1 = street1
            self.street2 = street2
            self.street3 = street3
            self.city = city
            self.state = state
            self.postalCode = postalCode
            self.country = country
            self.phone = phone
            self.residential = residential
        }
    }
}
