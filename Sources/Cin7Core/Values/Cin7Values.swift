import BridgeSupport
import Foundation

/// A Cin7 GUID. Cin7 spells them in lower case in most answers and in upper case in webhooks and bin IDs, so the value
/// is kept in lower case and compared that way.
public struct Cin7ID: Sendable, Hashable, Comparable, Codable, ExpressibleByStringLiteral, CustomStringConvertible {
    public let value: String

    public init(_ value: String) { self.value = value.trimmingCharacters(in: .whitespaces).lowercased() }
    public init(stringLiteral value: String) { self.init(value) }

    public init(from decoder: any Decoder) throws {
        self.init(try decoder.singleValueContainer().decode(String.self))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(value)
    }

    public var description: String { value }
    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.value < rhs.value }
}

/// A string enumeration from Cin7 that keeps values it does not know. Values are compared in upper case (Cin7's own
/// casing drifts, e.g. `Active` vs `ACTIVE`).
public protocol Cin7EnumValue: RawRepresentable, Codable, Hashable, Sendable, ExpressibleByStringLiteral,
    CustomStringConvertible
where RawValue == String {
    init(rawValue: String)
}

extension Cin7EnumValue {
    public init(stringLiteral value: String) { self.init(rawValue: value) }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        self.init(rawValue: (try? container.decode(String.self)) ?? "")
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }

    public var description: String { rawValue }

    static func normalise(_ value: String) -> String {
        value.trimmingCharacters(in: .whitespacesAndNewlines).uppercased()
    }
}

/// Sale `Status` (`ORDERED`, `BACKORDERED`, `VOIDED`, …).
public struct SaleStatus: Cin7EnumValue {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = Self.normalise(rawValue) }
    public static let draft: Self = "DRAFT", voided: Self = "VOIDED", estimating: Self = "ESTIMATING", estimated: Self = "ESTIMATED"
    public static let ordering: Self = "ORDERING", ordered: Self = "ORDERED", backordered: Self = "BACKORDERED"
    public static let picking: Self = "PICKING", picked: Self = "PICKED", packing: Self = "PACKING", packed: Self = "PACKED"
    public static let shipping: Self = "SHIPPING", invoicing: Self = "INVOICING", invoiced: Self = "INVOICED"
    public static let credited: Self = "CREDITED", completed: Self = "COMPLETED"
}

/// `OrderStatus` and `QuoteStatus` (`NOT AVAILABLE`, `DRAFT`, `AUTHORISED`, `VOIDED`, `AUTH_NO_ALLOC`, …).
public struct OrderStatus: Cin7EnumValue {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = Self.normalise(rawValue) }
    public static let notAvailable: Self = "NOT AVAILABLE", draft: Self = "DRAFT", authorised: Self = "AUTHORISED"
    public static let voided: Self = "VOIDED", authorisedNoAllocation: Self = "AUTH_NO_ALLOC", fulfilled: Self = "FULFILLED", closed: Self = "CLOSED"
}

/// Pick, pack and ship task `Status` (`NOT AVAILABLE`, `DRAFT`, `PARTIALLY AUTHORISED`, `AUTHORISED`, `VOIDED`).
public struct TaskStatus: Cin7EnumValue {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = Self.normalise(rawValue) }
    public static let notAvailable: Self = "NOT AVAILABLE", draft: Self = "DRAFT", partiallyAuthorised: Self = "PARTIALLY AUTHORISED"
    public static let authorised: Self = "AUTHORISED", voided: Self = "VOIDED"
}

/// Combined statuses (`CombinedPickingStatus`, `CombinedShippingStatus`, `FulFilmentStatus`, `CombinedInvoiceStatus`, …).
public struct CombinedStatus: Cin7EnumValue {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = Self.normalise(rawValue) }
    public static let notAvailable: Self = "NOT AVAILABLE", voided: Self = "VOIDED"
    public static let notPicked: Self = "NOT PICKED", picking: Self = "PICKING", partiallyPicked: Self = "PARTIALLY PICKED", picked: Self = "PICKED"
    public static let notPacked: Self = "NOT PACKED", packing: Self = "PACKING", partiallyPacked: Self = "PARTIALLY PACKED", packed: Self = "PACKED"
    public static let notShipped: Self = "NOT SHIPPED", shipping: Self = "SHIPPING", partiallyShipped: Self = "PARTIALLY SHIPPED",
        shipped: Self = "SHIPPED"
    public static let notFulfilled: Self = "NOT FULFILLED", partiallyFulfilled: Self = "PARTIALLY FULFILLED", fulfilled: Self = "FULFILLED"
}

/// Sale `Type`: `Simple Sale`, `Advanced Sale`, `Service Sale`.
public struct SaleType: Cin7EnumValue {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = Self.normalise(rawValue) }
    public static let simple: Self = "SIMPLE SALE", advanced: Self = "ADVANCED SALE", service: Self = "SERVICE SALE"
}

/// Product `Type`: `Stock`, `Service`, `Non-Inventory`, …
public struct ProductType: Cin7EnumValue {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = Self.normalise(rawValue) }
    public static let stock: Self = "STOCK", service: Self = "SERVICE", nonInventory: Self = "NON-INVENTORY"
}

/// The `CountryFormat` of `GET sale`.
public enum CountryFormat: String, Sendable {
    case regular = "Regular"
    case code2 = "Code2"
    case code = "Code"
}

/// POST creates (or adds to) a task; PUT replaces it.
public enum WriteMethod: String, Sendable {
    case post = "POST"
    case put = "PUT"
}

// Tolerant decoding of primitives (internal, so it never changes decoding in modules that import Cin7Core): a value of
// an unexpected JSON type in an optional field becomes nil, or is converted when the meaning is clear (`JSONScalar`).
extension KeyedDecodingContainer {
    func decodeIfPresent(_ type: String.Type, forKey key: Key) throws -> String? { scalar(forKey: key)?.text }
    func decodeIfPresent(_ type: Double.Type, forKey key: Key) throws -> Double? { scalar(forKey: key)?.double }
    func decodeIfPresent(_ type: Int.Type, forKey key: Key) throws -> Int? { scalar(forKey: key)?.int }
    func decodeIfPresent(_ type: Bool.Type, forKey key: Key) throws -> Bool? { scalar(forKey: key)?.bool }
}
