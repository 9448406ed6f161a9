import Foundation

// Models are spelled exactly as the Cin7 Core API spells them (`SaleID`, `FulFilmentStatus`, `FulfillmentNumber`, …)
// so a reader can check them against the API Blueprint at a glance. The one exception is `Type`, which Swift cannot
// use as a member name: it is `type` with an explicit coding key. Every field except identifiers is optional, and the
// module's tolerant decoding turns missing keys, nulls and unreadable values into nil.

/// `GET me`: the company behind the credentials.
public struct Cin7Me: Codable, Sendable, Hashable {
    public var Company: String?
    public var Currency: String?
    public var TimeZone: String?
    public var DefaultWeightUnits: String?
    public var DefaultDimensionsUnits: String?
    public var LockDate: Cin7CalendarDate?
    public var OpeningBalanceDate: Cin7CalendarDate?
    public var TaxCalculationMethod: String?
    public init() {}
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
    public init(Line1: String? = nil, Line2: String? = nil, City: String? = nil, State: String? = nil, Postcode: String? = nil,
                Country: String? = nil, Company: String? = nil, Contact: String? = nil, ShipToOther: Bool? = nil) {
        self.Line1 = Line1; self.Line2 = Line2; self.City = City; self.State = State; self.Postcode = Postcode
        self.Country = Country; self.Company = Company; self.Contact = Contact; self.ShipToOther = ShipToOther
    }
}

/// A row of `saleList`.
public struct SaleListItem: Codable, Sendable, Hashable, Identifiable {
    public var SaleID: Cin7ID
    public var OrderNumber: String?
    public var Status: SaleStatus?
    public var OrderDate: Cin7CalendarDate?
    public var InvoiceDate: Cin7CalendarDate?
    public var Customer: String?
    public var CustomerID: Cin7ID?
    public var InvoiceNumber: String?
    public var CustomerReference: String?
    public var InvoiceAmount: Double?
    public var PaidAmount: Double?
    public var InvoiceDueDate: Cin7CalendarDate?
    public var ShipBy: Cin7CalendarDate?
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
        case CombinedInvoiceStatus, CreditNoteStatus, CombinedPaymentStatus, type = "Type", CombinedTrackingNumbers
        case SourceChannel, ExternalID, OrderLocationID
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
        self.SKU = SKU; self.Name = Name; self.Quantity = Quantity
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

/// A pick or pack line.
public struct PickPackLine: Codable, Sendable, Hashable {
    public var ProductID: Cin7ID?
    public var SKU: String?
    public var Name: String?
    public var Location: String?
    public var LocationID: Cin7ID?
    public var Quantity: Double?
    public var BatchSN: String?
    public var ExpiryDate: Cin7CalendarDate?
    /// Pack only.
    public var Box: String?
    public var NonInventory: Bool?
    /// Pack only.
    public var WarrantyRegistrationNumber: String?

    public init(ProductID: Cin7ID? = nil, SKU: String, Name: String? = nil, Location: String? = nil, LocationID: Cin7ID? = nil,
                Quantity: Double, BatchSN: String? = nil, ExpiryDate: Cin7CalendarDate? = nil, Box: String? = nil) {
        self.ProductID = ProductID; self.SKU = SKU; self.Name = Name; self.Location = Location; self.LocationID = LocationID
        self.Quantity = Quantity; self.BatchSN = BatchSN; self.ExpiryDate = ExpiryDate; self.Box = Box
    }
}

/// `Fulfilments[].Pick` and the answer of `sale/fulfilment/pick`.
public struct FulfilmentPick: Codable, Sendable, Hashable {
    public var TaskID: Cin7ID?
    public var Status: TaskStatus?
    public var Lines: [PickPackLine]?
    public init() {}
}

/// `Fulfilments[].Pack` and the answer of `sale/fulfilment/pack`.
public typealias FulfilmentPack = FulfilmentPick

/// A ship line as Cin7 returns it (`Boxes`, with a generated `ID`).
public struct ShipLine: Codable, Sendable, Hashable {
    public var ID: Cin7ID?
    public var ShipmentDate: Cin7CalendarDate?
    public var Carrier: String?
    public var Boxes: String?
    public var TrackingNumber: String?
    public var TrackingURL: String?
    public var IsShipped: Bool?
    public init() {}
}

/// `Fulfilments[].Ship` and the answer of `sale/fulfilment/ship`.
public struct FulfilmentShip: Codable, Sendable, Hashable {
    public var TaskID: Cin7ID?
    public var Status: TaskStatus?
    public var RequireBy: Cin7CalendarDate?
    public var ShippingAddress: Cin7Address?
    public var ShippingNotes: String?
    public var Lines: [ShipLine]?
    public init() {}
}

/// One entry of `Fulfilments`.
public struct SaleFulfilment: Codable, Sendable, Hashable {
    public var TaskID: Cin7ID
    public var FulfillmentNumber: Int?
    public var LinkedInvoiceNumber: String?
    public var FulFilmentStatus: CombinedStatus?
    public var Pick: FulfilmentPick?
    public var Pack: FulfilmentPack?
    public var Ship: FulfilmentShip?
    public init(TaskID: Cin7ID) { self.TaskID = TaskID }
}

/// `GET|POST sale/fulfilment`.
public struct SaleFulfilments: Codable, Sendable, Hashable {
    public var SaleID: Cin7ID
    public var Fulfilments: [SaleFulfilment]?
    public init(SaleID: Cin7ID, Fulfilments: [SaleFulfilment]? = nil) { self.SaleID = SaleID; self.Fulfilments = Fulfilments }
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
    public var ShipBy: Cin7CalendarDate?
    /// Default pick location name.
    public var Location: String?
    public var SaleOrderDate: Cin7CalendarDate?
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
        case CombinedPaymentStatus, CombinedTrackingNumbers, Carrier, type = "Type", SourceChannel, ExternalID, ServiceOnly
        case Order, Fulfilments
    }
}

