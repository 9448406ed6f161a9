import BridgeSupport

// Lenient decoding of this module's models (internal, so it never changes decoding in modules that import
// ShipStation): a scalar of an unexpected JSON type is converted when the meaning is clear and nil otherwise.
// Nested models and lists are lenient through `LenientDecodable`.
extension KeyedDecodingContainer {
    func decodeIfPresent(_ type: String.Type, forKey key: Key) throws -> String? { scalar(forKey: key)?.text }
    func decodeIfPresent(_ type: Double.Type, forKey key: Key) throws -> Double? { scalar(forKey: key)?.double }
    func decodeIfPresent(_ type: Int.Type, forKey key: Key) throws -> Int? { scalar(forKey: key)?.int }
    func decodeIfPresent(_ type: Bool.Type, forKey key: Key) throws -> Bool? { scalar(forKey: key)?.bool }
    func decodeIfPresent(_ type: PacificDate.Type, forKey key: Key) throws -> PacificDate? { scalar(forKey: key)?.text.flatMap(PacificDate.init) }
    func decodeIfPresent(_ type: OrderStatus.Type, forKey key: Key) throws -> OrderStatus? {
        scalar(forKey: key)?.text.map { OrderStatus(rawValue: $0) }
    }
}
