/// The `status` of `GET /api/orders` lists (starshipit-api.md L195): `Unshipped` by default, or `Shipped`.
public enum StarshipitListStatus: String, Sendable, CaseIterable {
    case unshipped = "Unshipped"
    case shipped = "Shipped"
}
