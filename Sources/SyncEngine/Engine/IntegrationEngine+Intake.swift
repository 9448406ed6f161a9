import BridgeSupport
import Cin7Core
import Foundation

extension IntegrationEngine {
    /// Polls Cin7's sale list for sales changed since the watermark (taken before the scan, with overlap, no
    /// status filter so voids and edits are seen) and gives every sale seen a unit with a state and a reason.
    func intakeStep() async throws -> Bool {
        let now = clock.now
        guard pollRequested || isDue(nextIntakeAt, now: now) else { return false }
        pollRequested = false
        try await loadReferenceData()

        let watermark = try self.watermark("intake", otherwise: config.orderCreation.goLive.date)
        let since = watermark.addingTimeInterval(-config.limits.pollOverlap)
        let scanStart = clock.now
        status.lastPollAt = scanStart
        let rows: [SaleListItem]
        do {
            rows = try await calls(CallPurpose.intake) { try await cin7.saleList(SaleListFilter(updatedSince: since)) }
        } catch {
            status.cin7Connected = false
            nextIntakeAt = clock.now.addingTimeInterval(config.limits.pollInterval)
            throw error
        }
        status.cin7Connected = true

        var seen = Set<String>()
        let summaries = rows.map(SaleSummary.init).filter { seen.insert($0.saleID).inserted }
        let existing = try store.units(integrationID: integrationID, saleIDs: summaries.map(\.saleID))
        for summary in summaries where !stopping {
            try await intake(summary, existing: existing[summary.saleID] ?? [])
            flushCalls()
            publishStatus()
        }
        // The next poll starts from the newest change Cin7 reported (its clock, not ours: a jump in this machine's
        // clock must not skip or stall sales). The overlap covers writes that land while a scan runs.
        if !stopping, let newest = summaries.compactMap(\.updated).max(), newest > watermark {
            try setWatermark("intake", newest)
        }
        // Changes noted on units (a void, an edit) are the create loop's work: look now, not at its next rest's end.
        if !summaries.isEmpty { wake() }
        // The budgets shown move with calls: read after a poll that found work, and now and then when idle.
        if !summaries.isEmpty || elapsed(since: budgetsRefreshedAt, now: clock.now) >= quietCeiling { await refreshBudgets() }
        scheduleNextIntake()
        publishStatus(force: true)
        return !summaries.isEmpty
    }

    /// Polls adapt to the budget: while the budget is busy draining a backlog, list calls are spaced out so the
    /// orders themselves get the calls.
    func scheduleNextIntake() {
        let interval = config.limits.pollInterval
        let busy = (status.cin7Budget?.fraction ?? 0) > 0.8 && status.backlog > 0
        // While a backlog drains, new sales queue behind it anyway: list polls get at most 1% of the budget.
        let drainingInterval = max(interval * 3, config.limits.cin7Window * 100 / Double(max(1, config.limits.cin7CallsPerWindow)))
        nextIntakeAt = clock.now.addingTimeInterval(busy ? drainingInterval : interval)
        status.nextPollAt = nextIntakeAt
    }

    func loadReferenceData() async throws {
        let now = clock.now
        if reference.needsLocations(now: now) {
            let locations = try await calls(CallPurpose.other) { try await cin7.locations(priority: .high) }
            reference.locations = LocationIndex(
                locations.map {
                    LocationIndex.Entry(id: $0.ID.value, name: $0.Name ?? "", parentID: $0.ParentID?.value)
                }
                    + locations.flatMap { location in
                        (location.Bins ?? []).map { LocationIndex.Entry(id: $0.ID.value, name: $0.Name ?? "", parentID: location.ID.value) }
                    }
            )
            reference.locationsLoadedAt = now
        }
        if reference.needsProducts(now: now) {
            let products = try await calls(CallPurpose.other) { try await cin7.products(includeDeprecated: true, priority: .high) }
            // Deprecated products count too: an open sale may still carry a service product retired since.
            reference.serviceSKUs = Set(
                products.filter { ($0.type?.rawValue.uppercased() ?? "STOCK") != "STOCK" }.compactMap { $0.SKU?.uppercased() }
            )
            reference.productsLoadedAt = now
        }
    }

