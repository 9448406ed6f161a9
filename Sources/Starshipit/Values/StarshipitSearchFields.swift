/// The `fields` of `GET /api/orders/search` (starshipit-api.md L202).
public enum StarshipitSearchFields: String, Sendable, CaseIterable {
    case all = "All"
    case orderNumber = "Order_Number"
    case theirReference = "TheirRef"
}
