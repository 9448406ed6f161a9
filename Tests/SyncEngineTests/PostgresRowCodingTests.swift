import Foundation
import Testing

@testable import SyncEngine

@Suite struct PostgresRowCodingTests {
    static let samples: [Date] = [
        Date(timeIntervalSince1970: 0),
        Date(timeIntervalSince1970: 1_796_290_000.123456),
        Date(timeIntervalSince1970: -1),
        Date(timeIntervalSince1970: -2_208_988_800.5),  // 1899-12-31T23:59:59.5
        Date(timeIntervalSince1970: 951_782_400),  // 2000-02-29
        Date(timeIntervalSince1970: 4_107_542_399.999999),  // 2100-02-28T23:59:59.999999
        .distantPast, .distantFuture,
    ]

    @Test func formatsAsFoundationDoesWithMicrosecondsAndReadsItBack() {
        var generator = SystemRandomNumberGenerator()
        let random = (0..<500).map { _ in Date(timeIntervalSince1970: Double.random(in: -5e9...5e9, using: &generator)) }
        let foundation = ISO8601DateFormatter()
        for date in Self.samples + random {
            let text = PostgresRowCoding.format(date)
            let t = date.timeIntervalSince1970
            let seconds = t.rounded(.down)
            let carry = ((t - seconds) * 1_000_000).rounded() >= 1_000_000
            // Foundation's formatter turns Julian before the Gregorian reform; PostgreSQL (and this) stays Gregorian.
            if t > -12_219_292_800 {
                let whole = foundation.string(from: Date(timeIntervalSince1970: seconds + (carry ? 1 : 0)))
                #expect(text.hasPrefix(whole.dropLast()) && text.count == 27, "\(t): \(text), Foundation \(whole)")
            }
            let back = PostgresRowCoding.parse(text)
            #expect(back.map { abs($0.timeIntervalSince1970 - t) <= 0.000_001 + 2 * t.ulp } == true, "\(t): \(text)")
        }
    }

    @Test func readsWhatPostgreSQLWrites() throws {
        let utc = Date(timeIntervalSince1970: 1_796_290_000)
        let cases: [(String, Date)] = [
            ("2026-12-03T09:26:40+00:00", utc),
            ("2026-12-03T09:26:40Z", utc),
            ("2026-12-03T09:26:40.5+00:00", utc.addingTimeInterval(0.5)),
            ("2026-12-03T09:26:40.123456+00:00", utc.addingTimeInterval(0.123456)),
            ("2026-12-03T14:56:40+05:30", utc),
            ("2026-12-03T01:26:40-08:00", utc),
            ("2026-12-03T10:26:40+01", utc),
        ]
        for (text, expected) in cases {
            let parsed = try #require(PostgresRowCoding.parse(text), "\(text)")
            #expect(abs(parsed.timeIntervalSince(expected)) < 1e-6, "\(text): \(parsed)")
        }
        #expect(
            PostgresRowCoding.parse("2026-12-03T09:26:40.123456Z")
                == ISO8601DateFormatter().date(from: "2026-12-03T09:26:40Z")?.addingTimeInterval(0.123456)
        )
        for bad in ["", "2026-13-03T09:26:40Z", "2026-12-03T09:26:40+00:00 junk", "not a date"] {
            #expect(PostgresRowCoding.parse(bad) == nil, "\(bad)")
        }
    }
}
