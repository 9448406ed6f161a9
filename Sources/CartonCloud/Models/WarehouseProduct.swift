import BridgeSupport

/// A warehouse product (the SKU catalogue).
public struct WarehouseProduct: LenientDecodable, Sendable, Hashable, Identifiable {
    public struct Details: LenientDecodable, Sendable, Hashable {
        public var active: Bool?
    }

    public var id: String
    public var scope: String?
    public var name: String?
    public var type: String?
    public var description: String?
    public var references: References?
    public var customer: EntityReference?
    public var details: Details?

    /// `references.code` (the SKU).
    public var code: String? { references?.code }
}
