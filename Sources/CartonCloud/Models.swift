import Foundation

// Models spelled as CartonCloud spells them. Decoding is tolerant: every property is optional, nulls and missing
// keys never fail, numbers sent as strings (and the other way round) are accepted, unknown enum values are kept.

/// A string that may arrive as a JSON string, number or boolean (`references.numericId` is a string in examples).
public struct LenientString: Codable, Sendable, Hashable, CustomStringConvertible {
    public var value: String
    public init(_ value: String) { self.value = value }
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let string = try? container.decode(String.self) { value = string }
        else if let int = try? container.decode(Int64.self) { value = String(int) }
        else if let double = try? container.decode(Double.self) { value = String(double) }
        else if let bool = try? container.decode(Bool.self) { value = String(bool) }
        else { value = "" }
    }
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(value)
    }
    public var description: String { value }
}

/// A decimal that may arrive as a number or a numeric string.
public struct LenientDouble: Codable, Sendable, Hashable {
    public var value: Double
    public init(_ value: Double) { self.value = value }
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let double = try? container.decode(Double.self) { value = double }
        else if let string = try? container.decode(String.self), let double = Double(string) { value = double }
        else { value = 0 }
    }
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(value)
    }
}

extension KeyedDecodingContainer {
    /// Decodes `key` when present and of the right shape; nil otherwise (never throws).
    func lenient<T: Decodable>(_ type: T.Type, _ key: Key) -> T? {
        (try? decodeIfPresent(type, forKey: key)) ?? nil
    }
}

/// `references`: `customer`, `tracking`, `alternateReference`, `numericId` and any custom reference type.
public struct References: Codable, Sendable, Hashable {
    public var values: [String: String]

    public init(_ values: [String: String] = [:]) { self.values = values }

    public var customer: String? { values["customer"] }
    public var tracking: String? { values["tracking"] }
    public var alternateReference: String? { values["alternateReference"] }
    public var numericId: String? { values["numericId"] }
    public var code: String? { values["code"] }
    public var barcode: String? { values["barcode"] }
    public subscript(key: String) -> String? { values[key] }

    public init(from decoder: any Decoder) throws {
        let dictionary = (try? decoder.singleValueContainer().decode([String: LenientString?].self)) ?? [:]
        values = dictionary.compactMapValues { $0?.value }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(values)
    }
}

/// A status CartonCloud sends; unknown values are kept as they came.
public struct OutboundOrderStatus: RawRepresentable, Codable, Sendable, Hashable, CustomStringConvertible {
    public var rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public init(from decoder: any Decoder) throws {
        rawValue = (try? decoder.singleValueContainer().decode(String.self)) ?? ""
    }
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
    public var description: String { rawValue }

    public static let draft = Self(rawValue: "DRAFT")
    public static let awaitingStock = Self(rawValue: "AWAITING_STOCK")
    public static let awaitingPickAndPack = Self(rawValue: "AWAITING_PICK_AND_PACK")
    public static let packingInProgress = Self(rawValue: "PACKING_IN_PROGRESS")
    public static let picked = Self(rawValue: "PICKED")
    public static let packed = Self(rawValue: "PACKED")
    public static let dispatched = Self(rawValue: "DISPATCHED")
    public static let rejected = Self(rawValue: "REJECTED")
}

public struct Timestamp: Codable, Sendable, Hashable {
    /// ISO 8601 as sent (`2025-05-30T14:14:16+10:00`).
    public var time: String?
    public init(time: String?) { self.time = time }
    public init(from decoder: any Decoder) throws {
        let container = try? decoder.container(keyedBy: CodingKeys.self)
        time = container?.lenient(String.self, .time)
    }
    public var date: Date? { time.flatMap(CartonCloudDateFormat.parse) }
}

