/// The fulfilment platform an integration sends Cin7 sales to. Each has its own client, simulator and adapter behind
/// `Warehouse`; the engine knows only the protocol.
public enum WarehousePlatform: String, Sendable, Codable, CaseIterable {
    /// A 3PL's warehouse management system: sale orders picked, packed and dispatched by the warehouse.
    case cartonCloud = "cartoncloud"
    /// A shipping platform: orders upserted by `orderKey`, labels bought in ShipStation (V1 API).
    case shipStation = "shipstation"
    /// A shipping platform: orders by order number, labels printed and manifested in Starshipit.
    case starshipit = "starshipit"

    public var displayName: String {
        switch self {
        case .cartonCloud: "CartonCloud"
        case .shipStation: "ShipStation"
        case .starshipit: "Starshipit"
        }
    }

    /// The production API address.
    public var defaultBaseURL: String {
        switch self {
        case .cartonCloud: "https://api.cartoncloud.com"
        case .shipStation: "https://ssapi.shipstation.com"
        case .starshipit: "https://api.starshipit.com"
        }
    }
}
