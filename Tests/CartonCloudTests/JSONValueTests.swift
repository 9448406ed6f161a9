import Foundation
import Testing

@testable import CartonCloud

@Suite("A search body written directly")
struct JSONValueTests {
    /// The direct writer must send exactly what `JSONEncoder` (sorted keys, slashes unescaped) would.
    @Test func writesWhatJSONEncoderWrites() throws {
        let condition = SearchCondition.and([
            .dateTime(pointer: "/timestamps/modified/time", .greaterThanOrEqualTo, Date(timeIntervalSince1970: 1_767_225_600.25)),
            .text(pointer: "/references/customer", .equalTo, #"SO-1 "quoted" back\slash a/b"# + "\ttab\nnew\u{1}é"),
            .numeric(pointer: "/items/0/quantity", .greaterThan, 2.5),
            .numeric(pointer: "/items/1/quantity", .equalTo, -3),
            .boolean(pointer: "/flag", false),
        ])
        let body = condition.body(timeZone: TimeZone(identifier: "Australia/Brisbane")!)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let expected = try encoder.encode(body)
        #expect(String(decoding: body.jsonBody(), as: UTF8.self) == String(decoding: expected, as: UTF8.self))
    }
}
