/// The body of `POST /orders/createorder` (shipstation-api.md §7.1, L144-L173): the whole order every time (no partial
/// updates, L149), upserted by `orderKey` (L146).
public struct OrderRequest: Encodable, Sendable, Equatable {
    public var orderId: Int?
    public var orderNumber: String
    public var orderKey: String
    public var orderDate: PacificDate
    public var orderStatus: OrderStatus
    public var customerEmail: String?
    public var customerNotes: String?
    public var internalNotes: String?
    public var shipByDate: String?
    public var billTo: AddressRequest
    public var shipTo: AddressRequest
    public var items: [ItemRequest]
    public var advancedOptions: AdvancedOptionsRequest?

    public init(
        orderId: Int? = nil,
        orderNumber: String,
        orderKey: String,
        orderDate: PacificDate,
        orderStatus: OrderStatus = .awaitingShipment,
        customerEmail: String? = nil,
        customerNotes: String? = nil,
        internalNotes: String? = nil,
        shipByDate: String? = nil,
        billTo: AddressRequest,
        shipTo: AddressRequest,
        items: [ItemRequest],
        advancedOptions: AdvancedOptionsRequest? = nil
    ) {
        self.orderId = orderId
        self.orderNumber = orderNumber
        self.orderKey = orderKey
        self.orderDate = orderDate
        self.orderStatus = orderStatus
        self.customerEmail = customerEmail
        self.customerNotes = customerNotes
        self.internalNotes = internalNotes
        self.shipByDate = shipByDate
        self.billTo = billTo
        self.shipTo = shipTo
        self.items = items
        self.advancedOptions = advancedOptions
    }
}
