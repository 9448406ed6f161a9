extension OutboundOrderRequest {
    /// One of `items`: a product by code and a quantity.
    public struct Item: Encodable, Sendable, Hashable {
        /// Product code (the Cin7 SKU) → `details.product.references.code`.
        public var code: String
        /// → `measures.quantity`.
        public var quantity: Double
        /// `details.unitOfMeasure.type`; nil or empty = the product's default.
        public var unitOfMeasure: String?
        /// `properties` (e.g. `sop_custom_field_1`: the Cin7 line id); none = no `properties`.
        public var properties: [String: String]

        public init(code: String, quantity: Double, unitOfMeasure: String? = nil, properties: [String: String] = [:]) {
            self.code = code
            self.quantity = quantity
            self.unitOfMeasure = unitOfMeasure
            self.properties = properties
        }

        public func encode(to encoder: any Encoder) throws {
            var item = encoder.container(keyedBy: JSONKey.self)
            var details = item.nestedContainer(keyedBy: JSONKey.self, forKey: "details")
            try details.encode(["references": ["code": code]], forKey: "product")
            if let unitOfMeasure, !unitOfMeasure.isEmpty { try details.encode(["type": unitOfMeasure], forKey: "unitOfMeasure") }
            var measures = item.nestedContainer(keyedBy: JSONKey.self, forKey: "measures")
            // A whole quantity is sent as an integer (`2`, not `2.0`).
            if quantity == quantity.rounded(), abs(quantity) < 1e15 {
                try measures.encode(Int64(quantity), forKey: "quantity")
            } else {
                try measures.encode(quantity, forKey: "quantity")
            }
            if !properties.isEmpty { try item.encode(properties.mapValues(NullableText.init), forKey: "properties") }
        }
    }
}
