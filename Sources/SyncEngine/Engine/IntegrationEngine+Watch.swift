import BridgeSupport
import Foundation

extension IntegrationEngine {
    /// Finds warehouse progress in bulk: one search for orders modified or dispatched since the watermark (with
    /// overlap), then one consignment search for the orders that were dispatched and the completed orders still
    /// watched for late tracking.
    func watchStep() async throws -> Bool {
        let now = clock.now
        guard warehouseLookRequested || isDue(nextWatchAt, now: now) else { return false }
        // With no order of ours open in the warehouse and none watched for tracking, a search can find nothing to
        // act on: an idle integration looks only every `quietCeiling` (its reachability, a safety net), which
        // halves a host's idle calls. The next search starts from the watermark, so nothing is skipped.
        if !warehouseLookRequested, elapsed(since: lastWarehouseLookAt, now: now) < quietCeiling, try !hasWarehouseWork() {
            nextWatchAt = now.addingTimeInterval(config.limits.pollInterval)
            return false
        }
        warehouseLookRequested = false
        lastWarehouseLookAt = now
        let goLive = config.orderCreation.goLive.date
        // Until the first change sets the watermark, the integration's creation stands in (read once).
        let watermark = try self.watermark(
            "warehouse",
            otherwise: min((try? store.integration(id: integrationID))??.createdAt ?? goLive, goLive)
        )
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
        // Shipments of the orders that just reached dispatch, in one consignment search for them all.
        var waiting: [WarehouseOrder] = []
        for order in orders where order.status == .dispatched {
            if let unit = try store.unit(integrationID: integrationID, warehouseOrderID: order.id), Self.isWaitingForDispatch(unit) {
                waiting.append(order)
            }
        }
        // Completed orders still watched for late tracking share the same search.
        let watched = try trackingDue()
        let batch =
            waiting
            + watched.map {
                // With the dispatch time the warehouse reported, so a platform that reads shipments by date window
                // (ShipStation, Starshipit) searches around it rather than its whole look-back.
                WarehouseOrder(
                    id: $0.warehouseOrderID ?? "",
                    reference: $0.reference,
                    status: .dispatched,
                    statusText: "DISPATCHED",
                    dispatchedAt: $0.shipment?.dispatchedAt
                )
            }
        let shipments = batch.isEmpty ? [:] : try await calls(CallPurpose.other) { try await warehouse.shipments(for: batch) }
        var complete = true
        for order in orders where !stopping {
            do {
                try await observe(order, shipment: shipments[order.id])
            } catch is UnitConflict {
                complete = false
            }
        }
        try applyTracking(watched, shipments)
        try await reconcileQuietOrders()
        flushCalls()
        // Like intake, the watermark follows the warehouse's own timestamps, so this machine's clock cannot move it.
        let newest = orders.compactMap { [$0.modifiedAt, $0.dispatchedAt].compactMap { $0 }.max() }.max()
        if complete && !stopping, let newest, newest > watermark {
            try setWatermark("warehouse", newest)
        }
        publishStatus(force: true)
        return false
    }

    /// Whether a warehouse search can find anything to act on: a unit whose warehouse order is open (or may be:
    /// settled states and those with no order yet aside), or a completed order watched for tracking.
    func hasWarehouseWork() throws -> Bool {
        let quiet: Set<ShipmentState> = [.pending, .completed, .skipped, .cancelled]
        if try stateCounts().contains(where: { !quiet.contains($0.key) && $0.value > 0 }) { return true }
        return try !trackingDue().isEmpty
    }

