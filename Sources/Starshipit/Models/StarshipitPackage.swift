import BridgeSupport

/// A package of a full order (starshipit-api.md L156): each has its own tracking number (L259, L322).
public struct StarshipitPackage: LenientDecodable, Sendable, Hashable {
    public var packageID: Int?
    public var name: String?
    public var weight: Double?
    public var carrierServiceCode: String?
    public var carrierServiceName: String?
    public var trackingNumber: String?
    public var trackingURL: String?
    public var deliveryStatus: String?
    /// UTC (L156): the ship date (L257).
    public var labelCreatedDate: StarshipitDate?

    enum CodingKeys: String, CodingKey {
        case packageID = "package_id"
        case name, weight
        case carrierServiceCode = "carrier_service_code"
        case carrierServiceName = "carrier_service_name"
        case trackingNumber = "tracking_number"
        case trackingURL = "tracking_url"
        case deliveryStatus = "delivery_status"
        case labelCreatedDate = "label_created_date"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        packageID = try container.decodeIfPresent(Int.self, forKey: .packageID)
        name = try container.decodeIfPresent(String.self, forKey: .name)
        weight = try container.decodeIfPresent(Double.self, forKey: .weight)
        carrierServiceCode = try container.decodeIfPresent(String.self, forKey: .carrierServiceCode)
        carrierServiceName = try container.decodeIfPresent(String.self, forKey: .carrierServiceName)
        trackingNumber = try container.decodeIfPresent(String.self, forKey: .trackingNumber)
        trackingURL = try container.decodeIfPresent(String.self, forKey: .trackingURL)
        deliveryStatus = try container.decodeIfPresent(String.self, forKey: .deliveryStatus)
        labelCreatedDate = try container.decodeIfPresent(StarshipitDate.self, forKey: .labelCreatedDate)
    }
}
