/// A ship-from warehouse of the simulated account (`GET /warehouses`, shipstation-api.md L287).
public struct ShipStationSimWarehouse: Sendable, Equatable {
    public var id: Int
    public var name: String
    public var isDefault: Bool

    public init(id: Int, name: String, isDefault: Bool = false) {
        self.id = id
        self.name = name
        self.isDefault = isDefault
    }
}
