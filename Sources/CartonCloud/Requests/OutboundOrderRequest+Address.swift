extension OutboundOrderRequest {
    /// `details.deliver.address`. Blank text and a blank state or country are sent as `null`.
    public struct Address: Encodable, Sendable, Hashable {
        /// `state`: by code (`QLD`) or by name.
        public enum State: Encodable, Sendable, Hashable {
            case code(String)
            case name(String)

            public func encode(to encoder: any Encoder) throws {
                switch self {
                case .code(let code): try encoder.encodeSingleField("code", code)
                case .name(let name): try encoder.encodeSingleField("name", name)
                }
            }
        }

        /// `country`: by ISO 3166 code or by name.
        public enum Country: Encodable, Sendable, Hashable {
            case iso2Code(String)
            case iso3Code(String)
            case name(String)

            public func encode(to encoder: any Encoder) throws {
                switch self {
                case .iso2Code(let code): try encoder.encodeSingleField("iso2Code", code)
                case .iso3Code(let code): try encoder.encodeSingleField("iso3Code", code)
                case .name(let name): try encoder.encodeSingleField("name", name)
                }
            }
        }

        public var companyName: String?
        public var contactName: String?
        public var address1: String?
        public var address2: String?
        public var suburb: String?
        public var city: String?
        public var state: State?
        public var postcode: String?
        public var country: Country?
        public var phone: String?
        public var email: String?

        public init(
            companyName: String? = nil,
            contactName: String? = nil,
            address1: String? = nil,
            address2: String? = nil,
            suburb: String? = nil,
            city: String? = nil,
            state: State? = nil,
            postcode: String? = nil,
            country: Country? = nil,
            phone: String? = nil,
            email: String? = nil
        ) {
            self.companyName = companyName
            self.contactName = contactName
            self.address1 = address1
            self.address2 = address2
            self.suburb = suburb
            self.city = city
            self.state = state
            self.postcode = postcode
            self.country = country
            self.phone = phone
            self.email = email
        }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: JSONKey.self)
            let texts = [
                "companyName": companyName, "contactName": contactName, "address1": address1, "address2": address2,
                "suburb": suburb, "city": city, "postcode": postcode, "phone": phone, "email": email,
            ]
            for (key, value) in texts { try container.encode(NullableText(value), forKey: JSONKey(stringValue: key)) }
            try container.encode(state, forKey: "state")
            try container.encode(country, forKey: "country")
        }
    }
}

extension Encoder {
    /// `{"<key>": value}`, or `null` when `value` is empty.
    fileprivate func encodeSingleField(_ key: String, _ value: String) throws {
        guard !value.isEmpty else {
            var container = singleValueContainer()
            try container.encodeNil()
            return
        }
        var container = self.container(keyedBy: JSONKey.self)
        try container.encode(value, forKey: JSONKey(stringValue: key))
    }
}
