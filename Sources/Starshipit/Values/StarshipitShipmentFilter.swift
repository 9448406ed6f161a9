/// The `status` of `GET /api/orders/shipments` (starshipit-api.md L262).
public enum StarshipitShipmentFilter: String, Sendable, CaseIterable {
    case recentlyPrinted = "recently_printed"
    case unmanifested
}