// MARK: - Writes

/// The body of `POST|PUT sale/fulfilment/pick`. With `AutoPickMode: "AUTOPICK"` Cin7 picks every line itself.
public struct PickRequest: Codable, Sendable, Hashable {
    public var TaskID: Cin7ID
    public var Status: TaskStatus?
    public var AutoPickMode: String?
    public var Lines: [PickPackLine]?

    public init(TaskID: Cin7ID, Status: TaskStatus? = .authorised, Lines: [PickPackLine]) {
        self.TaskID = TaskID; self.Status = Status; self.Lines = Lines
    }

    /// `{"TaskID":…, "AutoPickMode":"AUTOPICK"}`: pick everything and authorise.
    public static func autoPick(taskID: Cin7ID) -> PickRequest {
        var request = PickRequest(TaskID: taskID, Status: nil, Lines: [])
        request.Lines = nil
        request.AutoPickMode = "AUTOPICK"
        return request
    }
}

/// The body of `POST|PUT sale/fulfilment/pack` (lines carry `Box`).
public struct PackRequest: Codable, Sendable, Hashable {
    public var TaskID: Cin7ID
    public var Status: TaskStatus?
    public var Lines: [PickPackLine]
    public init(TaskID: Cin7ID, Status: TaskStatus? = .authorised, Lines: [PickPackLine]) {
        self.TaskID = TaskID; self.Status = Status; self.Lines = Lines
    }
}

/// A ship line as Cin7 takes it on POST/PUT (`Box`, not `Boxes`).
public struct ShipRequestLine: Codable, Sendable, Hashable {
    public var ShipmentDate: Cin7CalendarDate
    public var Carrier: String?
    public var Box: String?
    public var TrackingNumber: String?
    public var TrackingURL: String?
    public var IsShipped: Bool
    public init(ShipmentDate: Cin7CalendarDate, Carrier: String?, Box: String?, TrackingNumber: String? = nil,
                TrackingURL: String? = nil, IsShipped: Bool = true) {
        self.ShipmentDate = ShipmentDate; self.Carrier = Carrier; self.Box = Box; self.TrackingNumber = TrackingNumber
        self.TrackingURL = TrackingURL; self.IsShipped = IsShipped
    }
}

/// The body of `POST|PUT sale/fulfilment/ship`. `AddTrackingNumbers: true` on a PUT updates the tracking or carrier of
/// an already authorised shipment.
public struct ShipRequest: Codable, Sendable, Hashable {
    public var TaskID: Cin7ID
    public var Status: TaskStatus?
    public var RequireBy: Cin7CalendarDate?
    public var ShippingAddress: Cin7Address?
    public var ShippingNotes: String?
    public var AddTrackingNumbers: Bool?
    public var Lines: [ShipRequestLine]
    public init(TaskID: Cin7ID, Status: TaskStatus? = .authorised, Lines: [ShipRequestLine], AddTrackingNumbers: Bool? = nil) {
        self.TaskID = TaskID; self.Status = Status; self.Lines = Lines; self.AddTrackingNumbers = AddTrackingNumbers
    }
}

// MARK: - Reference data

/// `ref/carrier` row.
public struct Carrier: Codable, Sendable, Hashable {
    public var CarrierID: Cin7ID
    public var Description: String?
    public init(CarrierID: Cin7ID, Description: String?) { self.CarrierID = CarrierID; self.Description = Description }
}

