import BridgeSupport
import Foundation

/// `GET me`: the company behind the credentials.
public struct Cin7Me: Codable, Sendable, Hashable {
    public var Company: String?
    public var Currency: String?
    public var TimeZone: String?
    public var DefaultWeightUnits: String?
    public var DefaultDimensionsUnits: String?
    public var LockDate: CalendarDate?
    public var OpeningBalanceDate: CalendarDate?
    public var TaxCalculationMethod: String?
    public init() {}
}

/// `ref/carrier` row.
public struct Carrier: Codable, Sendable, Hashable {
    public var CarrierID: Cin7ID
    public var Description: String?
    public init(CarrierID: Cin7ID, Description: String?) {
        self.CarrierID = CarrierID
        self.Description = Description
    }
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
    public init(ID: Cin7ID, Name: String?) {
        self.ID = ID
        self.Name = Name
    }
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

    public init(ID: Cin7ID, SKU: String?) {
        self.ID = ID
        self.SKU = SKU
    }

    enum CodingKeys: String, CodingKey {
        case ID, SKU, Name, Category, Brand
        case type = "Type"
        case UOM, Barcode, Weight, Length, Width, Height, WeightUnits
        case DimensionsUnits, Status, DropShipMode, DefaultLocation, LastModifiedOn
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
    public init(ID: Cin7ID, Name: String?) {
        self.ID = ID
        self.Name = Name
    }
}
