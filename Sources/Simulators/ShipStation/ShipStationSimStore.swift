/// A store of the simulated account (`GET /stores`, shipstation-api.md L288).
public struct ShipStationSimStore: Sendable, Equatable {
    public var id: Int
    public var name: String
    public var marketplaceName: String
    public var active: Bool

    public init(id: Int, name: String, marketplaceName: String, active: Bool = true) {
        self.id = id
        self.name = name
        self.marketplaceName = marketplaceName
        self.active = active
    }

    /// Manual stores are where API orders go by default (L138).
    var isManual: Bool { marketplaceName == "ShipStation" }
}
