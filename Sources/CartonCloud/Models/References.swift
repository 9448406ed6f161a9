import BridgeSupport

/// `references`: `customer`, `tracking`, `alternateReference`, `numericId` and any custom reference type. Values
/// sent as numbers are kept as text; values of other shapes are left out.
public struct References: Decodable, Sendable, Hashable {
    public var values: [String: String]

    public var customer: String? { values["customer"] }
    public var tracking: String? { values["tracking"] }
    public var alternateReference: String? { values["alternateReference"] }
    public var numericId: String? { values["numericId"] }
    public var code: String? { values["code"] }
    public var barcode: String? { values["barcode"] }
    public subscript(key: String) -> String? { values[key] }

    public init(from decoder: any Decoder) throws {
        values = ((try? [String: JSONScalar?](from: decoder)) ?? [:]).compactMapValues { $0?.text }
    }
}
