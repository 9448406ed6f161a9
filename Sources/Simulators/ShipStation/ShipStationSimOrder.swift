import Foundation

/// An order as the simulator keeps it: the last accepted request body plus what ShipStation owns.
public struct ShipStationSimOrder: Sendable {
    public var orderId: Int
    public var orderKey: String
    public var orderNumber: String
    public var status: String
    /// Soft-deleted (shipstation-api.md L213): hidden from lists, 404 by id.
    public var deleted: Bool
    public var storeId: Int
    public var warehouseId: Int?
    public var created: Date
    public var modified: Date
    public var orderDate: Date
    public var shipDate: Date?
    /// `orderItemId` of each line, in order.
    public var itemIDs: [Int]
    /// The request as accepted (whole-resource replace, L149).
    public var body: SimJSON

    /// Lines as (orderItemId, sku, name, quantity, lineItemKey).
    var lines: [(id: Int, sku: String?, name: String, quantity: Int, key: String?)] {
        guard case .array(let items)? = body["items"] else { return [] }
        return items.enumerated().map { index, item in
            (
                id: index < itemIDs.count ? itemIDs[index] : 0, sku: item["sku"]?.stringValue, name: item["name"]?.stringValue ?? "",
                quantity: Int(item["quantity"]?.doubleValue ?? 0), key: item["lineItemKey"]?.stringValue
            )
        }
    }
}
