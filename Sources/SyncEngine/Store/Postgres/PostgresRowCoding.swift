import BridgeSupport
import Foundation

/// Records travel to and from PostgreSQL as JSON: `row_to_json` reads a row under its column names (the records'
/// property names, quoted camelCase), and `jsonb_populate_record` writes one, so every `Codable` record maps without
/// per-column code. Dates are ISO 8601 with microseconds (PostgreSQL's `timestamptz` precision), in UTC.
enum PostgresRowCoding {
    static var encoder: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(format(date))
        }
        return encoder
    }

    static var decoder: JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .custom { decoder in
            let container = try decoder.singleValueContainer()
            let text = try container.decode(String.self)
            guard let date = parse(text) else {
                throw DecodingError.dataCorruptedError(in: container, debugDescription: "Not an ISO 8601 date: \(text)")
            }
            return date
        }
        return decoder
    }

    /// `2026-12-03T09:46:36.123456Z`.
    static func format(_ date: Date) -> String {
        ISO8601Timestamp.format(date, fractionDigits: 6)
    }

    /// Reads `2026-12-03T09:46:36.123456+00:00` (PostgreSQL's JSON), `…Z`, or either without a fraction.
    static func parse(_ text: String) -> Date? {
        ISO8601Timestamp.parse(text)
    }

    /// The record as a JSON object (its keys are the column names).
    static func object(_ value: some Encodable) throws -> [String: Any] {
        let data = try encoder.encode(value)
        return (try JSONSerialization.jsonObject(with: data) as? [String: Any]) ?? [:]
    }

    static func text(_ value: some Encodable) throws -> String {
        String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    /// The columns whose values differ between two records (a column absent from one is nil there).
    static func changedColumns(_ new: some Encodable, from old: some Encodable) throws -> [String] {
        let a = try object(new)
        let b = try object(old)
        return Set(a.keys).union(b.keys).sorted().filter { key in
            canonical(a[key]) != canonical(b[key])
        }
    }

    private static func canonical(_ value: Any?) -> Data? {
        guard let value, !(value is NSNull) else { return nil }
        return try? JSONSerialization.data(withJSONObject: [value], options: [.sortedKeys])
    }
}
