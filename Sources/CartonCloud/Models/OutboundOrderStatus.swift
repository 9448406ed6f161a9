/// A status CartonCloud sends; unknown values are kept as they came.
public struct OutboundOrderStatus: RawRepresentable, Decodable, Sendable, Hashable, CustomStringConvertible {
    public var rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public init(from decoder: any Decoder) throws {
        rawValue = (try? decoder.singleValueContainer().decode(String.self)) ?? ""
    }
    public var description: String { rawValue }

    public static let draft = Self(rawValue: "DRAFT")
    public static let awaitingStock = Self(rawValue: "AWAITING_STOCK")
    public static let awaitingPickAndPack = Self(rawValue: "AWAITING_PICK_AND_PACK")
    public static let packingInProgress = Self(rawValue: "PACKING_IN_PROGRESS")
    public static let picked = Self(rawValue: "PICKED")
    public static let packed = Self(rawValue: "PACKED")
    public static let dispatched = Self(rawValue: "DISPATCHED")
    public static let rejected = Self(rawValue: "REJECTED")
}