public struct Timestamps: Codable, Sendable, Hashable {
    public var created: Timestamp?
    public var modified: Timestamp?
    public var packed: Timestamp?
    public var dispatched: Timestamp?
    public init(from decoder: any Decoder) throws {
        let c = try? decoder.container(keyedBy: CodingKeys.self)
        created = c?.lenient(Timestamp.self, .created)
        modified = c?.lenient(Timestamp.self, .modified)
        packed = c?.lenient(Timestamp.self, .packed)
        dispatched = c?.lenient(Timestamp.self, .dispatched)
    }
}

/// A customer, warehouse or product as referenced or echoed (`id`, `name`, `references.code`).
public struct EntityReference: Codable, Sendable, Hashable {
    public var id: String?
    public var name: String?
    public var references: References?
    public var enabled: Bool?
    public init(id: String? = nil, name: String? = nil, references: References? = nil) {
        self.id = id
        self.name = name
        self.references = references
    }
    public init(from decoder: any Decoder) throws {
        let c = try? decoder.container(keyedBy: CodingKeys.self)
        id = c?.lenient(LenientString.self, .id)?.value
        name = c?.lenient(String.self, .name)
        references = c?.lenient(References.self, .references)
        enabled = c?.lenient(Bool.self, .enabled)
    }
}

public struct StateRef: Codable, Sendable, Hashable {
    public var code: String?
    public var name: String?
    public init(code: String? = nil, name: String? = nil) {
        self.code = code
        self.name = name
    }
    public init(from decoder: any Decoder) throws {
        let c = try? decoder.container(keyedBy: CodingKeys.self)
        code = c?.lenient(String.self, .code)
        name = c?.lenient(String.self, .name)
    }
}

public struct CountryRef: Codable, Sendable, Hashable {
    public var iso2Code: String?
    public var iso3Code: String?
    public var name: String?
    public init(iso2Code: String? = nil, iso3Code: String? = nil, name: String? = nil) {
        self.iso2Code = iso2Code
        self.iso3Code = iso3Code
        self.name = name
    }
    public init(from decoder: any Decoder) throws {
        let c = try? decoder.container(keyedBy: CodingKeys.self)
        iso2Code = c?.lenient(String.self, .iso2Code)
        iso3Code = c?.lenient(String.self, .iso3Code)
        name = c?.lenient(String.self, .name)
    }
}

public struct Address: Codable, Sendable, Hashable {
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

    public init(
        companyName: String? = nil, contactName: String? = nil, address1: String? = nil, address2: String? = nil,
        suburb: String? = nil, city: String? = nil, state: StateRef? = nil, postcode: String? = nil,
        country: CountryRef? = nil, phone: String? = nil, email: String? = nil
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

    public init(from decoder: any Decoder) throws {
        let c = try? decoder.container(keyedBy: CodingKeys.self)
        companyName = c?.lenient(String.self, .companyName)
        contactName = c?.lenient(String.self, .contactName)
        address1 = c?.lenient(String.self, .address1)
        address2 = c?.lenient(String.self, .address2)
        suburb = c?.lenient(String.self, .suburb)
        city = c?.lenient(String.self, .city)
        state = c?.lenient(StateRef.self, .state)
        postcode = c?.lenient(LenientString.self, .postcode)?.value
        country = c?.lenient(CountryRef.self, .country)
        phone = c?.lenient(LenientString.self, .phone)?.value
        email = c?.lenient(String.self, .email)
    }
}

public struct ErrorReference: Codable, Sendable, Hashable {
    public var message: String?
    public var isResolved: Bool?
    public init(from decoder: any Decoder) throws {
        let c = try? decoder.container(keyedBy: CodingKeys.self)
        message = c?.lenient(String.self, .message)
        isResolved = c?.lenient(Bool.self, .isResolved)
    }
}

public struct DeliveryMethod: Codable, Sendable, Hashable {
    public var type: String?
    public var requestedService: String?
    public init(type: String? = nil, requestedService: String? = nil) {
        self.type = type
        self.requestedService = requestedService
    }
    public init(from decoder: any Decoder) throws {
        let c = try? decoder.container(keyedBy: CodingKeys.self)
        type = c?.lenient(String.self, .type)
        requestedService = c?.lenient(String.self, .requestedService)
    }
}

public struct OutboundOrderDetails: Codable, Sendable, Hashable {
    public struct Collect: Codable, Sendable, Hashable {
        /// `YYYY-MM-DD`.
        public var requiredDate: String?
        public init(from decoder: any Decoder) throws {
            let c = try? decoder.container(keyedBy: CodingKeys.self)
            requiredDate = c?.lenient(String.self, .requiredDate)
        }
    }
    public struct Deliver: Codable, Sendable, Hashable {
        public var address: Address?
        public var method: DeliveryMethod?
        public var instructions: String?
        public var requiredDate: String?
        public init(from decoder: any Decoder) throws {
            let c = try? decoder.container(keyedBy: CodingKeys.self)
            address = c?.lenient(Address.self, .address)
            method = c?.lenient(DeliveryMethod.self, .method)
            instructions = c?.lenient(String.self, .instructions)
            requiredDate = c?.lenient(String.self, .requiredDate)
        }
    }
    public var urgent: Bool?
    public var instructions: String?
    public var collect: Collect?
    public var deliver: Deliver?
    public var allowSplitting: Bool?
    public var errors: [ErrorReference]?

