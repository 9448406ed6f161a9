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

/// The parser behind `Cin7DateTime`, without `DateFormatter` (its fraction handling varies by platform).
public enum Cin7DateParser {
    /// Parses `yyyy-MM-dd[THH:mm[:ss[.f{0,7}]]][Z|±HH:mm|±HHmm]`; no zone means UTC.
    public static func parseDateTime(_ string: String) -> Date? {
        let chars = Array(string.trimmingCharacters(in: .whitespaces).utf8)
        var index = 0
        func number(_ width: Int) -> Int? {
            guard index + width <= chars.count else { return nil }
            var value = 0
            for offset in 0..<width {
                let c = chars[index + offset]
                guard c >= 48, c <= 57 else { return nil }
                value = value * 10 + Int(c - 48)
            }
            index += width
            return value
        }
        func expect(_ c: UInt8) -> Bool {
            guard index < chars.count, chars[index] == c else { return false }
            index += 1
            return true
        }
        guard let year = number(4), expect(45), let month = number(2), expect(45), let day = number(2) else { return nil }
        var hour = 0
        var minute = 0
        var second = 0
        var fraction = 0.0
        if index < chars.count, chars[index] == 84 || chars[index] == 116 || chars[index] == 32 {
            index += 1
            guard let h = number(2), expect(58), let m = number(2) else { return nil }
            hour = h
            minute = m
            if expect(58) {
                guard let s = number(2) else { return nil }
                second = s
                if expect(46) || expect(44) {
                    var digits = 0
                    var scale = 0.1
                    while index < chars.count, chars[index] >= 48, chars[index] <= 57 {
                        if digits < 9 { fraction += Double(chars[index] - 48) * scale }
                        scale /= 10
                        digits += 1
                        index += 1
                    }
                    guard digits > 0 else { return nil }
                }
            }
        }
        var offsetSeconds = 0
        if index < chars.count {
            let c = chars[index]
            if c == 90 || c == 122 {
                index += 1
            } else if c == 43 || c == 45 {
                index += 1
                guard let oh = number(2) else { return nil }
                _ = expect(58)
                let om = number(2) ?? 0
                offsetSeconds = (oh * 3600 + om * 60) * (c == 45 ? -1 : 1)
            } else {
                return nil
            }
        }
        guard index == chars.count else { return nil }
        guard (1...12).contains(month), (1...31).contains(day), hour < 24, minute < 60, second < 61 else { return nil }
        let days = daysFromCivil(year: year, month: month, day: day)
        let seconds = Double(days * 86_400 + hour * 3600 + minute * 60 + second - offsetSeconds) + fraction
        return Date(timeIntervalSince1970: seconds)
    }

    /// `yyyy-MM-ddTHH:mm:ss.fffZ` in UTC.
    public static func format(_ date: Date) -> String {
        let total = date.timeIntervalSince1970
        var seconds = Int(total.rounded(.down))
        var millis = Int(((total - Double(seconds)) * 1000).rounded())
        if millis >= 1000 {
            seconds += 1
            millis -= 1000
        }
        let days = Int((Double(seconds) / 86_400).rounded(.down))
        let rest = seconds - days * 86_400
        let (y, m, d) = civilFromDays(days)
        func padded(_ value: Int, _ width: Int) -> String {
            let digits = String(value)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        return
            "\(padded(y, 4))-\(padded(m, 2))-\(padded(d, 2))T\(padded(rest / 3600, 2)):\(padded(rest % 3600 / 60, 2)):\(padded(rest % 60, 2)).\(padded(millis, 3))Z"
    }

    // Howard Hinnant's algorithms: proleptic Gregorian calendar, days since 1970-01-01.
    static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    static func civilFromDays(_ days: Int) -> (Int, Int, Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }
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
