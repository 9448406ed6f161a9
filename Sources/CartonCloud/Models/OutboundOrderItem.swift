import BridgeSupport

/// A line of an order, or a transport item of a consignment.
public struct OutboundOrderItem: LenientDecodable, Sendable, Hashable {
    public struct Details: LenientDecodable, Sendable, Hashable {
        public var product: EntityReference?
        public var unitOfMeasure: UnitOfMeasure?
    }

    public struct UnitOfMeasure: LenientDecodable, Sendable, Hashable {
        public var type: String?
        public var name: String?
    }

    public struct Measures: LenientDecodable, Sendable, Hashable {
        public var quantity: Double?
        public var weight: Double?
    }

    public var type: String?
    public var details: Details?
    public var measures: Measures?
    /// `properties`: custom fields, read as text.
    public var properties: [String: String]?

    /// `details.product.references.code` (the SKU).
    public var productCode: String? { details?.product?.references?.code }
    public var quantity: Double? { measures?.quantity }
}
