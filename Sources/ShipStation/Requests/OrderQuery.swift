/// Filters of `GET /orders` (shipstation-api.md L193). `orderNumber` is a *starts-with* search; there is no
/// `orderKey` filter (L194).
public struct OrderQuery: Sendable, Equatable {
    public var orderNumber: String?
    public var orderStatus: OrderStatus?
    public var storeId: Int?
    public var modifyDateStart: PacificDate?
    public var modifyDateEnd: PacificDate?
    public var createDateStart: PacificDate?
    /// `ModifyDate`, `OrderDate`, `CreateDate`; default ascending `orderId`.
    public var sortBy: String?
    /// Max 500.
    public var pageSize: Int

    public init(
        orderNumber: String? = nil,
        orderStatus: OrderStatus? = nil,
        storeId: Int? = nil,
        modifyDateStart: PacificDate? = nil,
        modifyDateEnd: PacificDate? = nil,
        createDateStart: PacificDate? = nil,
        sortBy: String? = nil,
        pageSize: Int = 500
    ) {
        self.orderNumber = orderNumber
        self.orderStatus = orderStatus
        self.storeId = storeId
        self.modifyDateStart = modifyDateStart
        self.modifyDateEnd = modifyDateEnd
        self.createDateStart = createDateStart
        self.sortBy = sortBy
        self.pageSize = pageSize
    }

    var items: [(String, String)] {
        var items: [(String, String)] = []
        if let orderNumber { items.append(("orderNumber", orderNumber)) }
        if let orderStatus { items.append(("orderStatus", orderStatus.rawValue)) }
        if let storeId { items.append(("storeId", String(storeId))) }
        if let modifyDateStart { items.append(("modifyDateStart", modifyDateStart.filterText)) }
        if let modifyDateEnd { items.append(("modifyDateEnd", modifyDateEnd.filterText)) }
        if let createDateStart { items.append(("createDateStart", createDateStart.filterText)) }
        if let sortBy { items.append(("sortBy", sortBy)) }
        return items
    }
}
