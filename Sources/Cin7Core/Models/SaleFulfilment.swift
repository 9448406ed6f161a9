import BridgeSupport
import Foundation

/// A pick or pack line.
public struct PickPackLine: Codable, Sendable, Hashable {
    public var ProductID: Cin7ID?
    public var SKU: String?
    public var Name: String?
    public var Location: String?
    public var LocationID: Cin7ID?
    public var Quantity: Double?
    public var BatchSN: String?
    public var ExpiryDate: CalendarDate?
    /// Pack only.
    public var Box: String?
    public var NonInventory: Bool?
    /// Pack only.
    public var WarrantyRegistrationNumber: String?

    public init(
        ProductID: Cin7ID? = nil,
        SKU: String,
        Name: String? = nil,
        Location: String? = nil,
        LocationID: Cin7ID? = nil,
        Quantity: Double,
        BatchSN: String? = nil,
        ExpiryDate: CalendarDate? = nil,
        Box: String? = nil
    ) {
        self.ProductID = ProductID
        self.SKU = SKU
        self.Name = Name
        self.Location = Location
        self.LocationID = LocationID
        self.Quantity = Quantity
        self.BatchSN = BatchSN
        self.ExpiryDate = ExpiryDate
        self.Box = Box
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
    public var ShipmentDate: CalendarDate?
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
    public var RequireBy: CalendarDate?
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
    public init(SaleID: Cin7ID, Fulfilments: [SaleFulfilment]? = nil) {
        self.SaleID = SaleID
        self.Fulfilments = Fulfilments
    }
}
