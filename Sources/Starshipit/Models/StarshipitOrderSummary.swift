import BridgeSupport

/// A hit of `GET /api/orders/search` (starshipit-api.md L202): no status and no packages; read the full order by
/// `order_id` for those.
public struct StarshipitOrderSummary: LenientDecodable, Sendable, Hashable, Identifiable {
    public var orderID: Int
    public var orderNumber: String
    public var orderDate: StarshipitDate?
    public var name: String?
    public var carrierName: String?
    public var trackingNumber: String?
    public var country: String?

    public var id: Int { orderID }

    enum CodingKeys: String, CodingKey {
        case orderID = "order_id"
        case orderNumber = "order_number"
        case orderDate = "order_date"
        case name
        case carrierName = "carrier_name"
        case trackingNumber = "tracking_number"
        case country
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        orderID = try container.decodeIfPresent(Int.self, forKey: .orderID) ?? 0
        orderNumber = try container.decodeIfPresent(String.self, forKey: .orderNumber) ?? ""
        orderDate = try container.decodeIfPresent(StarshipitDate.self, forKey: .orderDate)
        name = try container.decodeIfPresent(String.self, forKey: .name)
        carrierName = try container.decodeIfPresent(String.self, forKey: .carrierName)
        trackingNumber = try container.decodeIfPresent(String.self, forKey: .trackingNumber)
        country = try container.decodeIfPresent(String.self, forKey: .country)
    }
}
