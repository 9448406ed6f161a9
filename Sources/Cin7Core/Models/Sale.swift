import BridgeSupport
import Foundation

// Models are spelled exactly as the Cin7 Core API spells them (`SaleID`, `FulFilmentStatus`, `FulfillmentNumber`, …)
// so a reader can check them against the API Blueprint at a glance. The one exception is `Type`, which Swift cannot
// use as a member name: it is `type` with an explicit coding key. Every field except identifiers is optional, and the
// module's tolerant decoding turns missing keys, nulls and unreadable values into nil.

/// A `ShippingAddress` / `BillingAddress`.
public struct Cin7Address: Codable, Sendable, Hashable {
    public var ID: Cin7ID?
    public var DisplayAddressLine1: String?
    public var DisplayAddressLine2: String?
    public var Line1: String?
    public var Line2: String?
    public var City: String?
    public var State: String?
    public var Postcode: String?
    public var Country: String?
    public var Company: String?
    public var Contact: String?
    public var ShipToOther: Bool?
    public init(
        Line1: String? = nil,
        Line2: String? = nil,
        City: String? = nil,
        State: String? = nil,
        Postcode: String? = nil,
        Country: String? = nil,
        Company: String? = nil,
        Contact: String? = nil,
        ShipToOther: Bool? = nil
    ) {
        self.Line1 = Line1
        self.Line2 = Line2
        self.City = City
        self.State = State
        self.Postcode = Postcode
        self.Country = Country
        self.Company = Company
        self.Contact = Contact
        self.ShipToOther = ShipToOther
    }
}

/// A line of `Order.Lines`.
public struct SaleOrderLine: Codable, Sendable, Hashable {
    public var ProductID: Cin7ID?
    public var SKU: String?
    public var Name: String?
    public var Quantity: Double?
    public var Price: Double?
    public var Discount: Double?
    public var Tax: Double?
    public var AverageCost: Double?
    public var TaxRule: String?
    public var Comment: String?
    public var DropShip: Bool?
    public var Backorder: Bool?
    public var BackorderQuantity: Double?
    public var Total: Double?
    public init(SKU: String? = nil, Name: String? = nil, Quantity: Double? = nil) {
        self.SKU = SKU
        self.Name = Name
        self.Quantity = Quantity
    }
}

/// An entry of `AdditionalCharges` (freight, fees): never a stock line.
public struct SaleAdditionalCharge: Codable, Sendable, Hashable {
    public var Description: String?
    public var Price: Double?
    public var Quantity: Double?
    public var Discount: Double?
    public var Tax: Double?
    public var Total: Double?
    public var TaxRule: String?
    public var Comment: String?
    public init(Description: String? = nil) { self.Description = Description }
}

/// The sale's `Order`.
public struct SaleOrder: Codable, Sendable, Hashable {
    public var SaleOrderNumber: String?
    public var Memo: String?
    public var Status: OrderStatus?
    public var Lines: [SaleOrderLine]?
    public var AdditionalCharges: [SaleAdditionalCharge]?
    public var TotalBeforeTax: Double?
    public var Tax: Double?
    public var Total: Double?
    public init() {}
}

/// `GET sale?ID=`: the full sale.
public struct Sale: Codable, Sendable, Hashable {
    public var ID: Cin7ID
    public var Customer: String?
    public var CustomerID: Cin7ID?
    public var Contact: String?
    public var Phone: String?
    public var Email: String?
    public var BillingAddress: Cin7Address?
    public var ShippingAddress: Cin7Address?
    public var ShippingNotes: String?
    public var BaseCurrency: String?
    public var CustomerCurrency: String?
    public var ShipBy: CalendarDate?
    /// Default pick location name.
    public var Location: String?
    public var SaleOrderDate: CalendarDate?
    public var LastModifiedOn: Cin7DateTime?
    public var Note: String?
    public var CustomerReference: String?
    public var Status: SaleStatus?
    public var CombinedPickingStatus: CombinedStatus?
    public var CombinedPackingStatus: CombinedStatus?
    public var CombinedShippingStatus: CombinedStatus?
    public var FulFilmentStatus: CombinedStatus?
    public var CombinedInvoiceStatus: CombinedStatus?
    public var CombinedPaymentStatus: CombinedStatus?
    public var CombinedTrackingNumbers: String?
    public var Carrier: String?
    public var type: SaleType?
    public var SourceChannel: String?
    public var ExternalID: String?
    public var ServiceOnly: Bool?
    public var Order: SaleOrder?
    public var Fulfilments: [SaleFulfilment]?

    public init(ID: Cin7ID) { self.ID = ID }

    enum CodingKeys: String, CodingKey {
        case ID, Customer, CustomerID, Contact, Phone, Email, BillingAddress, ShippingAddress, ShippingNotes, BaseCurrency
        case CustomerCurrency, ShipBy, Location, SaleOrderDate, LastModifiedOn, Note, CustomerReference, Status
        case CombinedPickingStatus, CombinedPackingStatus, CombinedShippingStatus, FulFilmentStatus, CombinedInvoiceStatus
        case CombinedPaymentStatus, CombinedTrackingNumbers, Carrier
        case type = "Type"
        case SourceChannel, ExternalID, ServiceOnly
        case Order, Fulfilments
    }
}
