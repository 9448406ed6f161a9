import BridgeSupport
import Foundation

extension IntegrationEngine {
    /// Finds warehouse progress in bulk: one search for orders modified or dispatched since the watermark (with
    /// overlap), then shipments only for the orders that were dispatched.
    func watchStep() async throws -> Bool {
        let now = clock.now
        guard pollRequested || isDue(nextWatchAt, now: now) else { return false }
        let integrationStart = (try? store.integration(id: integrationID))??.createdAt ?? config.orderCreation.goLive.date
        let watermark = try store.watermark(integrationID: integrationID, name: "warehouse") ?? min(integrationStart, config.orderCreation.goLive.date)
        let since = watermark.addingTimeInterval(-config.limits.pollOverlap)
        let scanStart = clock.now
        defer {
            nextWatchAt = clock.now.addingTimeInterval(config.limits.pollInterval)
        }
        let orders: [WarehouseOrder]
        do {
            orders = try await calls(CallPurpose.other) { try await warehouse.ordersChanged(since: since) }
            status.warehouseConnected = true
            status.warehouseMessage = nil
        } catch {
            let failure = Failure.classify(error)
            status.warehouseConnected = false
            status.warehouseMessage = failure.message
            throw failure
        }
        status.lastWarehousePollAt = scanStart
        var complete = true
        for order in orders where !stopping {
            do {
                try await observe(order)
            } catch is UnitConflict {
                complete = false
            }
        }
        try await reconcileQuietOrders()
        flushCalls()
        // Like intake, the watermark follows the warehouse's own timestamps, so this machine's clock cannot move it.
        let newest = orders.compactMap { [$0.modifiedAt, $0.dispatchedAt].compactMap { $0 }.max() }.max()
        if complete && !stopping, let newest, newest > watermark {
            try store.setWatermark(integrationID: integrationID, name: "warehouse", value: newest)
        }
        publishStatus(force: true)
        return false
    }

    /// A safety net under the bulk search: orders that have sat in the warehouse for a while without news are
    /// read one by one, a few per poll, so a change the searches missed (clock skew, an adoption after the fact)
    /// is still found. Warehouse reads only; no Cin7 budget.
    func reconcileQuietOrders() async throws {
        let quietFor = max(30, config.limits.pollInterval * 20)
        guard elapsed(since: lastReconcileAt, now: clock.now) >= quietFor / 2 else { return }
        lastReconcileAt = clock.now
        let quiet = try store.quietUnits(integrationID: integrationID, state: .inWarehouse, before: clock.now.addingTimeInterval(-quietFor), limit: 10)
        for unit in quiet where !stopping {
            guard let id = unit.warehouseOrderID else { continue }
            let order = try await calls(CallPurpose.other, unit: unit.id) { try await warehouse.order(id: id) }
            do {
                try await observe(order)
            } catch is UnitConflict {
                continue
            }
            if let fresh = try store.unit(id: unit.id ?? 0), fresh.state == .inWarehouse, fresh.updatedAt == unit.updatedAt {
                try store.touch(unitID: unit.id ?? 0, at: clock.now)
            }
        }
    }

    /// Applies what the warehouse says about one order to its unit.
    func observe(_ order: WarehouseOrder) async throws {
        guard let start = try store.unit(integrationID: integrationID, warehouseOrderID: order.id) else { return }
        var unit = start
        let waitingForDispatch = unit.state == .inWarehouse
            || ([.retrying, .needsAttention].contains(unit.state) && unit.resumeState == .inWarehouse && unit.reasonCode != "changed_after_send" && unit.reasonCode != "voided_in_warehouse")
        switch order.status {
        case .dispatched where waitingForDispatch:
            guard let shipment = try await calls(CallPurpose.other, unit: unit.id, { try await warehouse.shipment(for: order) }) else { return }
            let message = try unit.dispatched(shipment: shipment, shortfall: shortfall(of: unit, shipment: shipment), now: clock.now)
            try save(unit, from: start, [message])
        case .dispatched where [.dispatched, .writingBack, .completed].contains(unit.state) && config.fulfilment.sendTracking:
            // Tracking may arrive or change after dispatch.
            guard let shipment = try await calls(CallPurpose.other, unit: unit.id, { try await warehouse.shipment(for: order) }),
                let json = try? JSONEncoder.bridge.encode(shipment) else { return }
            let text = String(decoding: json, as: UTF8.self)
            guard text != unit.shipmentJSON else { return }
            unit.shipmentJSON = text
            var message: String? = nil
            if unit.state == .completed, shipment.hasTracking, Self.trackingText(shipment) != unit.trackingSent {
                unit.trackingDirty = true
                message = "Warehouse tracking changed to \(Self.trackingText(shipment)); updating Cin7"
            }
            unit.updatedAt = clock.now
            try save(unit, from: start, [message])
        case .cancelled where unit.state == .inWarehouse:
            let message = unit.failed(.permanent("cancelled_in_warehouse", "The warehouse order was cancelled in the warehouse. Re-create it by retrying, or skip this order with a note."), resume: .pending, schedule: retrySchedule, jitter: jitter(), now: clock.now)
            unit.warehouseOrderID = nil
            try save(unit, from: start, [message])
        default:
            if let message = unit.warehouseProgress(status: order.statusText, now: clock.now) {
                try save(unit, from: start, [message])
            }
        }
    }

    /// Lines shipped short against what the unit ordered.
    func shortfall(of unit: ShipmentUnit, shipment: WarehouseShipment) -> [String] {
        guard let shipped = shipment.shippedQuantities, let json = unit.orderJSON,
            let request = try? JSONDecoder.bridge.decode(WarehouseOrderRequest.self, from: Data(json.utf8)) else { return [] }
        return request.lines.compactMap { line in
            let sent = shipped[line.sku] ?? 0
            return sent + 0.0001 < line.quantity ? "\(line.sku) \(Self.format(sent)) of \(Self.format(line.quantity))" : nil
        }
    }

    static func format(_ quantity: Double) -> String {
        quantity == quantity.rounded() ? String(Int(quantity)) : String(quantity)
    }

    static func trackingText(_ shipment: WarehouseShipment) -> String {
        [shipment.carrier, shipment.trackingNumber].compactMap { $0?.nilIfBlank }.joined(separator: " ")
    }
}
