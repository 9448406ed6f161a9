import BridgeSupport

/// An order as ShipStation returns it (shipstation-api.md §6.1, L108-L125). Dates are Pacific (§5).
public struct Order: LenientDecodable, Sendable, Hashable {
    public var orderId: Int?
    public var orderNumber: String?
    /// Our idempotency key (L112).
    public var orderKey: String?
    public var orderDate: PacificDate?
    public var createDate: PacificDate?
    public var modifyDate: PacificDate?
    public var paymentDate: PacificDate?
    public var shipByDate: PacificDate?
    public var shipDate: PacificDate?
    public var orderStatus: OrderStatus?
    public var customerEmail: String?
    public var customerNotes: String?
    public var internalNotes: String?
    public var billTo: Address?
    public var shipTo: Address?
    public var items: [OrderItem]?
    public var amountPaid: Double?
    public var orderTotal: Double?
    public var carrierCode: String?
    public var serviceCode: String?
    public var advancedOptions: AdvancedOptions?
    public var externallyFulfilled: Bool?

    /// `orderId` as text ("" when missing: callers check).
    public var id: String { orderId.map(String.init) ?? "" }
    public var status: OrderStatus { orderStatus ?? OrderStatus("") }
}
