import Foundation

/// An order as the platform's simulator recorded it, in the same terms for every platform, so the invariants and
/// the platform-neutral tests compare one shape.
public struct PlatformOrder: Sendable {
    /// The platform's order id, as the engine stores it (`ShipmentUnit.warehouseOrderID`).
    public var id: String
    /// The reference the engine sent: CartonCloud's `references.customer`, ShipStation's `orderKey`, Starshipit's
    /// `order_number`.
    public var reference: String
    /// The platform's status word (`AWAITING_PICK_AND_PACK`, `awaiting_shipment`, `Unshipped`).
    public var status: String
    /// Accepted for processing (CartonCloud may reject an order; the others take every order they store).
    public var accepted: Bool
    /// Will still be shipped or has been: not deleted, cancelled or archived unshipped.
    public var live: Bool
    /// Dispatched as the integration counts it (Starshipit: on print or on manifest, as configured).
    public var dispatched: Bool
    /// The warehouse it is in; nil where the platform has none (Starshipit: the account is the warehouse).
    public var warehouseID: String?
    /// Stock lines: SKU and quantity.
    public var lines: [(sku: String, quantity: Double)]
    /// The delivery address's company and contact, as sent.
    public var company: String?
    public var contact: String?
    /// The tracking numbers of its live labels or consignments, first first.
    public var trackingNumbers: [String]
}
