import BridgeSupport

/// A bare JSON array of models (warehouses, stores, carriers: shipstation-api.md L286), read leniently.
struct BareArray<Element: Decodable & Sendable>: Decodable, Sendable {
    var elements: [Element]

    init(from decoder: any Decoder) throws {
        elements = try LenientList<Element>(from: decoder).elements
    }
}
