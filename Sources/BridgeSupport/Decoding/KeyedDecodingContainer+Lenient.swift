// The lenient reads API clients build their models on. The scalar reads are named, not `decodeIfPresent` overloads:
// each client module declares internal overloads that call them, so decoding changes only in the modules that ask
// for it (the engine's stored records and configuration documents keep strict decoding).
extension KeyedDecodingContainer {
    /// The value at `key` as a scalar; nil when the key is missing or null.
    public func scalar(forKey key: Key) -> JSONScalar? {
        (try? decodeIfPresent(JSONScalar.self, forKey: key)) ?? nil
    }

    /// A nested model; nil when missing, null or of the wrong shape.
    public func decodeIfPresent<T: LenientDecodable>(_ type: T.Type, forKey key: Key) throws -> T? {
        try? decode(T.self, forKey: key)
    }

    /// A list of models without the elements that cannot be read; nil when missing, null or not a list.
    public func decodeIfPresent<T: LenientDecodable>(_ type: [T].Type, forKey key: Key) throws -> [T]? {
        (try? decode(LenientList<T>.self, forKey: key))?.elements
    }

    /// A required list of models: empty when missing, null or not a list.
    public func decode<T: LenientDecodable>(_ type: [T].Type, forKey key: Key) throws -> [T] {
        (try? decode(LenientList<T>.self, forKey: key))?.elements ?? []
    }
}

extension KeyedDecodingContainer {
    /// A map of scalars as text (values of other shapes are left out); nil when missing, null or not a map.
    public func textMap(forKey key: Key) -> [String: String]? {
        ((try? decodeIfPresent([String: JSONScalar?].self, forKey: key)) ?? nil)?.compactMapValues { $0?.text }
    }
}
