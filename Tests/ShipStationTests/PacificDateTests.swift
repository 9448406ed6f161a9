import Foundation
import ShipStation
import Testing

/// shipstation-api.md §5: Pacific without offset, 7 fractional digits, date-only `shipDate`, DST applied.
@Suite struct PacificDateTests {
    func utc(_ text: String) -> Date { ISO8601DateFormatter().date(from: text)! }

    @Test func readsTheDocumentedForms() throws {
        // L95: "2024-09-17T10:51:14.5030000" (PDT, UTC−7).
        let stamp = try #require(PacificDate("2024-09-17T10:51:14.5030000"))
        #expect(abs(stamp.date.timeIntervalSince(utc("2024-09-17T17:51:14Z")) - 0.503) < 0.0001)
        // L52 (shipments): "2015-06-29" date-only is midnight Pacific.
        #expect(PacificDate("2015-06-29")?.date == utc("2015-06-29T07:00:00Z"))
        // L94: the request form "2016-11-29 23:59:59" (PST, UTC−8).
        #expect(PacificDate("2016-11-29 23:59:59")?.date == utc("2016-11-30T07:59:59Z"))
        // L95: midnight timestamps.
        #expect(PacificDate("2015-07-05T00:00:00.0000000")?.date == utc("2015-07-05T07:00:00Z"))
        // L97: the generated pages' `Z` examples are read as UTC.
        #expect(PacificDate("2019-08-24T14:15:22Z")?.date == utc("2019-08-24T14:15:22Z"))
        #expect(PacificDate("not a date") == nil)
        #expect(PacificDate("2024-13-01") == nil)
    }

    @Test func daylightSavingEdges() {
        // Spring forward 2024-03-10 02:00 PST → 03:00 PDT.
        #expect(PacificDate("2024-03-10T01:59:59.0000000")?.date == utc("2024-03-10T09:59:59Z"))
        #expect(PacificDate("2024-03-10T03:00:00.0000000")?.date == utc("2024-03-10T10:00:00Z"))
        // Fall back 2024-11-03 02:00 PDT → 01:00 PST.
        #expect(PacificDate("2024-11-03T00:30:00.0000000")?.date == utc("2024-11-03T07:30:00Z"))
        #expect(PacificDate("2024-11-03T02:30:00.0000000")?.date == utc("2024-11-03T10:30:00Z"))
        // A fixed −8 h (the bug L96 names) would be an hour off in summer.
        #expect(PacificDate("2024-07-01T12:00:00")?.date == utc("2024-07-01T19:00:00Z"))
        #expect(PacificDate("2024-01-01T12:00:00")?.date == utc("2024-01-01T20:00:00Z"))
    }

    /// 01:30 on 2024-11-03 happens twice (PDT, then PST): either instant is a correct reading.
    @Test func repeatedHourReadsAsOneOfItsInstants() throws {
        let read = try #require(PacificDate("2024-11-03T01:30:00.0000000")).date
        #expect([utc("2024-11-03T08:30:00Z"), utc("2024-11-03T09:30:00Z")].contains(read))
    }

    @Test func formatsFiltersInPacificTime() {
        #expect(PacificDate(utc("2024-07-01T12:00:00Z")).filterText == "2024-07-01 05:00:00")
        #expect(PacificDate(utc("2024-01-01T12:00:00Z")).filterText == "2024-01-01 04:00:00")
        #expect(PacificDate(utc("2024-03-10T10:00:00Z")).filterText == "2024-03-10 03:00:00")
        #expect(PacificDate(utc("2024-11-03T10:30:00Z")).filterText == "2024-11-03 02:30:00")
        #expect(PacificDate(utc("2024-09-18T03:00:00Z")).dayText == "2024-09-17")
        let now = PacificDate(Date(timeIntervalSince1970: 1_700_000_000))
        #expect(PacificDate(now.filterText)?.date == now.date)
    }
}
