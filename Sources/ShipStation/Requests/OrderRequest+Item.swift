extension OrderRequest {
    /// One line (shipstation-api.md §6.3): `name` cannot be null, `quantity` is whole.
    public struct ItemRequest: Encodable, Sendable, Equatable {
        public var lineItemKey: String?
        public var sku: String?
        public var name: String
        public var quantity: Int
        public var unitPrice: Double?

        public init(lineItemKey: String? = nil, sku: String?, name: String, quantity: Int, unitPrice: Double? = nil) {
            self.lineItemKey = lineItemKey
            self.sku = sku
            self.name = name
            self.quantity = quantity
            self.unitPrice = unitPrice
        }
    }

    /// `advancedOptions` (shipstation-api.md §6.4): ship-from warehouse, store (creation only), custom fields.
    public struct AdvancedOptionsRequest: Encodable, Sendable, Equatable {
        public var warehouseId: Int?
        public var storeId: Int?
        public var customField1: String?
        public var customField2: String?
        public var customField3: String?

        public init(
            warehouseId: Int? = nil,
            storeId: Int? = nil,
            customField1: String? = nil,
            customField2: String? = nil,
            customField3: String? = nil
        ) {
            self.warehouseId = warehouseId
            self.storeId = storeId
            self.customField1 = customField1
            self.customField2 = customField2
            self.customField3 = customField3
        }
    }
}
