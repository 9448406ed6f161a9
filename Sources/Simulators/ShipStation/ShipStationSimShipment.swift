import Foundation

/// A label (`/shipments` row, shipstation-api.md L229-L246).
public struct ShipStationSimShipment: Sendable {
    public var shipmentId: Int
    public var orderId: Int
    public var created: Date
    public var shipDate: Date
    public var carrierCode: String
    public var serviceCode: String?
    public var trackingNumber: String
    public var voided: Bool
    public var voidDate: Date?
    /// (sku, quantity) shipped in this label.
    public var items: [(sku: String, quantity: Int)]
}
