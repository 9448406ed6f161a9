import Foundation

/// The simulators' one JSON representation: request bodies are read into it and answers are written from it. The
/// CartonCloud simulator keeps orders in it, so it can echo a request back the way CartonCloud does and evaluate
/// search pointers (`/references/customer`) generically.
public enum SimJSON: Sendable, Equatable, Codable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([SimJSON])
    case object([String: SimJSON])

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Double.self) {
            self = .number(value)
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else if let value = try? container.decode([SimJSON].self) {
            self = .array(value)
        } else {
            self = .object(try container.decode([String: SimJSON].self))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .null: try container.encodeNil()
        case .bool(let value): try container.encode(value)
        case .number(let value):
            if value == value.rounded(), abs(value) < 1e15 { try container.encode(Int64(value)) } else { try container.encode(value) }
        case .string(let value): try container.encode(value)
        case .array(let value): try container.encode(value)
        case .object(let value): try container.encode(value)
        }
    }

    public subscript(key: String) -> SimJSON? {
        get { if case .object(let object) = self { return object[key] } else { return nil } }
        set {
            guard case .object(var object) = self else { return }
            object[key] = newValue
            self = .object(object)
        }
    }

    /// The value at an RFC 6901 JSON pointer, nil when absent.
    public func at(pointer: String) -> SimJSON? {
        var node: SimJSON? = self
        for raw in pointer.split(separator: "/", omittingEmptySubsequences: true) {
            let key =
                raw.utf8.contains(UInt8(ascii: "~"))
                ? raw.replacingOccurrences(of: "~1", with: "/").replacingOccurrences(of: "~0", with: "~") : String(raw)
            switch node {
            case .object(let object)?: node = object[key]
            case .array(let array)?: node = Int(key).flatMap { $0 >= 0 && $0 < array.count ? array[$0] : nil }
            default: return nil
            }
        }
        return node
    }

    public var stringValue: String? {
        switch self {
        case .string(let value): value
        case .number(let value): value == value.rounded() ? String(Int64(value)) : String(value)
        case .bool(let value): String(value)
        default: nil
        }
    }

    public var doubleValue: Double? {
        switch self {
        case .number(let value): value
        case .string(let value): Double(value)
        default: nil
        }
    }

    public var boolValue: Bool? {
        switch self {
        case .bool(let value): value
        case .string(let value): Bool(value.lowercased())
        default: nil
        }
    }

    public var isNull: Bool { self == .null }

    /// A string that is present and not empty.
    var nonEmptyString: String? {
        guard let value = stringValue, !value.isEmpty else { return nil }
        return value
    }

    /// The JSON text of `bytes`, nil when it is not JSON.
    static func decoded(_ bytes: [UInt8]) -> SimJSON? { try? JSONDecoder().decode(SimJSON.self, from: Data(bytes)) }

    func encoded() -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return Array((try? encoder.encode(self)) ?? Data("null".utf8))
    }
}
