import Foundation

/// A ShipStation date-time. ShipStation answers in Pacific time (PST/PDT) without an offset, with up to 7
/// fractional digits (`2024-09-17T10:51:14.5030000`), date-only for a shipment's `shipDate` (`2024-09-17`), and
/// expects filters in Pacific time too (shipstation-api.md §5, L94-L98). The instant is kept in `date`; parsing and
/// formatting go through `America/Los_Angeles`, so daylight saving is applied (a fixed −8 h is a known bug, L96).
public struct PacificDate: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var date: Date

    public init(_ date: Date) { self.date = date }

    /// The Pacific time zone ShipStation V1 speaks.
    public static let timeZone = TimeZone(identifier: "America/Los_Angeles")!

    static let calendar: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = PacificDate.timeZone
        return calendar
    }()

    /// Reads `yyyy-MM-dd`, `yyyy-MM-dd HH:mm:ss`, `yyyy-MM-ddTHH:mm:ss[.f…]` as Pacific wall-clock time. A value
    /// with `Z` or an offset (the generated OpenAPI pages' examples, L97) is read as that offset says.
    public init?(_ text: String) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let chars = Array(trimmed.utf8)
        guard chars.count >= 10, let year = Self.number(chars, 0, 4), chars[4] == UInt8(ascii: "-"),
            let month = Self.number(chars, 5, 2), chars[7] == UInt8(ascii: "-"), let day = Self.number(chars, 8, 2)
        else { return nil }
        var components = DateComponents(year: year, month: month, day: day, hour: 0, minute: 0, second: 0)
        var index = 10
        var fraction = 0.0
        var offset: Int?
        if index < chars.count {
            guard chars[index] == UInt8(ascii: "T") || chars[index] == UInt8(ascii: " "), chars.count >= index + 6,
                let hour = Self.number(chars, index + 1, 2), chars[index + 3] == UInt8(ascii: ":"), let minute = Self.number(chars, index + 4, 2)
            else { return nil }
            components.hour = hour
            components.minute = minute
            index += 6
            if index < chars.count, chars[index] == UInt8(ascii: ":") {
                guard let second = Self.number(chars, index + 1, 2) else { return nil }
                components.second = second
                index += 3
            }
            if index < chars.count, chars[index] == UInt8(ascii: ".") {
                var digits = 0
                var scale = 0.1
                index += 1
                while index < chars.count, chars[index] >= 0x30, chars[index] <= 0x39 {
                    fraction += Double(chars[index] - 0x30) * scale
                    scale /= 10
                    digits += 1
                    index += 1
                }
                guard digits > 0 else { return nil }
            }
            if index < chars.count {
                if chars[index] == UInt8(ascii: "Z"), index == chars.count - 1 {
                    offset = 0
                } else if chars[index] == UInt8(ascii: "+") || chars[index] == UInt8(ascii: "-"), chars.count == index + 6,
                    let hours = Self.number(chars, index + 1, 2), chars[index + 3] == UInt8(ascii: ":"),
                    let minutes = Self.number(chars, index + 4, 2)
                {
                    offset = (hours * 3600 + minutes * 60) * (chars[index] == UInt8(ascii: "-") ? -1 : 1)
                } else {
                    return nil
                }
            }
        }
        guard (1...12).contains(month), (1...31).contains(day), (0...23).contains(components.hour ?? 0), (0...59).contains(components.minute ?? 0),
            (0...60).contains(components.second ?? 0)
        else { return nil }
        var calendar = Self.calendar
        if let offset, let zone = TimeZone(secondsFromGMT: offset) { calendar.timeZone = zone }
        guard let base = calendar.date(from: components) else { return nil }
        date = base.addingTimeInterval(fraction)
    }

    private static func number(_ chars: [UInt8], _ start: Int, _ count: Int) -> Int? {
        guard start + count <= chars.count else { return nil }
        var value = 0
        for char in chars[start..<(start + count)] {
            guard char >= 0x30, char <= 0x39 else { return nil }
            value = value * 10 + Int(char - 0x30)
        }
        return value
    }

    private var parts: DateComponents {
        Self.calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
    }

    /// `2016-11-29 23:59:59`: the documented request form (L94), Pacific, no offset; what list filters send.
    public var filterText: String {
        let p = parts
        return String(format: "%04d-%02d-%02d %02d:%02d:%02d", p.year ?? 0, p.month ?? 0, p.day ?? 0, p.hour ?? 0, p.minute ?? 0, p.second ?? 0)
    }

    /// `2016-11-29`: the Pacific calendar day (shipment `shipDate`, L95).
    public var dayText: String {
        let p = parts
        return String(format: "%04d-%02d-%02d", p.year ?? 0, p.month ?? 0, p.day ?? 0)
    }

    public var description: String { filterText }

    public static func < (lhs: PacificDate, rhs: PacificDate) -> Bool { lhs.date < rhs.date }
}
