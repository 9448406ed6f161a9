import Foundation

/// An order marked shipped without a label (`/fulfillments` row, shipstation-api.md L249-L250).
public struct ShipStationSimFulfillment: Sendable {
    public var fulfillmentId: Int
    public var orderId: Int
    public var created: Date
    public var shipDate: Date
    public var carrierCode: String?
    public var trackingNumber: String?
    public var voided: Bool
}
