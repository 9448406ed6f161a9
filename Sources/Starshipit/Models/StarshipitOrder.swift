import BridgeSupport

/// A full order as Starshipit returns it (starshipit-api.md L144-156). There are no created/updated timestamps
/// (L204); the ship date is the packages' `label_created_date` (L257).
public struct StarshipitOrder: LenientDecodable, Sendable, Hashable, Identifiable {
    public var orderID: Int
    public var orderNumber: String
    public var orderDate: StarshipitDate?
    public var reference: String?
    /// The carrier code (`AusPost`), or a number from newer accounts (L314), as text.
    public var carrier: String?
    /// The display name (`Australia Post`): what is written back to Cin7 as the carrier (L147).
    public var carrierName: String?
    public var carrierServiceCode: String?
    public var shippingMethod: String?
    /// `Unshipped`, `Saved`, `Printed`, `Shipped`, `Delivered` (L154, L234).
    public var status: String?
    public var manifested: Bool?
    public var archived: Bool?
    public var destination: StarshipitAddress?
    public var items: [StarshipitOrderItem]?
    public var packages: [StarshipitPackage]?

    public var id: Int { orderID }

    /// The status as a known value.
    public var lifecycle: StarshipitOrderStatus { StarshipitOrderStatus(text: status ?? "") }

    /// Packages that carry a tracking number (a label was printed for them).
    public var trackedPackages: [StarshipitPackage] { (packages ?? []).filter { !($0.trackingNumber ?? "").isEmpty } }

    enum CodingKeys: String, CodingKey {
        case orderID = "order_id"
        case orderNumber = "order_number"
        case orderDate = "order_date"
        case reference, carrier
        case carrierName = "carrier_name"
        case carrierServiceCode = "carrier_service_code"
        case shippingMethod = "shipping_method"
        case status, manifested, archived, destination, items, packages
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        orderID = try container.decodeIfPresent(Int.self, forKey: .orderID) ?? 0
        orderNumber = try container.decodeIfPresent(String.self, forKey: .orderNumber) ?? ""
        orderDate = try container.decodeIfPresent(StarshipitDate.self, forKey: .orderDate)
        reference = try container.decodeIfPresent(String.self, forKey: .reference)
        carrier = try container.decodeIfPresent(String.self, forKey: .carrier)
        carrierName = try container.decodeIfPresent(String.self, forKey: .carrierName)
        carrierServiceCode = try container.decodeIfPresent(String.self, forKey: .carrierServiceCode)
        shippingMethod = try container.decodeIfPresent(String.self, forKey: .shippingMethod)
        status = try container.decodeIfPresent(String.self, forKey: .status)
        manifested = try container.decodeIfPresent(Bool.self, forKey: .manifested)
        archived = try container.decodeIfPresent(Bool.self, forKey: .archived)
        destination = try container.decodeIfPresent(StarshipitAddress.self, forKey: .destination)
        items = try container.decodeIfPresent([StarshipitOrderItem].self, forKey: .items)
        packages = try container.decodeIfPresent([StarshipitPackage].self, forKey: .packages)
    }
}
