import BridgeSupport

/// A ship-from location, `GET /warehouses` (shipstation-api.md §13, L287).
public struct ShipFromWarehouse: LenientDecodable, Sendable, Hashable {
    public var warehouseId: Int?
    public var warehouseName: String?
    public var isDefault: Bool?
    public var createDate: PacificDate?
    public var originAddress: Address?
}