    public init(from decoder: any Decoder) throws {
        let c = try? decoder.container(keyedBy: CodingKeys.self)
        urgent = c?.lenient(Bool.self, .urgent)
        instructions = c?.lenient(String.self, .instructions)
        collect = c?.lenient(Collect.self, .collect)
        deliver = c?.lenient(Deliver.self, .deliver)
        allowSplitting = c?.lenient(Bool.self, .allowSplitting)
        errors = c?.lenient([ErrorReference].self, .errors)
    }
}

public struct OutboundOrderItem: Codable, Sendable, Hashable {
    public struct Details: Codable, Sendable, Hashable {
        public var product: EntityReference?
        public var unitOfMeasure: UnitOfMeasure?
        public init(from decoder: any Decoder) throws {
            let c = try? decoder.container(keyedBy: CodingKeys.self)
            product = c?.lenient(EntityReference.self, .product)
            unitOfMeasure = c?.lenient(UnitOfMeasure.self, .unitOfMeasure)
        }
    }
    public struct UnitOfMeasure: Codable, Sendable, Hashable {
        public var type: String?
        public var name: String?
        public init(from decoder: any Decoder) throws {
            let c = try? decoder.container(keyedBy: CodingKeys.self)
            type = c?.lenient(String.self, .type)
            name = c?.lenient(String.self, .name)
        }
    }
    public struct Measures: Codable, Sendable, Hashable {
        public var quantity: Double?
        public var weight: Double?
        public init(from decoder: any Decoder) throws {
            let c = try? decoder.container(keyedBy: CodingKeys.self)
            quantity = c?.lenient(LenientDouble.self, .quantity)?.value
            weight = c?.lenient(LenientDouble.self, .weight)?.value
        }
    }
    public var type: String?
    public var details: Details?
    public var measures: Measures?
    public var properties: [String: LenientString]?

    public init(from decoder: any Decoder) throws {
        let c = try? decoder.container(keyedBy: CodingKeys.self)
        type = c?.lenient(String.self, .type)
        details = c?.lenient(Details.self, .details)
        measures = c?.lenient(Measures.self, .measures)
        properties = c?.lenient([String: LenientString?].self, .properties)?.compactMapValues { $0 }
    }

    /// `details.product.references.code` (the SKU).
    public var productCode: String? { details?.product?.references?.code }
    public var quantity: Double? { measures?.quantity }
}

/// An outbound (sale) order as CartonCloud returns it.
public struct OutboundOrder: Codable, Sendable, Hashable, Identifiable {
    public var id: String
    public var type: String?
    public var status: OutboundOrderStatus?
    public var version: Int?
    public var references: References?
    public var customer: EntityReference?
    public var warehouse: EntityReference?
    public var details: OutboundOrderDetails?
    public var items: [OutboundOrderItem]?
    public var timestamps: Timestamps?

