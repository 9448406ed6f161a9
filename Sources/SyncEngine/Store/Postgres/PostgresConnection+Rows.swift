import Foundation
import Logging
import PostgresNIO

/// A value bound to a `$n` placeholder; nil binds NULL.
typealias PostgresValue = (any PostgresThrowingDynamicTypeEncodable & Sendable)?

/// The few shapes of query the store runs: statements, records read as `row_to_json` text, and single columns.
extension PostgresConnection {
    private static let quiet = Logger(label: "cin7bridge.postgres.query")

    private static func query(_ sql: String, _ values: [PostgresValue]) throws -> PostgresQuery {
        var bindings = PostgresBindings(capacity: values.count)
        for value in values {
            if let value { try bindings.append(value) } else { bindings.appendNull() }
        }
        return PostgresQuery(unsafeSQL: sql, binds: bindings)
    }

    /// Runs a statement, discarding any rows.
    func run(_ sql: String, _ values: [PostgresValue] = []) async throws {
        try await query(Self.query(sql, values), logger: Self.quiet)
    }

    /// Rows whose one column is a record as JSON text (`SELECT row_to_json(t)::text FROM table t …`).
    func records<T: Decodable>(_ type: T.Type, _ sql: String, _ values: [PostgresValue] = []) async throws -> [T] {
        let decoder = PostgresRowCoding.decoder
        var records: [T] = []
        for try await text in try await query(Self.query(sql, values), logger: Self.quiet).decode(String.self) {
            records.append(try decoder.decode(T.self, from: Data(text.utf8)))
        }
        return records
    }

    /// The first column of every row.
    func column<T: PostgresDecodable & Sendable>(_ type: T.Type, _ sql: String, _ values: [PostgresValue] = []) async throws -> [T] {
        var result: [T] = []
        for try await value in try await query(Self.query(sql, values), logger: Self.quiet).decode(T.self) {
            result.append(value)
        }
        return result
    }

    /// Inserts `record` into `table` (its JSON keys are the columns; an absent id is generated) and returns the id.
    @discardableResult
    func insert(_ record: some Encodable, into table: String) async throws -> Int64 {
        let columns = try PostgresRowCoding.object(record).keys.sorted().map { "\"\($0)\"" }.joined(separator: ", ")
        let ids = try await column(
            Int64.self,
            "INSERT INTO \(table) (\(columns)) SELECT \(columns) FROM jsonb_populate_record(NULL::\(table), $1::jsonb) RETURNING \"id\"",
            [try PostgresRowCoding.text(record)]
        )
        return ids.first ?? 0
    }

    /// Writes the `columns` of `record` to the row `id` of `table`.
    func update(_ record: some Encodable, columns: [String], in table: String, id: Int64) async throws {
        guard !columns.isEmpty else { return }
        let assignments = columns.map { "\"\($0)\" = r.\"\($0)\"" }.joined(separator: ", ")
        try await run(
            "UPDATE \(table) AS t SET \(assignments) FROM jsonb_populate_record(NULL::\(table), $1::jsonb) AS r WHERE t.\"id\" = $2",
            [try PostgresRowCoding.text(record), id]
        )
    }
}
