/// A line of a created order (starshipit-api.md L140): `weight` in kg per unit, `value` the unit price.
public struct StarshipitItemRequest: Sendable, Encodable, Equatable {
    public var description: String?
    public var sku: String?
    public var quantity: Double
    public var weight: Double?
    public var value: Double?

    public init(description: String? = nil, sku: String? = nil, quantity: Double, weight: Double? = nil, value: Double? = nil) {
        self.description = description
        self.sku = sku
        self.quantity = quantity
        self.weight = weight
        self.value = value
    }
}
