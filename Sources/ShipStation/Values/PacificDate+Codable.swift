extension PacificDate: Codable {
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let value = PacificDate(text) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "not a ShipStation date: \(text)")
        }
        self = value
    }

    /// Written in the documented request form, Pacific without offset (shipstation-api.md L94).
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(filterText)
    }
}
