import BridgeSupport
import Foundation
import Testing

@testable import Cin7Core

@Suite struct Cin7DateTests {
    static let base = Date(timeIntervalSince1970: 1_511_345_449)  // 2017-11-22T10:10:49Z

    @Test(arguments: [
        ("2017-11-22T10:10:49", 0.0),
        ("2017-11-22T10:10:49Z", 0.0),
        ("2017-11-22T10:10:49.7Z", 0.7),
        ("2017-11-22T10:10:49.75Z", 0.75),
        ("2017-11-22T10:10:49.753", 0.753),
        ("2017-11-22T10:10:49.7531Z", 0.7531),
        ("2017-11-22T10:10:49.75312Z", 0.75312),
        ("2017-11-22T10:10:49.753123Z", 0.753123),
        ("2017-11-22T10:10:49.8882229Z", 0.8882229),
        ("2017-11-22T20:10:49.75+10:00", 0.75),
        ("2017-11-22T05:10:49-0500", 0.0),
    ])
    func parsesFractionsAndZones(text: String, fraction: Double) throws {
        let date = try #require(Cin7DateParser.parseDateTime(text))
        #expect(abs(date.timeIntervalSince1970 - (Self.base.timeIntervalSince1970 + fraction)) < 0.000_001)
    }

    @Test func missingZoneIsUTC() throws {
        let plain = try #require(Cin7DateTime(string: "2018-02-07T07:22:37.21"))
        let zulu = try #require(Cin7DateTime(string: "2018-02-07T07:22:37.21Z"))
        #expect(plain == zulu)
    }

    @Test(arguments: ["", "2017-11-22T", "2017-11-22T10:10:49.", "2017-13-01T00:00:00", "yesterday", "2017-11-22T10:10:49Zjunk"])
    func rejectsGarbage(text: String) {
        #expect(Cin7DateParser.parseDateTime(text) == nil)
    }

    @Test func dateOnlyIsPositionalAndNeverShifted() throws {
        for text in ["2017-09-29T00:00:00", "2017-09-29", "2017-09-29T00:00:00Z", "29/09/2017", "2017-09-29T23:30:00-10:00"] {
            let date = try #require(CalendarDate(text))
            #expect(date == CalendarDate(year: 2017, month: 9, day: 29), "\(text)")
        }
        #expect(CalendarDate(year: 2026, month: 12, day: 1).text(.midnightTimestamp) == "2026-12-01T00:00:00")
    }

    @Test func formatsQueryDatesInUTCWithMilliseconds() throws {
        let date = try #require(Cin7DateParser.parseDateTime("2026-01-01T00:00:00.5Z"))
        #expect(Cin7DateParser.format(date) == "2026-01-01T00:00:00.500Z")
        #expect(Cin7DateParser.format(Date(timeIntervalSince1970: 0)) == "1970-01-01T00:00:00.000Z")
    }

    @Test func unreadableDatesInModelsBecomeNil() throws {
        let json = #"{"SaleID":"A6558396-8893-479B-BCA9-F89EA3E54633","Updated":"not a date","ShipBy":null,"OrderDate":"2017-09-28T00:00:00"}"#
        let item = try JSONDecoder().decode(SaleListItem.self, from: Data(json.utf8))
        #expect(item.Updated == nil)
        #expect(item.ShipBy == nil)
        #expect(item.OrderDate == CalendarDate(year: 2017, month: 9, day: 28))
        #expect(item.SaleID == "a6558396-8893-479b-bca9-f89ea3e54633")
    }
}
