/// The fulfilment platform the demo's warehouse side plays on. Its raw values are `cin7bridge demo --warehouse`'s and
/// the engine's `WarehousePlatform` names.
public enum DemoPlatform: String, Sendable, CaseIterable {
    case cartonCloud = "cartoncloud"
    case shipStation = "shipstation"
    case starshipit = "starshipit"

    public var displayName: String {
        switch self {
        case .cartonCloud: "CartonCloud"
        case .shipStation: "ShipStation"
        case .starshipit: "Starshipit"
        }
    }
}
