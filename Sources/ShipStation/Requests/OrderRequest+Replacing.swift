import Foundation

extension OrderRequest {
    /// The whole of `order` sent back with `status` (and its `orderId`): how an order is cancelled (shipstation-api.md
    /// L211 "re-post the full order via createorder with the same orderKey (and orderId)"). Nil when the order has no
    /// id or key.
    public init?(replacing order: Order, status: OrderStatus) {
        guard let orderId = order.orderId, let key = order.orderKey, !key.isEmpty else { return nil }
        func address(_ address: Address?) -> AddressRequest {
            AddressRequest(
                name: address?.name ?? "",
                company: address?.company,
                street1: address?.street1,
                street2: address?.street2,
                street3: address?.street3,
                city: address?.city,
                state: address?.state,
                postalCode: address?.postalCode,
                country: address?.country,
                phone: address?.phone,
                residential: address?.residential
            )
        }
        self.init(
            orderId: orderId,
            orderNumber: order.orderNumber ?? key,
            orderKey: key,
            orderDate: order.orderDate ?? order.createDate ?? PacificDate(Date()),
            orderStatus: status,
            customerEmail: order.customerEmail,
            customerNotes: order.customerNotes,
            internalNotes: order.internalNotes,
            shipByDate: order.shipByDate?.filterText,
            billTo: address(order.billTo),
            shipTo: address(order.shipTo),
            items: (order.items ?? []).map {
                ItemRequest(
                    lineItemKey: $0.lineItemKey,
                    sku: $0.sku,
                    name: $0.name ?? $0.sku ?? "",
                    quantity: $0.quantity ?? 0,
                    unitPrice: $0.unitPrice
                )
            },
            advancedOptions: order.advancedOptions.map {
                AdvancedOptionsRequest(
                    warehouseId: $0.warehouseId,
                    storeId: $0.storeId,
                    customField1: $0.customField1,
                    customField2: $0.customField2,
                    customField3: $0.customField3
                )
            }
        )
    }
}
