import BridgeSupport
import Foundation
import Testing

@Suite struct ISO8601TimestampTests {
    @Test func dayNumbersRoundTripThroughTheCalendar() {
        for days in stride(from: -800_000, through: 800_000, by: 97) {
            #expect(CalendarDate(daysSince1970: days).daysSince1970 == days)
        }
        #expect(CalendarDate(year: 1970, month: 1, day: 1).daysSince1970 == 0)
        #expect(CalendarDate(year: 2000, month: 3, day: 1).daysSince1970 == 11_017)
        #expect(CalendarDate(daysSince1970: -1) == CalendarDate(year: 1969, month: 12, day: 31))
        #expect(CalendarDate(daysSince1970: 11_016) == CalendarDate(year: 2000, month: 2, day: 29))
    }

    @Test func formatsWithTheDigitsAskedFor() {
        let date = Date(timeIntervalSince1970: 1_796_290_000.123456)
        #expect(ISO8601Timestamp.format(date, fractionDigits: 6) == "2026-12-03T09:26:40.123456Z")
        #expect(ISO8601Timestamp.format(date, fractionDigits: 3) == "2026-12-03T09:26:40.123Z")
        #expect(ISO8601Timestamp.format(date, fractionDigits: 0) == "2026-12-03T09:26:40Z")
        // Rounding up into the next second carries.
        #expect(ISO8601Timestamp.format(Date(timeIntervalSince1970: 59.9996), fractionDigits: 3) == "1970-01-01T00:01:00.000Z")
        #expect(ISO8601Timestamp.format(Date(timeIntervalSince1970: -0.25), fractionDigits: 2) == "1969-12-31T23:59:59.75Z")
    }

    @Test func aFractionReadsAsItsTextSays() throws {
        let whole = try #require(ISO8601Timestamp.parse("2026-12-03T09:26:40Z"))
        let text = "2026-12-03T09:26:40.123456Z"
        #expect(ISO8601Timestamp.parse(text) == whole.addingTimeInterval(Double("0.123456")!))
        #expect(ISO8601Timestamp.parse("2026-12-03") == whole.addingTimeInterval(-(9 * 3600 + 26 * 60 + 40)))
    }
}
