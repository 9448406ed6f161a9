import Foundation

/// ISO 8601 timestamps read and written by hand: Cin7's (0–7 fraction digits, the zone optional) and the store's
/// PostgreSQL rows (microseconds). `DateFormatter`'s fraction handling varies by platform, and building an
/// `ISO8601DateFormatter` for each date cost the PostgreSQL store a quarter of its CPU time.
public enum ISO8601Timestamp {
    /// Parses `yyyy-MM-dd[THH:mm[:ss[.f…]]][Z|±HH:mm|±HHmm|±HH]`; no zone means UTC. Dates are proleptic Gregorian
    /// (as PostgreSQL's), fractions beyond nine digits are read as nine.
    public static func parse(_ string: String) -> Date? {
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
                    // The digits as a whole number over a power of ten: one rounding, so `.123456` reads as the
                    // nearest double to 0.123456, as its text says.
                    var (digits, value, scale) = (0, 0, 1.0)
                    while index < chars.count, chars[index] >= 48, chars[index] <= 57 {
                        if digits < 9 { (value, scale) = (value * 10 + Int(chars[index] - 48), scale * 10) }
                        digits += 1
                        index += 1
                    }
                    guard digits > 0 else { return nil }
                    fraction = Double(value) / scale
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
        let seconds =
            CalendarDate(year: year, month: month, day: day).daysSince1970 * 86_400 + hour * 3600 + minute * 60 + second
            - offsetSeconds
        // Whole seconds since the reference date (exact), then the fraction: one rounding.
        return Date(timeIntervalSinceReferenceDate: Double(seconds - 978_307_200) + fraction)
    }

    /// `yyyy-MM-ddTHH:mm:ss.fffZ` in UTC with `fractionDigits` digits (rounded; 0 drops the fraction and its dot).
    public static func format(_ date: Date, fractionDigits: Int) -> String {
        let total = date.timeIntervalSince1970
        let unit = Int(pow(10, Double(fractionDigits)))
        var seconds = Int(total.rounded(.down))
        var fraction = Int(((total - Double(seconds)) * Double(unit)).rounded())
        if fraction >= unit {
            seconds += 1
            fraction -= unit
        }
        let days = Int((Double(seconds) / 86_400).rounded(.down))
        let rest = seconds - days * 86_400
        let day = CalendarDate(daysSince1970: days)
        func padded(_ value: Int, _ width: Int) -> String {
            let digits = String(value)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        let time = "\(padded(rest / 3600, 2)):\(padded(rest % 3600 / 60, 2)):\(padded(rest % 60, 2))"
        let decimals = fractionDigits > 0 ? "." + padded(fraction, fractionDigits) : ""
        return "\(padded(day.year, 4))-\(padded(day.month, 2))-\(padded(day.day, 2))T\(time)\(decimals)Z"
    }
}
