import BridgeSupport

/// One line of an order, or of a shipment with `includeShipmentItems` (shipstation-api.md §6.3, L135; L241).
public struct OrderItem: LenientDecodable, Sendable, Hashable {
    public var orderItemId: Int?
    public var lineItemKey: String?
    public var sku: String?
    public var name: String?
    public var quantity: Int?
    public var unitPrice: Double?
    public var warehouseLocation: String?
    /// A non-physical line (discount).
    public var adjustment: Bool?
}
