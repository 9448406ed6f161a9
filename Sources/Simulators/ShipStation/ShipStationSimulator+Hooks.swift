import Foundation

extension ShipStationSimulator {
    /// The warehouse prints labels for the order, one per package (shipstation-api.md L262: a label creates a
    /// shipment record and sets the order to shipped; several labels are several `/shipments` rows, L264). Returns
    /// the shipment ids; empty when the order is unknown, deleted or cancelled.
    @discardableResult
    public func shipOrder(orderID: Int, packages: [ShipStationSimPackage]) -> [Int] {
        state.withLock { state in
            guard var order = state.orders[orderID], !order.deleted, order.status != "cancelled", !packages.isEmpty else { return [] }
            let now = state.now
            var ids: [Int] = []
            for (index, package) in packages.enumerated() {
                var items: [(sku: String, quantity: Int)] = []
                if let wanted = package.items {
                    items = wanted.sorted { $0.key < $1.key }.map { (sku: $0.key, quantity: $0.value) }
                } else if index == 0 {
                    items = order.lines.map { (sku: $0.sku ?? "", quantity: $0.quantity) }
                }
                let id = state.nextShipmentID
                state.nextShipmentID += 1
                state.shipments.append(
                    ShipStationSimShipment(
                        shipmentId: id,
                        orderId: orderID,
                        created: now,
                        shipDate: now,
                        carrierCode: package.carrierCode,
                        serviceCode: package.serviceCode,
                        trackingNumber: package.trackingNumber,
                        voided: false,
                        voidDate: nil,
                        items: items
                    )
                )
                ids.append(id)
            }
            order.status = "shipped"
            order.shipDate = now
            order.modified = now
            state.orders[orderID] = order
            return ids
        }
    }

    /// The order is marked shipped without a ShipStation label (UI or `markasshipped`): it appears in `/fulfillments`,
    /// never in `/shipments` (L22, L227, L249). Returns the fulfilment id.
    @discardableResult
    public func markShipped(orderID: Int, carrierCode: String? = nil, trackingNumber: String? = nil) -> Int? {
        state.withLock { state in
            guard var order = state.orders[orderID], !order.deleted, order.status != "cancelled" else { return nil }
            let now = state.now
            let id = state.nextFulfillmentID
            state.nextFulfillmentID += 1
            state.fulfillments.append(
                ShipStationSimFulfillment(
                    fulfillmentId: id,
                    orderId: orderID,
                    created: now,
                    shipDate: now,
                    carrierCode: carrierCode,
                    trackingNumber: trackingNumber,
                    voided: false
                )
            )
            order.status = "shipped"
            order.shipDate = now
            order.modified = now
            state.orders[orderID] = order
            return id
        }
    }

    /// Voids a label: the row stays with `voided: true` and `voidDate` (L244); with `voidReopensOrder` (L246) an order
    /// left without a live label goes back to `awaiting_shipment`.
    public func voidLabel(shipmentID: Int) {
        state.withLock { state in
            guard let index = state.shipments.firstIndex(where: { $0.shipmentId == shipmentID }), !state.shipments[index].voided else { return }
            let now = state.now
            state.shipments[index].voided = true
            state.shipments[index].voidDate = now
            let orderID = state.shipments[index].orderId
            let live = state.shipments.contains { $0.orderId == orderID && !$0.voided }
            if state.configuration.voidReopensOrder, !live, var order = state.orders[orderID], order.status == "shipped" {
                order.status = "awaiting_shipment"
                order.shipDate = nil
                order.modified = now
                state.orders[orderID] = order
            }
        }
    }

    /// Sets an order's status as a ShipStation user would (e.g. `on_hold`, `cancelled`).
    public func setStatus(orderID: Int, _ status: String) {
        state.withLock { state in
            guard var order = state.orders[orderID], !order.deleted else { return }
            order.status = status
            order.modified = state.now
            state.orders[orderID] = order
        }
    }

    /// A user deletes the order in ShipStation: the same soft delete as `DELETE /orders/{id}` (L213).
    public func staffDelete(orderID: Int) {
        state.withLock { state in
            guard var order = state.orders[orderID], !order.deleted else { return }
            order.deleted = true
            order.modified = state.now
            state.orders[orderID] = order
        }
    }

    /// Another app spends `calls` of the key pair's window (the limit is shared, L63).
    public func spendRateLimit(calls: Int) {
        let header = "Basic " + Data("\(configuration.apiKey):\(configuration.apiSecret)".utf8).base64EncodedString()
        _ = state.withLock { $0.spendRate(bucket: header, calls: calls) }
    }

    /// Adds a ship-from warehouse; returns its id.
    @discardableResult
    public func addWarehouse(name: String) -> Int {
        state.withLock { state in
            if let existing = state.configuration.warehouses.first(where: { $0.name == name }) { return existing.id }
            let id = (state.configuration.warehouses.map(\.id).max() ?? 456_788) + 1
            state.configuration.warehouses.append(ShipStationSimWarehouse(id: id, name: name))
            return id
        }
    }

    public func order(id: Int) -> ShipStationSimOrder? { state.withLock { $0.orders[id] } }

    /// Every order, deleted ones included (flagged), by `orderId`; optionally only those with `orderKey`.
    public func allOrders(orderKey: String? = nil) -> [ShipStationSimOrder] {
        state.withLock { state in
            state.orders.values.filter { orderKey == nil || $0.orderKey == orderKey }.sorted { $0.orderId < $1.orderId }
        }
    }

    /// Orders not deleted with `orderKey` (the invariant: one live order per key).
    public func liveOrderCount(orderKey: String) -> Int {
        allOrders(orderKey: orderKey).filter { !$0.deleted }.count
    }

    /// Live (not deleted) orders per `orderKey`, for invariant checks over a whole run.
    public func liveOrderCounts() -> [String: Int] {
        state.withLock { state in state.orders.values.filter { !$0.deleted }.reduce(into: [:]) { $0[$1.orderKey, default: 0] += 1 } }
    }

    public func shipments(orderID: Int) -> [ShipStationSimShipment] {
        state.withLock { $0.shipments.filter { $0.orderId == orderID } }
    }

    public func fulfillments(orderID: Int) -> [ShipStationSimFulfillment] {
        state.withLock { $0.fulfillments.filter { $0.orderId == orderID } }
    }
}