    /// A safety net under the bulk search: orders that have sat in the warehouse for a while without news are
    /// read one by one, a few per poll, so a change the searches missed (clock skew, an adoption after the fact)
    /// is still found. Warehouse reads only; no Cin7 budget.
    func reconcileQuietOrders() async throws {
        let quietFor = max(30, config.limits.pollInterval * 20)
        guard elapsed(since: lastReconcileAt, now: clock.now) >= quietFor / 2 else { return }
        lastReconcileAt = clock.now
        let quiet = try store.quietUnits(
            integrationID: integrationID,
            state: .inWarehouse,
            before: clock.now.addingTimeInterval(-quietFor),
            limit: 10
        )
        for unit in quiet where !stopping {
            guard let id = unit.warehouseOrderID else { continue }
            let order: WarehouseOrder
            do {
                order = try await calls(CallPurpose.other, unit: unit.id) { try await warehouse.order(id: id) }
            } catch WarehouseError.permanent(let code, let message) where code == .warehouseOrderNotFound {
                // Deleted in the warehouse: a person decides (re-send or skip); the others are still looked at.
                var changed = unit
                let note = changed.failed(.permanent(code, message), resume: .pending, schedule: retrySchedule, jitter: jitter(), now: clock.now)
                changed.warehouseOrderID = nil
                changed.warehouseStatus = nil
                try save(changed, from: unit, [note])
                continue
            } catch let error as StoreError {
                throw error
            } catch is CancellationError {
                throw CancellationError()
            } catch {
                // One order failing must not stop the others: note it, and put this one at the back of the line.
                noteTransient(Failure.classify(error))
                try store.touch(unitID: unit.id ?? 0, at: clock.now)
                continue
            }
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

    /// A unit whose warehouse order, once dispatched, moves it to `dispatched`: in the warehouse, or waiting on
    /// a failure that leaves it there, or a REJECTED order kept in view in case staff fix it in the warehouse
    /// (228 = "created in a rejected status typically due to stock issues", cartoncloud-api.md ~L1094; error references
    /// carry `isResolved`, ~L1073).
    static func isWaitingForDispatch(_ unit: ShipmentUnit) -> Bool {
        unit.state == .inWarehouse
            || ([.retrying, .needsAttention].contains(unit.state) && unit.resumeState == .inWarehouse && unit.reasonCode != .changedAfterSend
                && unit.reasonCode != .voidedInWarehouse)
            || (unit.state == .needsAttention && unit.warehouseStatus == "REJECTED" && unit.warehouseOrderID != nil)
    }

    /// Applies what the warehouse says about one order to its unit. `shipment`: already read in bulk for a
    /// dispatched order (read here when nil).
    func observe(_ order: WarehouseOrder, shipment known: WarehouseShipment? = nil) async throws {
        guard let start = try store.unit(integrationID: integrationID, warehouseOrderID: order.id) else { return }
        var unit = start
        switch order.status {
        case .dispatched where Self.isWaitingForDispatch(unit):
            let read: WarehouseShipment?
            if let known {
                read = known
            } else {
                read = try await calls(CallPurpose.other, unit: unit.id, { try await warehouse.shipment(for: order) })
            }
            // A label voided before write-back is no shipment: wait for the one that goes.
            guard let shipment = read, shipment.labelsVoided != true else { return }
            let wasRejected = unit.warehouseStatus == "REJECTED"
            let message = try unit.dispatched(shipment: shipment, shortfall: shortfall(of: unit, shipment: shipment), now: clock.now)
            try save(unit, from: start, [wasRejected ? "The rejected warehouse order was fixed in the warehouse and dispatched" : nil, message])
        case .dispatched:
            // Tracking that arrives or changes later lives on the consignment; `trackingDue` / `applyTracking` read it in bulk.
            return
        case .open, .inProgress, .packed:
            if unit.state == .needsAttention && unit.warehouseStatus == "REJECTED" {
                // Staff fixed the rejected order in the warehouse: it is live again, so wait for its dispatch.
                let message = try unit.rejectionResolved(status: order.statusText, now: clock.now)
                try save(unit, from: start, [message])
            } else if let message = unit.warehouseProgress(status: order.statusText, now: clock.now) {
                try save(unit, from: start, [message])
            }
        case .cancelled where unit.state == .inWarehouse:
            let message = unit.failed(
                .permanent(
                    .cancelledInWarehouse,
                    "The warehouse order was cancelled in the warehouse. Re-create it by retrying, or skip this order with a note."
                ),
                resume: .pending,
                schedule: retrySchedule,
                jitter: jitter(),
                now: clock.now
            )
            unit.warehouseOrderID = nil
            try save(unit, from: start, [message])
        default:
            if let message = unit.warehouseProgress(status: order.statusText, now: clock.now) {
                try save(unit, from: start, [message])
            }
        }
    }

    /// Completed orders whose consignments are due a look for tracking that arrives or changes later (it lives on
    /// the consignment; nothing documented moves the sale order's `modified` with it): for `limits.trackingWatch`
    /// after completion, less often as they age. Read in the poll's one consignment search.
    func trackingDue() throws -> [ShipmentUnit] {
        guard config.fulfilment.sendTracking, !stopping, idle.noTrackingWatchAt != idle.changes else { return [] }
        let now = clock.now
        let changes = idle.changes
        let candidates = try store.completedUnits(
            integrationID: integrationID,
            completedAfter: now.addingTimeInterval(-config.limits.trackingWatchPeriod),
            limit: 500
        )
        idle.noTrackingWatchAt = candidates.isEmpty ? changes : nil
        return Array(
            candidates.filter { unit in
                guard unit.warehouseOrderID != nil, !unit.trackingDirty else { return false }
                return now.timeIntervalSince(unit.updatedAt)
                    >= Self.trackingCheckInterval(age: now.timeIntervalSince(unit.stateChangedAt), poll: config.limits.pollInterval)
            }.prefix(200)
        )
    }

    /// Records what the consignments say about watched completed orders: a tracking change is sent to Cin7
    /// (`AddTrackingNumbers`); an unchanged one just marks the order as looked at.
    func applyTracking(_ watched: [ShipmentUnit], _ shipments: [String: WarehouseShipment]) throws {
        for start in watched where !stopping {
            guard let shipment = shipments[start.warehouseOrderID ?? ""], shipment != start.shipment else {
                try store.touch(unitID: start.id ?? 0, at: clock.now)
                continue
            }
            var unit = start
            if shipment.labelsVoided == true {
                let message = try unit.labelVoided(shipment, now: clock.now)
                do {
                    try save(unit, from: start, [message])
                } catch is UnitConflict {}
                continue
            }
            unit.shipment = shipment
            var message: String? = nil
            // Compared as Cin7 was sent it: the carrier as mapped (the platform's own name may differ from the Cin7
            // carrier it maps to), so an unchanged shipment is never written again.
            let tracking = Self.trackingText(carrier: cin7CarrierName(for: shipment), shipment)
            if shipment.hasTracking, tracking.caseInsensitiveCompare(unit.trackingSent ?? "") != .orderedSame {
                unit.trackingDirty = true
                message = "Warehouse tracking changed to \(Self.trackingText(shipment)); updating Cin7"
            }
            unit.updatedAt = clock.now
            do {
                try save(unit, from: start, [message])
            } catch is UnitConflict {
                continue
            }
        }
    }

    /// How long to wait between tracking checks of an order completed `age` seconds ago: every poll at first,
    /// then a tenth of its age (a day-old order about every 2.4 hours), at most every 6 hours.
    static func trackingCheckInterval(age: TimeInterval, poll: TimeInterval) -> TimeInterval {
        min(max(poll, age / 10), 6 * 3600)
    }

    /// Lines shipped short against what the unit ordered.
    func shortfall(of unit: ShipmentUnit, shipment: WarehouseShipment) -> [String] {
        guard let shipped = shipment.shippedQuantities, let request = unit.orderRequest else { return [] }
        return request.lines.compactMap { line in
            let sent = shipped[line.sku] ?? 0
            return sent + 0.0001 < line.quantity ? "\(line.sku) \(Self.format(sent)) of \(Self.format(line.quantity))" : nil
        }
    }

    static func format(_ quantity: Double) -> String {
        quantity == quantity.rounded() ? String(Int(quantity)) : String(quantity)
    }

    /// What the audit and `trackingSent` say was sent: the carrier and every tracking number.
    static func trackingText(carrier: String? = nil, _ shipment: WarehouseShipment) -> String {
        ([carrier ?? shipment.carrier] + [cin7TrackingNumber(shipment)]).compactMap { $0?.nilIfBlank }.joined(separator: " ")
    }
}
