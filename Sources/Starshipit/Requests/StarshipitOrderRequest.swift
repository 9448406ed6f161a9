import Foundation

/// The `order` of `POST /api/orders` (starshipit-api.md L97-129). Only `order_number` is required (L102); Starshipit
/// documents no idempotency, so look the number up before sending it again (L21, L181).
public struct StarshipitOrderRequest: Sendable, Encodable, Equatable {
    /// Longest `order_number` and `reference` Starshipit takes (L102, L104).
    public static let maxOrderNumberLength = 50

    public var orderNumber: String
    /// Sent as UTC with `Z` (L103, L88).
    public var orderDate: Date?
    /// The customer's reference, ≤ 50 (L104): the Cin7 sale, as a second lookup key (L184).
    public var reference: String?
    public var shippingMethod: String?
    public var shippingDescription: String?
    public var signatureRequired: Bool?
    public var currency: String?
    public var destination: StarshipitAddressRequest
    public var items: [StarshipitItemRequest]

    public init(
        orderNumber: String,
        orderDate: Date? = nil,
        reference: String? = nil,
        shippingMethod: String? = nil,
        shippingDescription: String? = nil,
        signatureRequired: Bool? = nil,
        currency: String? = nil,
        destination: StarshipitAddressRequest,
        items: [StarshipitItemRequest]
    ) {
        self.orderNumber = orderNumber
        self.orderDate = orderDate
        self.reference = reference
        self.shippingMethod = shippingMethod
        self.shippingDescription = shippingDescription
        self.signatureRequired = signatureRequired
        self.currency = currency
        self.destination = destination
        self.items = items
    }

    enum CodingKeys: String, CodingKey {
        case orderNumber = "order_number"
        case orderDate = "order_date"
        case reference
        case shippingMethod = "shipping_method"
        case shippingDescription = "shipping_description"
        case signatureRequired = "signature_required"
        case currency, destination, items
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(orderNumber, forKey: .orderNumber)
        try container.encodeIfPresent(orderDate.map(StarshipitDate.format), forKey: .orderDate)
        try container.encodeIfPresent(reference, forKey: .reference)
        try container.encodeIfPresent(shippingMethod, forKey: .shippingMethod)
        try container.encodeIfPresent(shippingDescription, forKey: .shippingDescription)
        try container.encodeIfPresent(signatureRequired, forKey: .signatureRequired)
        try container.encodeIfPresent(currency, forKey: .currency)
        try container.encode(destination, forKey: .destination)
        try container.encode(items, forKey: .items)
    }

    /// What is wrong with the order before it is sent (the documented length limits), empty when nothing.
    public var problems: [String] {
        var problems: [String] = []
        if orderNumber.isEmpty || orderNumber.count > Self.maxOrderNumberLength {
            problems.append("order_number must be 1–50 characters (is \(orderNumber.count))")
        }
        if let reference, reference.count > 50 { problems.append("reference must be at most 50 characters") }
        return problems + destination.problems
    }
}

/// The body `{"order": {...}}` (L118).
struct StarshipitOrderEnvelope: Encodable {
    var order: StarshipitOrderRequest
}
