/// An upsert with the `orderKey` of a soft-deleted order (shipstation-api.md L213; not documented).
public enum ShipStationDeletedOrderKey: Sendable, Equatable {
    /// The deleted order stays deleted and a new one is created with the key.
    case createsNewOrder
    /// The deleted order is updated and becomes live again.
    case revivesDeletedOrder
}
