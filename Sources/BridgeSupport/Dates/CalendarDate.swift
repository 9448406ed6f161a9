import Foundation

/// A calendar day with no time or zone (a ship-by date, a required date, a shipment date), never shifted through
/// UTC. One type for every API: each spells it its own way on the wire, which its encoder chooses through
/// `CalendarDate.wireFormatKey`; decoding accepts every spelling the APIs use.
public struct CalendarDate: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    /// How a date is written into a request body.
    public enum WireFormat: Sendable {
        /// `2026-12-01` (CartonCloud, our own store and exports).
        case isoDate
        /// `2026-12-01T00:00:00` (Cin7 Core date-only fields).
        case midnightTimestamp
    }

    /// The `JSONEncoder.userInfo` key an API client sets to its `WireFormat` (default `.isoDate`).
    public static let wireFormatKey = CodingUserInfoKey(rawValue: "cin7bridge.calendarDateWireFormat")!

    public var year: Int
    public var month: Int
    public var day: Int

    public init(year: Int, month: Int, day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses `2017-09-29`, `2017-09-29T00:00:00[.fff][Z]` (the date part; the time is ignored) and `29/09/2017`
    /// (Cin7 webhook payloads).
    public init?(_ text: String) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let datePart = trimmed.split(separator: "T", maxSplits: 1).first.map(String.init) ?? trimmed
        let dashed = datePart.split(separator: "-")
        if dashed.count == 3, dashed[0].count == 4, let y = Int(dashed[0]), let m = Int(dashed[1]), let d = Int(dashed[2].prefix(2)) {
            self.init(year: y, month: m, day: d)
        } else {
            let slashed = datePart.split(separator: "/")
            guard slashed.count == 3, let d = Int(slashed[0]), let m = Int(slashed[1]), let y = Int(slashed[2]) else { return nil }
            self.init(year: y, month: m, day: d)
        }
        guard (1...12).contains(month), (1...31).contains(day), year > 0 else { return nil }
    }

    /// The calendar day `date` falls on in `timeZone` (the Cin7 account's zone).
    public init(_ date: Date, in timeZone: TimeZone) {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        self.init(year: parts.year ?? 1970, month: parts.month ?? 1, day: parts.day ?? 1)
    }

    /// `yyyy-MM-dd`.
    public var isoDate: String { String(format: "%04d-%02d-%02d", year, month, day) }
    public var description: String { isoDate }

    public func text(_ format: WireFormat) -> String {
        switch format {
        case .isoDate: isoDate
        case .midnightTimestamp: isoDate + "T00:00:00"
        }
    }

    public static func < (lhs: Self, rhs: Self) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let date = CalendarDate(text) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "not a calendar date: \(text)")
        }
        self = date
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(text(encoder.userInfo[Self.wireFormatKey] as? WireFormat ?? .isoDate))
    }
}
