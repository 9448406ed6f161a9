import Foundation

/// The simulator's dates: stored as instants, rendered as Pacific wall-clock time without offset and with 7
/// fractional digits, `shipDate` as a day (shipstation-api.md L95, L99).
enum ShipStationPacific {
    static let calendar: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "America/Los_Angeles")!
        return calendar
    }()

    /// `2015-06-29T14:29:28.5830000`.
    static func timestamp(_ date: Date) -> String {
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        let whole = calendar.date(from: parts) ?? date
        let ticks = min(9_999_999, max(0, Int((date.timeIntervalSince(whole) * 10_000_000).rounded(.down))))
        return String(
            format: "%04d-%02d-%02dT%02d:%02d:%02d.%07d",
            parts.year ?? 0,
            parts.month ?? 0,
            parts.day ?? 0,
            parts.hour ?? 0,
            parts.minute ?? 0,
            parts.second ?? 0,
            ticks
        )
    }

    /// `2015-06-29`.
    static func day(_ date: Date) -> String {
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        return String(format: "%04d-%02d-%02d", parts.year ?? 0, parts.month ?? 0, parts.day ?? 0)
    }

    /// Midnight of the day as a timestamp (`"2015-07-05T00:00:00.0000000"`, L95).
    static func midnight(_ date: Date) -> String { day(date) + "T00:00:00.0000000" }

    enum Parsed: Equatable {
        case date(Date)
        case hasOffset(Date)
        case invalid
    }

    /// Reads `yyyy-MM-dd[( |T)HH:mm[:ss[.f…]]][Z|±hh:mm]` as Pacific time unless it carries an offset.
    static func parse(_ text: String) -> Parsed {
        let pattern = #"^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?)?(Z|[+-]\d{2}:\d{2})?$"#
        guard let regex = try? NSRegularExpression(pattern: pattern),
            let match = regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text))
        else { return .invalid }
        func group(_ index: Int) -> String? {
            guard let range = Range(match.range(at: index), in: text) else { return nil }
            return String(text[range])
        }
        var components = DateComponents(
            year: Int(group(1)!),
            month: Int(group(2)!),
            day: Int(group(3)!),
            hour: group(4).flatMap(Int.init) ?? 0,
            minute: group(5).flatMap(Int.init) ?? 0,
            second: group(6).flatMap(Int.init) ?? 0
        )
        guard let month = components.month, (1...12).contains(month), let day = components.day, (1...31).contains(day) else { return .invalid }
        var zoned = calendar
        let offset = group(8)
        if let offset {
            if offset == "Z" {
                zoned.timeZone = TimeZone(secondsFromGMT: 0)!
            } else {
                let sign = offset.hasPrefix("-") ? -1 : 1
                let hours = Int(offset.dropFirst().prefix(2)) ?? 0
                let minutes = Int(offset.suffix(2)) ?? 0
                zoned.timeZone = TimeZone(secondsFromGMT: sign * (hours * 3600 + minutes * 60))!
            }
        }
        components.calendar = zoned
        guard let base = zoned.date(from: components) else { return .invalid }
        let fraction = group(7).flatMap { Double("0" + $0) } ?? 0
        let date = base.addingTimeInterval(fraction)
        return offset == nil ? .date(date) : .hasOffset(date)
    }
}
