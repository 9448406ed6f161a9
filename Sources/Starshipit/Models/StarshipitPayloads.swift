import BridgeSupport

/// `{"order": {...}}` answers (starshipit-api.md L19, L22).
struct StarshipitOrderPayload: Decodable {
    var order: StarshipitOrder?
}

/// `{"orders": [...], "total_pages": n}` answers (L25, L201-202, L262); the `GET /api/orders` list may nest them
/// in `data` (L200).
struct StarshipitOrdersPayload<Element: LenientDecodable>: Decodable {
    var orders: [Element]
    var totalPages: Int?

    enum CodingKeys: String, CodingKey {
        case orders, order, data
        case totalPages = "total_pages"
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        totalPages = try container.decodeIfPresent(Int.self, forKey: .totalPages)
        if container.contains(.orders) {
            orders = try container.decode([Element].self, forKey: .orders)
        } else if container.contains(.order) {
            orders = try container.decode([Element].self, forKey: .order)
        } else if let data = try? container.nestedContainer(keyedBy: CodingKeys.self, forKey: .data) {
            orders = try data.decode([Element].self, forKey: .orders)
        } else {
            orders = []
        }
    }
}
