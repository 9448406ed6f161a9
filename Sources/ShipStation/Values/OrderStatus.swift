/// An order status (shipstation-api.md §11, L261). Kept as text so a status this version does not know is read.
public struct OrderStatus: RawRepresentable, Sendable, Hashable, Codable, CustomStringConvertible {
    public var rawValue: String

    public init(rawValue: String) { self.rawValue = rawValue }
    public init(_ rawValue: String) { self.rawValue = rawValue }

    public static let awaitingPayment = OrderStatus("awaiting_payment")
    public static let awaitingShipment = OrderStatus("awaiting_shipment")
    public static let pendingFulfillment = OrderStatus("pending_fulfillment")
    public static let onHold = OrderStatus("on_hold")
    public static let shipped = OrderStatus("shipped")
    public static let cancelled = OrderStatus("cancelled")
    public static let rejectedFulfillment = OrderStatus("rejected_fulfillment")

    /// Statuses the API can still update (L150-L152: the three of S2/S4; S5 adds `pending_fulfillment`).
    public var isOpen: Bool { [Self.awaitingPayment, .awaitingShipment, .onHold, .pendingFulfillment].contains(self) }

    public var description: String { rawValue }
}
