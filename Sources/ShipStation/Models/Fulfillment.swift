import BridgeSupport

/// An order marked shipped without a ShipStation label (shipstation-api.md §10.2, L249-L251).
public struct Fulfillment: LenientDecodable, Sendable, Hashable {
    public var fulfillmentId: Int?
    public var orderId: Int?
    public var orderNumber: String?
    public var trackingNumber: String?
    public var createDate: PacificDate?
    public var shipDate: PacificDate?
    public var voidDate: PacificDate?
    public var deliveryDate: PacificDate?
    /// Free text (`"UPS"`) or null.
    public var carrierCode: String?
    public var fulfillmentProviderCode: String?
    public var voided: Bool?
}
