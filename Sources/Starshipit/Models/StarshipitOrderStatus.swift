/// An order's place in the lifecycle (starshipit-api.md L234-246): Unshipped → Printed (label, tracking) → Shipped
/// (manifested) → Delivered.
public enum StarshipitOrderStatus: String, Sendable, Hashable, CaseIterable {
    case unshipped, saved, printed, shipped, delivered, unknown

    /// Reads Starshipit's word case-insensitively; anything else is `unknown`.
    public init(text: String) {
        self = Self(rawValue: text.lowercased()) ?? .unknown
    }

    /// Deleting is allowed only before printing (L222).
    public var isDeletable: Bool { self == .unshipped || self == .saved }
}
