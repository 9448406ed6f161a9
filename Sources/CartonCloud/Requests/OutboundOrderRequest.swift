import BridgeSupport

/// What to send to create an outbound (sale) order: built by the engine from a Cin7 sale, encoded as the body of
/// `POST /tenants/{t}/outbound-orders` (cartoncloud-api.md ~L1019). Fields CartonCloud must see as having no data are
/// sent as `null` (blank text included: "" would be a real empty value); optional parts left out are omitted.
public struct OutboundOrderRequest: Encodable, Sendable, Hashable {
    /// A warehouse referenced by UUID or by its name "exactly as spelt in CartonCloud" (the API cannot list them).
    public enum WarehouseRef: Encodable, Sendable, Hashable {
        case id(String)
        case name(String)

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: JSONKey.self)
            switch self {
            case .id(let id): try container.encode(id, forKey: "id")
            case .name(let name): try container.encode(name, forKey: "name")
            }
        }
    }

    /// `details.deliver.method`.
    public struct DeliveryMethod: Encodable, Sendable, Hashable {
        public var type: String
        public var requestedService: String?

        public init(type: String = "SHIPPING", requestedService: String? = nil) {
            self.type = type
            self.requestedService = requestedService
        }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: JSONKey.self)
            try container.encode(NullableText(type), forKey: "type")
            try container.encode(NullableText(requestedService), forKey: "requestedService")
        }
    }

    /// `references.customer`: the fixed reference of the shipment unit (Cin7 order number with prefix).
    public var reference: String
    public var customerID: String
    /// nil = the tenant's default warehouse.
    public var warehouse: WarehouseRef?
    public var address: Address
    /// `details.deliver.instructions`.
    public var deliveryInstructions: String?
    /// `details.instructions` (packing instructions).
    public var packingInstructions: String?
    /// `details.collect.requiredDate`: the date the order should ship.
    public var requiredDate: CalendarDate?
    /// `details.deliver.requiredDate`.
    public var deliverBy: CalendarDate?
    public var urgent: Bool
    /// `details.deliver.method`.
    public var deliveryMethod: DeliveryMethod?
    public var allowSplitting: Bool?
    public var items: [Item]
    /// Extra entries of `references` (e.g. `alternateReference`: the Cin7 customer reference).
    public var extraReferences: [String: String]
    /// `properties`: custom fields under the tenant's "Mapped Field" names.
    public var properties: [String: String]

    public init(
        reference: String,
        customerID: String,
        warehouse: WarehouseRef? = nil,
        address: Address,
        deliveryInstructions: String? = nil,
        packingInstructions: String? = nil,
        requiredDate: CalendarDate? = nil,
        deliverBy: CalendarDate? = nil,
        urgent: Bool = false,
        deliveryMethod: DeliveryMethod? = nil,
        allowSplitting: Bool? = nil,
        items: [Item],
        extraReferences: [String: String] = [:],
        properties: [String: String] = [:]
    ) {
        self.reference = reference
        self.customerID = customerID
        self.warehouse = warehouse
        self.address = address
        self.deliveryInstructions = deliveryInstructions
        self.packingInstructions = packingInstructions
        self.requiredDate = requiredDate
        self.deliverBy = deliverBy
        self.urgent = urgent
        self.deliveryMethod = deliveryMethod
        self.allowSplitting = allowSplitting
        self.items = items
        self.extraReferences = extraReferences
        self.properties = properties
    }

    public func encode(to encoder: any Encoder) throws {
        var body = encoder.container(keyedBy: JSONKey.self)
        try body.encode("OUTBOUND", forKey: "type")
        var references = body.nestedContainer(keyedBy: JSONKey.self, forKey: "references")
        for (key, value) in extraReferences where key != "customer" {
            try references.encode(NullableText(value), forKey: JSONKey(stringValue: key))
        }
        try references.encode(reference, forKey: "customer")
        try body.encode(["id": customerID], forKey: "customer")
        try body.encode(warehouse, forKey: "warehouse")

        var details = body.nestedContainer(keyedBy: JSONKey.self, forKey: "details")
        try details.encode(urgent, forKey: "urgent")
        try details.encode(NullableText(packingInstructions), forKey: "instructions")
        try details.encode(["requiredDate": requiredDate], forKey: "collect")
        var deliver = details.nestedContainer(keyedBy: JSONKey.self, forKey: "deliver")
        try deliver.encode(address, forKey: "address")
        try deliver.encode(NullableText(deliveryInstructions), forKey: "instructions")
        try deliver.encode(deliverBy, forKey: "requiredDate")
        try deliver.encodeIfPresent(deliveryMethod, forKey: "method")
        try details.encodeIfPresent(allowSplitting, forKey: "allowSplitting")

        try body.encode(properties.mapValues(NullableText.init), forKey: "properties")
        try body.encode(items, forKey: "items")
    }
}
