/// A value with a JSON form, so an answer is written as a plain dictionary literal (`JSONObject`) whose values are
/// strings, numbers, flags, optionals (nil is `null`), arrays and nested objects.
protocol SimJSONRepresentable {
    var simJSON: SimJSON { get }
}

/// A JSON object under construction.
typealias JSONObject = [String: any SimJSONRepresentable]

extension SimJSON: SimJSONRepresentable {
    var simJSON: SimJSON { self }
}

extension String: SimJSONRepresentable {
    var simJSON: SimJSON { .string(self) }
}

extension Bool: SimJSONRepresentable {
    var simJSON: SimJSON { .bool(self) }
}

extension Int: SimJSONRepresentable {
    var simJSON: SimJSON { .number(Double(self)) }
}

extension Double: SimJSONRepresentable {
    var simJSON: SimJSON { .number(self) }
}

extension Optional: SimJSONRepresentable where Wrapped: SimJSONRepresentable {
    var simJSON: SimJSON { self?.simJSON ?? .null }
}

extension Array: SimJSONRepresentable where Element: SimJSONRepresentable {
    var simJSON: SimJSON { .array(map(\.simJSON)) }
}

extension Dictionary: SimJSONRepresentable where Key == String, Value == any SimJSONRepresentable {
    var simJSON: SimJSON { .object(mapValues(\.simJSON)) }
}