/// A bin inside a location's `Bins`.
public struct LocationBin: Codable, Sendable, Hashable {
    public var ID: Cin7ID
    public var Name: String?
    public var IsDeprecated: Bool?
    public var IsStaging: Bool?
}

/// `ref/location` row. Bins come both as rows of their own (with `ParentID`) and inside their parent's `Bins`.
public struct Location: Codable, Sendable, Hashable {
    public var ID: Cin7ID
    public var Name: String?
    public var IsDefault: Bool?
    public var IsDeprecated: Bool?
    public var Bins: [LocationBin]?
    public var FixedAssetsLocation: Bool?
    public var ParentID: Cin7ID?
    public var ParentName: String?
    public var AddressLine1: String?
    public var AddressLine2: String?
    public var AddressCitySuburb: String?
    public var AddressStateProvince: String?
    public var AddressZipPostCode: String?
    public var AddressCountry: String?
    public var PickZones: String?
    public var IsStaging: Bool?


    public var isBin: Bool { ParentID != nil }
    public init(ID: Cin7ID, Name: String?) { self.ID = ID; self.Name = Name }
}

/// `product` row (the fields the bridge uses).
public struct Product: Codable, Sendable, Hashable {
    public var ID: Cin7ID
    public var SKU: String?
    public var Name: String?
    public var Category: String?
    public var Brand: String?
    public var type: ProductType?
    public var UOM: String?
    public var Barcode: String?
    public var Weight: Double?
    public var Length: Double?
    public var Width: Double?
    public var Height: Double?
    public var WeightUnits: String?
    public var DimensionsUnits: String?
    public var Status: String?
    public var DropShipMode: String?
    public var DefaultLocation: String?
    public var LastModifiedOn: Cin7DateTime?


    public init(ID: Cin7ID, SKU: String?) { self.ID = ID; self.SKU = SKU }

    enum CodingKeys: String, CodingKey {
        case ID, SKU, Name, Category, Brand, type = "Type", UOM, Barcode, Weight, Length, Width, Height, WeightUnits
        case DimensionsUnits, Status, DropShipMode, DefaultLocation, LastModifiedOn
    }
}

/// A `webhooks` entry.
public struct Webhook: Codable, Sendable, Hashable {
    public struct Header: Codable, Sendable, Hashable {
        public var Key: String
        public var Value: String
        public init(Key: String, Value: String) { self.Key = Key; self.Value = Value }
    }
    public var ID: Cin7ID?
    public var type: String
    public var Name: String?
    public var IsActive: Bool?
    public var ExternalURL: String?
    public var ExternalAuthorizationType: String?
    public var ExternalUserName: String?
    public var ExternalPassword: String?
    public var ExternalBearerToken: String?
    public var ExternalHeaders: [Header]?

    public init(ID: Cin7ID? = nil, type: String, IsActive: Bool = true, ExternalURL: String,
                ExternalAuthorizationType: String = "noauth", ExternalBearerToken: String? = nil, ExternalHeaders: [Header]? = nil) {
        self.ID = ID; self.type = type; self.IsActive = IsActive; self.ExternalURL = ExternalURL
        self.ExternalAuthorizationType = ExternalAuthorizationType; self.ExternalBearerToken = ExternalBearerToken
        self.ExternalHeaders = ExternalHeaders
    }

    enum CodingKeys: String, CodingKey {
        case ID, type = "Type", Name, IsActive, ExternalURL, ExternalAuthorizationType, ExternalUserName, ExternalPassword
        case ExternalBearerToken, ExternalHeaders
    }
}

// MARK: - Filters

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

    public init(updatedSince: Date? = nil, updatedUntil: Date? = nil, createdSince: Date? = nil, orderStatus: OrderStatus? = nil,
                status: SaleStatus? = nil, orderLocationID: Cin7ID? = nil, search: String? = nil, externalID: String? = nil) {
        self.updatedSince = updatedSince; self.updatedUntil = updatedUntil; self.createdSince = createdSince
        self.orderStatus = orderStatus; self.status = status; self.orderLocationID = orderLocationID
        self.search = search; self.externalID = externalID
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

/// `customer` row (the fields the bridge shows).
public struct Customer: Codable, Sendable, Hashable {
    public var ID: Cin7ID
    public var Name: String?
    public var Currency: String?
    public var Status: String?
    public var Location: String?
    public var Carrier: String?
    public var LastModifiedOn: Cin7DateTime?
    public init(ID: Cin7ID, Name: String?) { self.ID = ID; self.Name = Name }
}
