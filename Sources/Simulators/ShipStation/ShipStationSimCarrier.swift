/// A carrier account of the simulated account (`GET /carriers`, shipstation-api.md L289).
public struct ShipStationSimCarrier: Sendable, Equatable {
    public var code: String
    public var name: String
    public var primary: Bool

    public init(code: String, name: String, primary: Bool = false) {
        self.code = code
        self.name = name
        self.primary = primary
    }
}
