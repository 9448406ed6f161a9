import BridgeSupport

/// The paging envelope of lists: `{<items>, total, page, pages}` (shipstation-api.md L196-L201).
struct ListPage<Element: LenientDecodable>: Decodable {
    var elements: [Element]
    var total: Int?
    var page: Int?
    var pages: Int?

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: ListKey.self)
        let listKey = ["orders", "shipments", "fulfillments"].map { ListKey(stringValue: $0) }.first { container.contains($0) }
        guard let listKey else {
            throw DecodingError.keyNotFound(ListKey(stringValue: "orders"), .init(codingPath: [], debugDescription: "no list in the envelope"))
        }
        elements = try container.decode([Element].self, forKey: listKey)
        total = container.scalar(forKey: ListKey(stringValue: "total"))?.int
        page = container.scalar(forKey: ListKey(stringValue: "page"))?.int
        pages = container.scalar(forKey: ListKey(stringValue: "pages"))?.int
    }
}

extension ListPage: Sendable where Element: Sendable {}

/// A key of the envelope, named at run time.
private struct ListKey: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }
    init(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
}
