import BridgeSupport
import Foundation

/// A row of `saleList`.
public struct SaleListItem: Codable, Sendable, Hashable, Identifiable {
    public var SaleID: Cin7ID
    public var OrderNumber: String?
    public var Status: SaleStatus?
    public var OrderDate: CalendarDate?
    public var InvoiceDate: CalendarDate?
    public var Customer: String?
    public var CustomerID: Cin7ID?
    public var InvoiceNumber: String?
    public var CustomerReference: String?
    public var InvoiceAmount: Double?
    public var PaidAmount: Double?
    public var InvoiceDueDate: CalendarDate?
    public var ShipBy: CalendarDate?
    public var BaseCurrency: String?
    public var CustomerCurrency: String?
    public var CreditNoteNumber: String?
    public var Updated: Cin7DateTime?
    public var QuoteStatus: Cin7Core.OrderStatus?
    public var OrderStatus: Cin7Core.OrderStatus?
    public var CombinedPickingStatus: CombinedStatus?
    public var CombinedPackingStatus: CombinedStatus?
    public var CombinedShippingStatus: CombinedStatus?
    public var FulFilmentStatus: CombinedStatus?
    public var CombinedInvoiceStatus: CombinedStatus?
    public var CreditNoteStatus: CombinedStatus?
    public var CombinedPaymentStatus: CombinedStatus?
    public var type: SaleType?
    public var CombinedTrackingNumbers: String?
    public var SourceChannel: String?
    public var ExternalID: String?
    public var OrderLocationID: Cin7ID?

    public var id: Cin7ID { SaleID }

    public init(SaleID: Cin7ID) { self.SaleID = SaleID }

    enum CodingKeys: String, CodingKey {
        case SaleID, OrderNumber, Status, OrderDate, InvoiceDate, Customer, CustomerID, InvoiceNumber, CustomerReference
        case InvoiceAmount, PaidAmount, InvoiceDueDate, ShipBy, BaseCurrency, CustomerCurrency, CreditNoteNumber, Updated
        case QuoteStatus, OrderStatus, CombinedPickingStatus, CombinedPackingStatus, CombinedShippingStatus, FulFilmentStatus
        case CombinedInvoiceStatus, CreditNoteStatus, CombinedPaymentStatus
        case type = "Type"
        case CombinedTrackingNumbers
        case SourceChannel, ExternalID, OrderLocationID
    }
}

/// Filters of `GET saleList`. Dates are sent as UTC `yyyy-MM-ddTHH:mm:ss.fffZ`.
public struct SaleListFilter: Sendable, Hashable {
    public var updatedSince: Date?
    public var updatedUntil: Date?
    public var createdSince: Date?
    public var orderStatus: OrderStatus?
    public var status: SaleStatus?
    public var orderLocationID: Cin7ID?
    public var search: String?
    public var externalID: String?
    public var combinedPickStatus: CombinedStatus?
    public var combinedPackStatus: CombinedStatus?
    public var combinedShippingStatus: CombinedStatus?
    public var readyForShipping: Bool?

    public init(
        updatedSince: Date? = nil,
        updatedUntil: Date? = nil,
        createdSince: Date? = nil,
        orderStatus: OrderStatus? = nil,
        status: SaleStatus? = nil,
        orderLocationID: Cin7ID? = nil,
        search: String? = nil,
        externalID: String? = nil
    ) {
        self.updatedSince = updatedSince
        self.updatedUntil = updatedUntil
        self.createdSince = createdSince
        self.orderStatus = orderStatus
        self.status = status
        self.orderLocationID = orderLocationID
        self.search = search
        self.externalID = externalID
    }

    var queryItems: [(String, String)] {
        var items: [(String, String)] = []
        if let updatedSince { items.append(("UpdatedSince", Cin7DateParser.format(updatedSince))) }
        if let updatedUntil { items.append(("UpdatedUntil", Cin7DateParser.format(updatedUntil))) }
        if let createdSince { items.append(("CreatedSince", Cin7DateParser.format(createdSince))) }
        if let orderStatus { items.append(("OrderStatus", orderStatus.rawValue)) }
        if let status { items.append(("Status", status.rawValue)) }
        if let orderLocationID { items.append(("OrderLocationID", orderLocationID.value)) }
        if let search { items.append(("Search", search)) }
        if let externalID { items.append(("ExternalID", externalID)) }
        if let combinedPickStatus { items.append(("CombinedPickStatus", combinedPickStatus.rawValue)) }
        if let combinedPackStatus { items.append(("CombinedPackStatus", combinedPackStatus.rawValue)) }
        if let combinedShippingStatus { items.append(("CombinedShippingStatus", combinedShippingStatus.rawValue)) }
        if let readyForShipping { items.append(("ReadyForShipping", readyForShipping ? "true" : "false")) }
        return items
    }
}

/// One page of a list endpoint.
public struct Cin7Page<Item: Sendable>: Sendable {
    public var total: Int
    public var page: Int
    public var items: [Item]
    public init(total: Int, page: Int, items: [Item]) {
        self.total = total
        self.page = page
        self.items = items
    }
}