    public init(from decoder: any Decoder) throws {
        let c = try? decoder.container(keyedBy: CodingKeys.self)
        id = c?.lenient(LenientString.self, .id)?.value ?? ""
        type = c?.lenient(String.self, .type)
        status = c?.lenient(OutboundOrderStatus.self, .status)
        version = c?.lenient(Int.self, .version)
        references = c?.lenient(References.self, .references)
        customer = c?.lenient(EntityReference.self, .customer)
        warehouse = c?.lenient(EntityReference.self, .warehouse)
        details = c?.lenient(OutboundOrderDetails.self, .details)
        items = c?.lenient([OutboundOrderItem].self, .items)
        timestamps = c?.lenient(Timestamps.self, .timestamps)
    }

    /// `references.customer`: the reference we sent (the Cin7 order number).
    public var reference: String? { references?.customer }
    /// `details.errors[].message` (why a 228 order is REJECTED).
    public var errorMessages: [String] { (details?.errors ?? []).compactMap(\.message) }
    public var isRejected: Bool { status == .rejected }
    public var isDispatched: Bool { status == .dispatched }
}

/// A consignment (tracking lives here, not on the order).
public struct Consignment: Codable, Sendable, Hashable, Identifiable {
    public struct Tracking: Codable, Sendable, Hashable {
        public var companyName: String?
        public var url: String?
        public init(from decoder: any Decoder) throws {
            let c = try? decoder.container(keyedBy: Keys.self)
            // Documented as `companyName`; the Get-Quote example spells it `company`.
            companyName = c?.lenient(String.self, .companyName) ?? c?.lenient(String.self, .company)
            url = c?.lenient(String.self, .url)
        }
        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: Keys.self)
            try c.encodeIfPresent(companyName, forKey: .companyName)
            try c.encodeIfPresent(url, forKey: .url)
        }
        enum Keys: String, CodingKey { case companyName, company, url }
    }
    public struct Details: Codable, Sendable, Hashable {
        public var type: String?
        public var tracking: Tracking?
        public init(from decoder: any Decoder) throws {
            let c = try? decoder.container(keyedBy: CodingKeys.self)
            type = c?.lenient(String.self, .type)
            tracking = c?.lenient(Tracking.self, .tracking)
        }
    }
    public var id: String
    public var type: String?
    public var status: String?
    public var version: Int?
    public var references: References?
    public var customer: EntityReference?
    public var generatedFromTask: EntityReference?
    public var details: Details?
    public var items: [OutboundOrderItem]?
    public var timestamps: Timestamps?

    public init(from decoder: any Decoder) throws {
        let c = try? decoder.container(keyedBy: CodingKeys.self)
        id = c?.lenient(LenientString.self, .id)?.value ?? ""
        type = c?.lenient(String.self, .type)
        status = c?.lenient(String.self, .status)
        version = c?.lenient(Int.self, .version)
        references = c?.lenient(References.self, .references)
        customer = c?.lenient(EntityReference.self, .customer)
        generatedFromTask = c?.lenient(EntityReference.self, .generatedFromTask)
        details = c?.lenient(Details.self, .details)
        items = c?.lenient([OutboundOrderItem].self, .items)
        timestamps = c?.lenient(Timestamps.self, .timestamps)
    }

    /// `references.tracking`.
    public var trackingNumber: String? { references?.tracking.flatMap { $0.isEmpty ? nil : $0 } }
    /// `details.tracking.companyName` (or `company`).
    public var carrierName: String? { details?.tracking?.companyName.flatMap { $0.isEmpty ? nil : $0 } }
    /// `details.tracking.url`.
    public var trackingURL: String? { details?.tracking?.url.flatMap { $0.isEmpty ? nil : $0 } }
}

/// A warehouse product (the SKU catalogue).
public struct WarehouseProduct: Codable, Sendable, Hashable, Identifiable {
    public struct Details: Codable, Sendable, Hashable {
        public var active: Bool?
        public init(from decoder: any Decoder) throws {
            let c = try? decoder.container(keyedBy: CodingKeys.self)
            active = c?.lenient(Bool.self, .active)
        }
    }
    public var id: String
    public var scope: String?
    public var name: String?
    public var type: String?
    public var description: String?
    public var references: References?
    public var customer: EntityReference?
    public var details: Details?

