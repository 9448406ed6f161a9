import BridgeSupport

/// `advancedOptions` of an order (shipstation-api.md §6.4, L138).
public struct AdvancedOptions: LenientDecodable, Sendable, Hashable {
    /// Ship-from warehouse.
    public var warehouseId: Int?
    /// Set only at creation; defaults to the first manual store.
    public var storeId: Int?
    public var customField1: String?
    public var customField2: String?
    public var customField3: String?
    public var source: String?
    public var mergedOrSplit: Bool?
    public var parentId: Int?
}
