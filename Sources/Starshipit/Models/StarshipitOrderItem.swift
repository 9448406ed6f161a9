import BridgeSupport

/// A line of a full order (starshipit-api.md L140-142).
public struct StarshipitOrderItem: LenientDecodable, Sendable, Hashable {
    public var itemID: Int?
    public var description: String?
    public var sku: String?
    public var quantity: Double?
    public var quantityToShip: Double?
    public var quantityShipped: Double?

    enum CodingKeys: String, CodingKey {
        case itemID = "item_id"
        case description, sku, quantity
        case quantityToShip = "quantity_to_ship"
        case quantityShipped = "quantity_shipped"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        itemID = try container.decodeIfPresent(Int.self, forKey: .itemID)
        description = try container.decodeIfPresent(String.self, forKey: .description)
        sku = try container.decodeIfPresent(String.self, forKey: .sku)
        quantity = try container.decodeIfPresent(Double.self, forKey: .quantity)
        quantityToShip = try container.decodeIfPresent(Double.self, forKey: .quantityToShip)
        quantityShipped = try container.decodeIfPresent(Double.self, forKey: .quantityShipped)
    }
}
