import BridgeSupport

// Lenient decoding of this module's models (internal, so decoding changes only here): a scalar of an unexpected JSON
// type is converted when the meaning is clear (`"success": 1`, starshipit-api.md L74; `carrier` as a code or a
// number, L314) and nil otherwise. Nested models and lists are lenient through `LenientDecodable`.
extension KeyedDecodingContainer {
    func decodeIfPresent(_ type: String.Type, forKey key: Key) throws -> String? { scalar(forKey: key)?.text }
    func decodeIfPresent(_ type: Double.Type, forKey key: Key) throws -> Double? { scalar(forKey: key)?.double }
    func decodeIfPresent(_ type: Int.Type, forKey key: Key) throws -> Int? { scalar(forKey: key)?.int }
    func decodeIfPresent(_ type: Bool.Type, forKey key: Key) throws -> Bool? { scalar(forKey: key)?.bool }
    func decodeIfPresent(_ type: StarshipitDate.Type, forKey key: Key) throws -> StarshipitDate? {
        scalar(forKey: key)?.text.flatMap { $0.isEmpty ? nil : StarshipitDate(raw: $0) }
    }
}