    /// Decides what one sale-list row means for the integration.
    func intake(_ summary: SaleSummary, existing: [ShipmentUnit]) async throws {
        if existing.isEmpty {
            if let skip = router.precheck(summary) {
                var unit = ShipmentUnit(
                    integrationID: integrationID,
                    saleID: summary.saleID,
                    orderNumber: summary.orderNumber,
                    reference: config.orderCreation.referencePrefix + summary.orderNumber,
                    customerName: summary.customer,
                    cin7Location: summary.locationID.flatMap { reference.locations.topLevel(ofID: $0)?.name } ?? "",
                    state: .skipped,
                    now: clock.now
                )
                unit.saleUpdated = summary.updated
                let message = unit.skip(skip, now: clock.now)
                _ = try insert(unit, message)
                return
            }
            try await readAndRoute(summary, replacing: [])
            return
        }

        // The store keeps milliseconds; Cin7 sends up to seven fraction digits.
        let known = existing.compactMap(\.saleUpdated).max()
        if let known, let updated = summary.updated, updated.timeIntervalSince(known) < 0.001 { return }

        // Skipped for a reason a change may lift: decide again.
        if existing.allSatisfy({ $0.state == .skipped }),
            existing.allSatisfy({ $0.reasonCode?.reconsideredOnSaleChange ?? false })
        {
            if let skip = router.precheck(summary) {
                for unit in existing {
                    var changed = unit
                    changed.saleUpdated = summary.updated
                    let message = changed.reason == skip.reason ? nil : changed.skip(skip, now: clock.now)
                    try save(changed, from: unit, [message])
                }
                return
            }
            try await readAndRoute(summary, replacing: existing)
            return
        }

        // Fulfilments that waited for their pick while others went ahead: route them again now the sale changed.
        let waiting = existing.filter { $0.state == .skipped && $0.reasonCode == .awaitingFulfilment }
        if !summary.isVoided, !waiting.isEmpty {
            let waitingIDs = Set(waiting.compactMap(\.id))
            let live = Set(existing.filter { !waitingIDs.contains($0.id ?? -1) }.map(\.fulfilmentNumber))
            try await readAndRoute(summary, replacing: waiting, keeping: live)
        }
        for unit in existing {
            guard let id = unit.id else { continue }
            if summary.isVoided {
                if [.skipped, .cancelled].contains(unit.state) || unit.reasonCode == .voidedAfterDispatch {
                    try store.noteCin7Version(unitID: id, saleUpdated: summary.updated)
                } else {
                    try store.noteCin7Version(
                        unitID: id,
                        saleUpdated: summary.updated,
                        change: "voided",
                        audit: AuditEntry(
                            integrationID: integrationID,
                            unitID: id,
                            at: clock.now,
                            kind: .info,
                            message: "Voided in Cin7",
                            actor: "engine"
                        )
                    )
                }
            } else {
                try store.noteCin7Version(unitID: id, saleUpdated: summary.updated)
            }
        }
        // Edits matter while the order is open in the warehouse (or not yet sent); once dispatched, our own writes
        // change the sale, so it is not read again.
        let open: Set<ShipmentState> = [.pending, .creating, .inWarehouse, .retrying, .needsAttention]
        let watched = existing.filter { open.contains($0.state) && ($0.resumeState ?? $0.state).isBeforeDispatch }
        guard !summary.isVoided, !watched.isEmpty else { return }
        let sale = SaleInfo(try await calls(CallPurpose.intake, unit: watched.first?.id) { try await cin7.sale(id: summary.saleID) })
        let fingerprint = OrderMapper.fingerprint(sale)
        for unit in watched {
            guard let id = unit.id, let old = unit.saleFingerprint, old != fingerprint else { continue }
            let summaryText = OrderMapper.describeChange(from: old, to: fingerprint)
            try store.noteCin7Version(
                unitID: id,
                saleUpdated: sale.updated ?? summary.updated,
                change: "changed: \(summaryText)",
                audit: AuditEntry(
                    integrationID: integrationID,
                    unitID: id,
                    at: clock.now,
                    kind: .info,
                    message: "Changed in Cin7: \(summaryText)",
                    actor: "engine"
                )
            )
        }
    }

