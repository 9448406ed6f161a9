/// The `status` of `GET /api/orders/search` (starshipit-api.md L202).
public enum StarshipitSearchStatus: String, Sendable, CaseIterable {
    case all = "All"
    case unshipped = "Unshipped"
    case shipped = "Shipped"
}
