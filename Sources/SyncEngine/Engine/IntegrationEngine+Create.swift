import BridgeSupport
import Foundation

extension IntegrationEngine {
    /// Handles changes seen in Cin7, then creates due orders in the warehouse.
    func createStep() async throws -> Bool {
        var didWork = try await handleCin7Changes()
        // The counts this engine keeps say whether any unit waits at all, so an idle look costs no query.
        guard try hasUnits(in: [.pending, .creating]) else { return didWork }
        let due = try store.dueUnits(integrationID: integrationID, states: [.pending, .creating], now: clock.now, limit: 20)
        for unit in due where !stopping {
            try await create(unit)
            flushCalls()
            publishStatus()
            didWork = true
        }
        return didWork
    }

    /// Creates one unit's warehouse order exactly once: intent recorded first, then a search by reference (which
    /// adopts what a lost response, a crash or another integration already made), then the create.
    func create(_ start: ShipmentUnit) async throws {
        var unit = start
        guard var request = unit.orderRequest else {
            let message = unit.failed(
                .permanent(.orderNotPrepared, "The order could not be prepared for the warehouse. Retry to read the sale again from Cin7."),
                resume: .pending,
                schedule: retrySchedule,
                jitter: jitter(),
                now: clock.now
            )
            try save(unit, from: start, [message])
            return
        }

        // A rejected order is replaced: deleted and re-created with the same reference, or kept and a `-R<n>`
        // reference used when the warehouse will not delete it. Staff may have fixed it in the warehouse meanwhile
        // (cartoncloud-api.md ~L1094, 228: "created in a rejected status typically due to stock issues"): then it is kept, not replaced.
        if unit.warehouseStatus == "REJECTED", let rejectedID = unit.warehouseOrderID {
            let original = unit
            do {
                let current = try? await calls(CallPurpose.other, unit: unit.id) { try await warehouse.order(id: rejectedID) }
                if let current, current.status != .rejected, current.status != .cancelled, current.status != .unknown {
                    let message = try unit.rejectionResolved(status: current.statusText, now: clock.now)
                    try save(unit, from: original, [message])
                    try await observeAdopted(current)
                    return
                }
                // A 404 on delete means staff already deleted it (cartoncloud-api.md ~L3991): re-create all the same.
                let outcome = try await calls(CallPurpose.other, unit: unit.id) { try await warehouse.cancelOrder(id: rejectedID) }
                let message = unit.replaceRejected(deleted: outcome == .cancelled, baseReference: Self.baseReference(unit.reference), now: clock.now)
                try save(unit, from: original, [message])
            } catch {
                try fail(&unit, from: original, error, resume: .pending)
                return
            }
        }

        // Contact details the warehouse would refuse (CartonCloud's Address element: phone 0-64 characters, one
        // plain email) are cleaned rather than parking the order; the timeline says what was dropped.
        let contact = ContactDetails.cleaned(phone: request.address.phone, email: request.address.email)
        request.address.phone = contact.phone
        request.address.email = contact.email

        let before = unit
        let intent = try unit.beginCreate(now: clock.now)
        try save(unit, from: before, [intent] + contact.notes)
        request.reference = unit.reference
        let sent = unit
        // Search by reference only when an earlier attempt's outcome is unknown (a lost answer, a crash mid-create);
        // otherwise a duplicate is caught by the warehouse's own 422 DUPLICATE below.
        let uncertain = start.createUncertain || start.state == .creating
        do {
            let existing =
                uncertain ? try await calls(CallPurpose.other, unit: unit.id) { try await warehouse.findOrders(reference: unit.reference) } : []
            if let live = existing.first(where: { $0.status != .rejected && $0.status != .cancelled }) {
                let ours = start.createUncertain || start.state == .creating
                let message = try unit.created(orderID: live.id, status: live.statusText, adopted: true, now: clock.now)
                let flag =
                    ours
                    ? nil
                    : "Flag: warehouse order \(live.id) with reference \(unit.reference) was not created by this engine; adopted instead of sending a second order"
                try save(unit, from: sent, [message, flag])
                try await observeAdopted(live)
                return
            }
            if let rejected = existing.first(where: { $0.status == .rejected }), start.createUncertain || start.state == .creating {
                let message = try unit.rejected(orderID: rejected.id, reasons: rejected.rejectionReasons, now: clock.now)
                try save(unit, from: sent, [message])
                return
            }
            let result = try await calls(CallPurpose.other, unit: unit.id) { try await warehouse.createOrder(request) }
            switch result {
            case .created(let order):
                let message = try unit.created(orderID: order.id, status: order.statusText, adopted: false, now: clock.now)
                try save(unit, from: sent, [message])
            case .rejected(let order, let reasons):
                let message = try unit.rejected(orderID: order.id, reasons: reasons, now: clock.now)
                try save(unit, from: sent, [message])
            case .duplicate(let existingID):
                let order = try await calls(CallPurpose.other, unit: unit.id) { try await warehouse.order(id: existingID) }
                if order.status == .cancelled {
                    // The reference belongs to an order the warehouse cancelled: never adopt it as the live one.
                    let message = try unit.replaceCancelled(orderID: order.id, baseReference: Self.baseReference(unit.reference), now: clock.now)
                    try save(unit, from: sent, [message])
                    return
                }
                let message =
                    order.status == .rejected
                    ? try unit.rejected(orderID: order.id, reasons: order.rejectionReasons, now: clock.now)
                    : try unit.created(orderID: order.id, status: order.statusText, adopted: true, now: clock.now)
                let flag =
                    uncertain || order.status == .rejected
                    ? nil
                    : "Flag: warehouse order \(order.id) with reference \(unit.reference) was not created by this engine; adopted instead of sending a second order"
                try save(unit, from: sent, [message, flag])
                try await observeAdopted(order)
            }
        } catch let error as StoreError {
            throw error
        } catch let error as UnitConflict {
            throw error
        } catch is CancellationError {
            throw CancellationError()
        } catch {
            try fail(&unit, from: sent, error, resume: .pending)
        }
    }