    /// Reads the full sale (one call), routes it and records its units, reusing the rows of an earlier skip. Plans
    /// for the fulfilment numbers in `keeping` (units already live) are left alone.
    func readAndRoute(_ summary: SaleSummary, replacing previous: [ShipmentUnit], keeping: Set<Int> = []) async throws {
        let cin7Sale = try await calls(CallPurpose.intake, unit: previous.first?.id) { try await cin7.sale(id: summary.saleID) }
        let sale = SaleInfo(cin7Sale, listedAs: summary)
        let now = clock.now
        let router = self.router
        let topLevel =
            summary.locationID.flatMap { reference.locations.topLevel(ofID: $0) }?.name
            ?? reference.locations.topLevel(ofName: sale.location)?.name ?? sale.location

        switch router.route(sale) {
        case .failure(let skip):
            if previous.isEmpty {
                var unit = ShipmentUnit(
                    integrationID: integrationID,
                    saleID: sale.saleID,
                    orderNumber: sale.orderNumber,
                    reference: router.reference(for: sale, fulfilment: nil),
                    customerName: sale.customer,
                    cin7Location: topLevel,
                    state: .skipped,
                    now: now
                )
                unit.saleUpdated = sale.updated
                unit.saleFingerprint = OrderMapper.fingerprint(sale)
                let message = unit.skip(skip, now: now)
                _ = try insert(unit, message)
            } else {
                for unit in previous {
                    var changed = unit
                    changed.saleUpdated = sale.updated
                    let message = changed.reason == skip.reason ? nil : changed.skip(skip, now: now)
                    try save(changed, from: unit, [message])
                }
            }
        case .success(let planned):
            var reusable = previous
            // Fulfilments already sent (or otherwise live) keep their units.
            for plan in planned where !keeping.contains(plan.fulfilmentNumber) {
                let request = OrderMapper.request(for: sale, unit: plan, options: config.orderCreation, serviceSKUs: reference.serviceSKUs)
                let message = "Routed \(sale.orderNumber) from \(plan.location) to \(plan.warehouse.display) as \(plan.reference)"
                if let index = reusable.firstIndex(where: { $0.fulfilmentNumber == plan.fulfilmentNumber }) ?? reusable.indices.first {
                    let original = reusable.remove(at: index)
                    var unit = original
                    unit.fulfilmentNumber = plan.fulfilmentNumber
                    unit.taskIDs = plan.taskIDs
                    unit.reference = plan.reference
                    unit.warehouse = plan.warehouse.display
                    unit.cin7Location = plan.location
                    unit.saleFingerprint = OrderMapper.fingerprint(sale)
                    unit.saleUpdated = sale.updated
                    if let waiting = plan.waiting {
                        let note = unit.state == .skipped && unit.reason == waiting.reason ? nil : unit.skip(waiting, now: now)
                        try save(unit, from: original, [note])
                        continue
                    }
                    unit.orderRequest = request
                    unit.reason = nil
                    unit.reasonCode = nil
                    unit.state = .pending
                    unit.stateChangedAt = now
                    unit.updatedAt = now
                    try save(unit, from: original, [message])
                } else {
                    var unit = ShipmentUnit(
                        integrationID: integrationID,
                        saleID: sale.saleID,
                        fulfilmentNumber: plan.fulfilmentNumber,
                        taskIDs: plan.taskIDs,
                        orderNumber: sale.orderNumber,
                        reference: plan.reference,
                        customerName: sale.customer,
                        cin7Location: plan.location,
                        warehouse: plan.warehouse.display,
                        state: plan.waiting == nil ? .pending : .skipped,
                        now: now
                    )
                    unit.saleFingerprint = OrderMapper.fingerprint(sale)
                    unit.saleUpdated = sale.updated
                    if let waiting = plan.waiting {
                        let note = unit.skip(waiting, now: now)
                        _ = try insert(unit, note)
                        continue
                    }
                    unit.orderRequest = request
                    _ = try insert(unit, message)
                }
            }
            // Rows of an earlier skip that the new routing does not need stay skipped, saying why.
            for unit in reusable {
                var changed = unit
                changed.saleUpdated = sale.updated
                let message = changed.skip(
                    Router.Skip(code: .noStockLines, reason: "Not needed after re-routing: the sale's fulfilments are sent as separate orders."),
                    now: now
                )
                try save(changed, from: unit, [message])
            }
        }
    }
}

extension ShipmentState {
    /// Still open in the warehouse (or not yet sent): edits in Cin7 matter.
    var isBeforeDispatch: Bool {
        [.pending, .creating, .inWarehouse, .retrying, .needsAttention].contains(self)
    }
}
