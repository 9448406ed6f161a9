/// One JSON value read as whatever scalar it is, so an API field sent as a number where text is documented (or the
/// other way round) is converted instead of failing the answer. Null, objects and arrays read as `.other`; decoding
/// never fails.
public enum JSONScalar: Decodable, Sendable, Hashable {
    case string(String)
    case int(Int)
    case double(Double)
    case bool(Bool)
    case other

    public init(from decoder: any Decoder) throws {
        guard let container = try? decoder.singleValueContainer() else {
            self = .other
            return
        }
        if let value = try? container.decode(String.self) {
            self = .string(value)
        } else if let value = try? container.decode(Int.self) {
            self = .int(value)
        } else if let value = try? container.decode(Double.self) {
            self = .double(value)
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else {
            self = .other
        }
    }

    /// Text as sent; a number or truth value as written (`4000` → "4000").
    public var text: String? {
        switch self {
        case .string(let value): value
        case .int(let value): String(value)
        case .double(let value): String(value)
        case .bool(let value): String(value)
        case .other: nil
        }
    }

    /// A number, or numeric text.
    public var double: Double? {
        switch self {
        case .string(let value): Double(value)
        case .int(let value): Double(value)
        case .double(let value): value
        case .bool, .other: nil
        }
    }

    /// A whole number, numeric text, or a number rounded to the nearest whole one.
    public var int: Int? {
        switch self {
        case .string(let value): Int(value)
        case .int(let value): value
        case .double(let value): Int(exactly: value.rounded())
        case .bool, .other: nil
        }
    }

    /// A truth value, `true`/`1`/`yes` as text, or a non-zero whole number.
    public var bool: Bool? {
        switch self {
        case .string(let value): ["true", "1", "yes"].contains(value.lowercased())
        case .int(let value): value != 0
        case .bool(let value): value
        case .double, .other: nil
        }
    }
}
