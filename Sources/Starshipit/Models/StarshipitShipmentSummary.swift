import BridgeSupport

/// A printed order of `GET /api/orders/shipments` (starshipit-api.md L262): tracking numbers and carrier from print
/// time, before any manifest; `date` is the print time (UTC). No tracking URL.
public struct StarshipitShipmentSummary: LenientDecodable, Sendable, Hashable, Identifiable {
    public var orderID: Int
    public var orderNumber: String
    public var date: StarshipitDate?
    public var name: String?
    public var carrierName: String?
    public var carrierServiceCode: String?
    public var trackingNumbers: [String]
    public var country: String?

    public var id: Int { orderID }

    enum CodingKeys: String, CodingKey {
        case orderID = "order_id"
        case orderNumber = "order_number"
        case date, name
        case carrierName = "carrier_name"
        case carrierServiceCode = "carrier_service_code"
        case trackingNumbers = "tracking_numbers"
        case country
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        orderID = try container.decodeIfPresent(Int.self, forKey: .orderID) ?? 0
        orderNumber = try container.decodeIfPresent(String.self, forKey: .orderNumber) ?? ""
        date = try container.decodeIfPresent(StarshipitDate.self, forKey: .date)
        name = try container.decodeIfPresent(String.self, forKey: .name)
        carrierName = try container.decodeIfPresent(String.self, forKey: .carrierName)
        carrierServiceCode = try container.decodeIfPresent(String.self, forKey: .carrierServiceCode)
        trackingNumbers =
            ((try? container.decodeIfPresent(LenientList<JSONScalar>.self, forKey: .trackingNumbers)) ?? nil)?
            .elements.compactMap(\.text).filter { !$0.isEmpty } ?? []
        country = try container.decodeIfPresent(String.self, forKey: .country)
    }
}