    /// An adopted order may have moved on while we did not know its id (a lost create response, then a quick
    /// dispatch): apply its current status now rather than waiting for a change the watch may already have passed.
    func observeAdopted(_ order: WarehouseOrder) async throws {
        guard order.status != .open else { return }
        try await observe(order)
    }

    /// Records a failed attempt: transient → `retrying` with backoff, permanent → `needs_attention`.
    func fail(_ unit: inout ShipmentUnit, from original: ShipmentUnit, _ error: any Error, resume: ShipmentState) throws {
        let failure = Failure.classify(error)
        let message = unit.failed(failure, resume: resume, schedule: retrySchedule, jitter: jitter(), now: clock.now)
        if failure.isTransient { noteTransient(failure) }
        try save(unit, from: original, [message])
    }

    func noteTransient(_ failure: Failure) {
        status.lastError = failure.message
        status.lastErrorAt = clock.now
    }

    /// The reference without a `-R<n>` suffix.
    static func baseReference(_ reference: String) -> String {
        guard let range = reference.range(of: #"-R\d+$"#, options: .regularExpression) else { return reference }
        return String(reference[..<range.lowerBound])
    }

    /// Voids and edits noticed by intake, handled once the unit is not in flight.
    func handleCin7Changes() async throws -> Bool {
        let changed = try store.unitsWithCin7Change(integrationID: integrationID)
        var didWork = false
        for start in changed where ![.creating, .writingBack].contains(start.state) && !stopping {
            // A change whose re-read failed waits for its retry time, or for a person when it cannot be read at all.
            if start.reasonCode == .cin7RereadFailed, start.state == .needsAttention || (start.nextAttemptAt ?? .distantPast) > clock.now { continue }
            guard let change = start.cin7Change else { continue }
            var unit = start
            var message: String?
            if change == "voided" {
                if unit.warehouseOrderID == nil, unit.createUncertain {
                    // A create whose answer was lost may have made the order: find it before calling this cancelled.
                    do {
                        let found = try await calls(CallPurpose.other, unit: unit.id) { try await warehouse.findOrders(reference: unit.reference) }
                        if let live = found.first(where: { $0.status != .cancelled }) {
                            unit.warehouseOrderID = live.id
                            unit.warehouseStatus = live.statusText
                        }
                        unit.createUncertain = false
                    } catch {
                        noteTransient(Failure.classify(error))
                        continue
                    }
                }
                if let orderID = unit.warehouseOrderID, unit.state.isBeforeDispatch, (unit.resumeState ?? unit.state).isBeforeDispatch {
                    do {
                        let outcome = try await calls(CallPurpose.other, unit: unit.id) { try await warehouse.cancelOrder(id: orderID) }
                        switch outcome {
                        case .cancelled: message = unit.voided(cancelledInWarehouse: true, warehouseStatus: unit.warehouseStatus, now: clock.now)
                        case .notAllowed(let status): message = unit.voided(cancelledInWarehouse: false, warehouseStatus: status, now: clock.now)
                        }
                    } catch {
                        let failure = Failure.classify(error)
                        if failure.isTransient {
                            noteTransient(failure)
                            continue
                        }
                        message = unit.voided(cancelledInWarehouse: false, warehouseStatus: unit.warehouseStatus, now: clock.now)
                    }
                } else {
                    message = unit.voided(cancelledInWarehouse: nil, warehouseStatus: unit.warehouseStatus, now: clock.now)
                }
            } else if unit.warehouseOrderID == nil && !unit.createUncertain && unit.state.isBeforeDispatch {
                // Not sent yet: take the new version instead.
                unit.cin7Change = nil
                unit.saleUpdated = nil
                try save(unit, from: start, ["Changed in Cin7 before sending; reading it again"])
                didWork = true
                do {
                    try await resync(saleID: unit.saleID)
                } catch let error as StoreError {
                    throw error
                } catch is CancellationError {
                    throw CancellationError()
                } catch {
                    // Not read again: the stored order is stale, so it is not sent; the change is kept and retried.
                    guard let fresh = try store.unit(id: unit.id ?? 0) else { continue }
                    var held = fresh
                    held.cin7Change = change
                    let failure = Failure.classify(error)
                    let detail = Failure(
                        isTransient: failure.isTransient,
                        code: .cin7RereadFailed,
                        message:
                            "Changed in Cin7 before sending, but the new version could not be read (\(failure.message)); it is not sent until it is."
                    )
                    let note = held.failed(detail, resume: .pending, schedule: retrySchedule, jitter: jitter(), now: clock.now)
                    if failure.isTransient { noteTransient(failure) }
                    try save(held, from: fresh, [note])
                }
                continue
            } else {
                message = unit.changedAfterSending(String(change.dropFirst("changed: ".count)), now: clock.now)
            }
            try save(unit, from: start, [message])
            didWork = true
        }
        return didWork
    }

    /// Reads one sale again from Cin7 and routes it as new information.
    @discardableResult
    func resync(saleID: String) async throws -> Bool {
        let sale = try await calls(CallPurpose.intake) { try await cin7.sale(id: saleID) }
        let info = SaleInfo(sale)
        let summary = SaleSummary(
            saleID: info.saleID,
            orderNumber: info.orderNumber,
            status: info.status,
            orderStatus: info.orderStatus,
            customer: info.customer,
            locationID: nil,
            updated: info.updated,
            combinedShippingStatus: info.combinedShippingStatus,
            combinedTrackingNumbers: info.combinedTrackingNumbers,
            isService: info.isService
        )
        let existing = try store.units(integrationID: integrationID, saleID: saleID)
        if existing.isEmpty || existing.allSatisfy({ $0.state == .skipped || ($0.state == .pending && $0.warehouseOrderID == nil) }) {
            try await readAndRoute(summary, replacing: existing)
        } else {
            try await intake(
                summary,
                existing: existing.map {
                    var unit = $0
                    unit.saleUpdated = nil
                    return unit
                }
            )
        }
        return true
    }
}
