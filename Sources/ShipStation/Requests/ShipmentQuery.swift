/// Filters of `GET /shipments` and `GET /fulfillments` (shipstation-api.md L225, L249). `includeShipmentItems`
/// defaults to false on the server; it is sent as true by default here to map shipped lines (L241).
public struct ShipmentQuery: Sendable, Equatable {
    public var orderId: Int?
    public var orderNumber: String?
    public var createDateStart: PacificDate?
    public var createDateEnd: PacificDate?
    /// Dates only.
    public var shipDateStart: PacificDate?
    public var shipDateEnd: PacificDate?
    public var includeShipmentItems: Bool
    public var pageSize: Int

    public init(
        orderId: Int? = nil,
        orderNumber: String? = nil,
        createDateStart: PacificDate? = nil,
        createDateEnd: PacificDate? = nil,
        shipDateStart: PacificDate? = nil,
        shipDateEnd: PacificDate? = nil,
        includeShipmentItems: Bool = true,
        pageSize: Int = 500
    ) {
        self.orderId = orderId
        self.orderNumber = orderNumber
        self.createDateStart = createDateStart
        self.createDateEnd = createDateEnd
        self.shipDateStart = shipDateStart
        self.shipDateEnd = shipDateEnd
        self.includeShipmentItems = includeShipmentItems
        self.pageSize = pageSize
    }

    /// The query of `/shipments`, or of `/fulfillments` (which has no `includeShipmentItems`).
    func items(fulfillments: Bool) -> [(String, String)] {
        var items: [(String, String)] = []
        if let orderId { items.append(("orderId", String(orderId))) }
        if let orderNumber { items.append(("orderNumber", orderNumber)) }
        if let createDateStart { items.append(("createDateStart", createDateStart.filterText)) }
        if let createDateEnd { items.append(("createDateEnd", createDateEnd.filterText)) }
        if let shipDateStart { items.append(("shipDateStart", shipDateStart.dayText)) }
        if let shipDateEnd { items.append(("shipDateEnd", shipDateEnd.dayText)) }
        if !fulfillments { items.append(("includeShipmentItems", includeShipmentItems ? "true" : "false")) }
        return items
    }
}
