import BridgeSupport

/// A label created in ShipStation (shipstation-api.md §10.1, L229-L240). A voided label keeps its row with
/// `voided: true` (L244): it is not a shipment.
public struct Shipment: LenientDecodable, Sendable, Hashable {
    public var shipmentId: Int?
    public var orderId: Int?
    public var orderKey: String?
    public var orderNumber: String?
    public var createDate: PacificDate?
    /// Date only (`2015-06-29`).
    public var shipDate: PacificDate?
    public var trackingNumber: String?
    public var carrierCode: String?
    public var serviceCode: String?
    public var packageCode: String?
    public var warehouseId: Int?
    public var isReturnLabel: Bool?
    public var voided: Bool?
    public var voidDate: PacificDate?
    /// Set with `includeShipmentItems=true` (L241), null otherwise.
    public var shipmentItems: [OrderItem]?

    /// Not voided and not a return label.
    public var isLive: Bool { voided != true && isReturnLabel != true }
}
