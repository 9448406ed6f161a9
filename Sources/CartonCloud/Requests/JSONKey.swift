/// A coding key spelt as the API spells it, for request bodies whose keys are partly the caller's (custom
/// references and properties).
struct JSONKey: CodingKey, ExpressibleByStringLiteral {
    var stringValue: String
    var intValue: Int? { nil }

    init(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
    init(stringLiteral value: String) { self.init(stringValue: value) }
}
