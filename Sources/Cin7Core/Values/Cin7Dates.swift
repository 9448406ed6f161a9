import BridgeSupport
import Foundation

/// A Cin7 timestamp (`Updated`, `LastModifiedOn`): ISO 8601 with 0–7 fractional digits and an optional `Z` or
/// offset. Cin7 documents every date as UTC, so a timestamp without a zone is read as UTC.
public struct Cin7DateTime: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    public var date: Date

    public init(_ date: Date) { self.date = date }

    public init?(string: String) {
        guard let date = Cin7DateParser.parseDateTime(string) else { return nil }
        self.date = date
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let date = Cin7DateParser.parseDateTime(text) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "not a Cin7 date-time: \(text)")
        }
        self.date = date
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(Cin7DateParser.format(date))
    }

    /// `yyyy-MM-ddTHH:mm:ss.fffZ` in UTC, the form Cin7 accepts in query parameters such as `UpdatedSince`.
    public var queryValue: String { Cin7DateParser.format(date) }
    public var description: String { queryValue }
    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.date < rhs.date }
}

/// Cin7's timestamps (`ISO8601Timestamp`): milliseconds when written, as Cin7's query parameters take them.
public enum Cin7DateParser {
    /// Parses `yyyy-MM-dd[THH:mm[:ss[.f{0,7}]]][Z|±HH:mm|±HHmm]`; no zone means UTC.
    public static func parseDateTime(_ string: String) -> Date? { ISO8601Timestamp.parse(string) }

    /// `yyyy-MM-ddTHH:mm:ss.fffZ` in UTC.
    public static func format(_ date: Date) -> String { ISO8601Timestamp.format(date, fractionDigits: 3) }
}

// Tolerant decoding: an unreadable date in an optional field becomes nil instead of failing the whole object.
extension KeyedDecodingContainer {  // internal: must not change decoding in modules that import Cin7Core
    func decodeIfPresent(_ type: Cin7DateTime.Type, forKey key: Key) throws -> Cin7DateTime? {
        guard let text = try? decodeIfPresent(String.self, forKey: key) else { return nil }
        return Cin7DateTime(string: text)
    }

    /// Cin7 sends date-only fields as `2017-09-29T00:00:00`, a day in the account's own calendar, not an instant.
    func decodeIfPresent(_ type: CalendarDate.Type, forKey key: Key) throws -> CalendarDate? {
        guard let text = try? decodeIfPresent(String.self, forKey: key) else { return nil }
        return CalendarDate(text)
    }
}
