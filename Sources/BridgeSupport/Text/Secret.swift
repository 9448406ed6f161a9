import Foundation

/// A credential (Cin7 application key, CartonCloud client secret). Its description is masked so it cannot reach a
/// log, a screen or an error message by accident; only `reveal()` gives the value, for the request that needs it.
public struct Secret: Sendable, Hashable, Codable, CustomStringConvertible, CustomDebugStringConvertible, ExpressibleByStringLiteral {
    private let value: String

    public init(_ value: String) { self.value = value }
    public init(stringLiteral value: String) { self.value = value }

    public init(from decoder: any Decoder) throws {
        value = try decoder.singleValueContainer().decode(String.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(value)
    }

    public func reveal() -> String { value }

    public var isEmpty: Bool { value.isEmpty }

    /// A fixed mask for screens that must show that a value is set, never any part of it.
    public var masked: String { value.isEmpty ? "" : "••••••••" }

    public var description: String { "<secret>" }
    public var debugDescription: String { "<secret>" }
}