    public init(from decoder: any Decoder) throws {
        let c = try? decoder.container(keyedBy: CodingKeys.self)
        id = c?.lenient(LenientString.self, .id)?.value ?? ""
        scope = c?.lenient(String.self, .scope)
        name = c?.lenient(String.self, .name)
        type = c?.lenient(String.self, .type)
        description = c?.lenient(String.self, .description)
        references = c?.lenient(References.self, .references)
        customer = c?.lenient(EntityReference.self, .customer)
        details = c?.lenient(Details.self, .details)
    }

    /// `references.code` (the SKU).
    public var code: String? { references?.code }
}

/// `GET /uaa/userinfo`.
public struct UserInfo: Codable, Sendable, Hashable {
    public struct Tenant: Codable, Sendable, Hashable {
        public var id: String
        public var name: String?
        public init(from decoder: any Decoder) throws {
            let c = try? decoder.container(keyedBy: CodingKeys.self)
            id = c?.lenient(LenientString.self, .id)?.value ?? ""
            name = c?.lenient(String.self, .name)
        }
    }
    public var id: String?
    public var name: String?
    public var email: String?
    public var tenants: [Tenant]

    public init(from decoder: any Decoder) throws {
        let c = try? decoder.container(keyedBy: CodingKeys.self)
        id = c?.lenient(LenientString.self, .id)?.value
        name = c?.lenient(String.self, .name)
        email = c?.lenient(String.self, .email)
        tenants = c?.lenient([Tenant].self, .tenants) ?? []
    }
}

/// An element of `GET /tenants/{t}/customers`.
public struct CustomerSummary: Codable, Sendable, Hashable, Identifiable {
    public var id: String
    public var name: String?
    public init(from decoder: any Decoder) throws {
        let c = try? decoder.container(keyedBy: CodingKeys.self)
        id = c?.lenient(LenientString.self, .id)?.value ?? ""
        name = c?.lenient(String.self, .name)
    }
}

/// `GET /tenants/{t}/customers/{id}`.
public struct Customer: Codable, Sendable, Hashable, Identifiable {
    public var id: String
    public var name: String?
    public var references: References?
    public var email: String?
    public init(from decoder: any Decoder) throws {
        let c = try? decoder.container(keyedBy: CodingKeys.self)
        id = c?.lenient(LenientString.self, .id)?.value ?? ""
        name = c?.lenient(String.self, .name)
        references = c?.lenient(References.self, .references)
        email = c?.lenient(String.self, .email)
    }
}

/// One element of CartonCloud's error array: `{"message","field","type","details"}`.
public struct APIErrorItem: Codable, Sendable, Hashable {
    public var message: String?
    public var field: String?
    public var type: String?
    public var duplicateId: String?
    public var code: String?

    enum CodingKeys: String, CodingKey { case message, field, type, details, code }
    enum DetailKeys: String, CodingKey { case duplicateId }

    public init(from decoder: any Decoder) throws {
        let c = try? decoder.container(keyedBy: CodingKeys.self)
        message = c?.lenient(String.self, .message)
        field = c?.lenient(String.self, .field)
        type = c?.lenient(String.self, .type)
        code = c?.lenient(LenientString.self, .code)?.value
        let details = try? c?.nestedContainer(keyedBy: DetailKeys.self, forKey: .details)
        duplicateId = details?.lenient(LenientString.self, .duplicateId)?.value
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encodeIfPresent(message, forKey: .message)
        try c.encodeIfPresent(field, forKey: .field)
        try c.encodeIfPresent(type, forKey: .type)
    }

    /// `field: message` for people.
    public var text: String {
        let message = message ?? "(no message)"
        if let field, !field.isEmpty { return "\(field): \(message)" }
        return message
    }
}
