import Foundation

/// A Starshipit date-time. Documented as UTC RFC 3339 (`2018-11-15T01:51:49.2314399Z`, starshipit-api.md L81-82), but
/// real answers often carry no offset (`2026-02-13T16:37:34`, L84-85): those are read as UTC (L89). The text as sent
/// is kept for the audit (L90).
public struct StarshipitDate: Sendable, Hashable, Decodable, CustomStringConvertible {
    /// The text as Starshipit sent it.
    public var raw: String
    /// The instant, nil when the text is not a date-time.
    public var date: Date?

    public init(raw: String) {
        self.raw = raw
        self.date = Self.parse(raw)
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        self.init(raw: (try? container.decode(String.self)) ?? "")
    }

    public var description: String { raw }

    /// Parses with or without an offset and with up to 7 fractional digits; no offset means UTC.
    public static func parse(_ text: String) -> Date? {
        var value = text.trimmingCharacters(in: .whitespaces)
        guard value.count >= 19 else { return nil }
        let hasOffset = value.hasSuffix("Z") || value.hasSuffix("z") || Self.endsWithNumericOffset(value)
        if !hasOffset { value += "Z" }
        // Foundation reads at most a few fractional digits reliably: keep three.
        if let dot = value.firstIndex(of: "."), dot > value.index(value.startIndex, offsetBy: 18) {
            let digitsEnd = value[value.index(after: dot)...].firstIndex { !$0.isNumber } ?? value.endIndex
            let digits = value[value.index(after: dot)..<digitsEnd]
            let kept = String(digits.prefix(3)).padding(toLength: 3, withPad: "0", startingAt: 0)
            value = String(value[..<dot]) + "." + kept + String(value[digitsEnd...])
        }
        if let date = try? Date.ISO8601FormatStyle(includingFractionalSeconds: true).parse(value) { return date }
        return try? Date.ISO8601FormatStyle().parse(value)
    }

    /// The form every filter is sent in: UTC with milliseconds and `Z` (`2024-05-27T06:00:00.000Z`, L81, L88).
    public static func format(_ date: Date) -> String {
        Date.ISO8601FormatStyle(includingFractionalSeconds: true, timeZone: .gmt).format(date)
    }

    private static func endsWithNumericOffset(_ text: String) -> Bool {
        let tail = text.suffix(6)
        guard tail.count == 6, let sign = tail.first, sign == "+" || sign == "-" else { return false }
        return tail.dropFirst().enumerated().allSatisfy { index, character in index == 2 ? character == ":" : character.isNumber }
    }
}
