import BridgeSupport

/// The paging envelope of lists: `{<items>, total, page, pages}` (shipstation-api.md L196-L201).
struct ListPage<Element: LenientDecodable>: Decodable {
    var elements: [Element]
    var total: Int?
    var page: Int?
    var pages: Int?

    private struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: Key.self)
        let listKey = ["orders", "shipments", "fulfillments"].map(Key.init(stringValue:)).first { container.contains($0) }
        guard let listKey else {
            throw DecodingError.keyNotFound(Key(stringValue: "orders"), .init(codingPath: [], debugDescription: "no list in the envelope"))
        }
        elements = try container.decode([Element].self, forKey: listKey)
        total = container.scalar(forKey: Key(stringValue: "total"))?.int
        page = container.scalar(forKey: Key(stringValue: "page"))?.int
        pages = container.scalar(forKey: Key(stringValue: "pages"))?.int
    }
}
