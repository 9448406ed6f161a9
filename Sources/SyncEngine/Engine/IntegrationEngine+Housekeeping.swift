import BridgeSupport
import Foundation

extension IntegrationEngine {
    /// Operator commands, due retries, the lease heartbeat and the published status.
    func housekeepingStep() async throws -> Bool {
        let now = clock.now
        // The heartbeat: renewed a few times per lease lifetime (a takeover needs it stale for `leaseTimeout`).
        if elapsed(since: lease.renewedAt, now: now) >= heartbeatInterval, try !lease.take() {
            // Another process took the integration over (ours looked dead to it): stop without touching anything.
            noteError(LeaseKeeper.lostMessage)
            stopping = true
            return false
        }
        var didWork = false
        // Commands arrive with a wake (the host's look for every integration, or a local command); the store is
        // asked anyway now and then for an engine run without a host.
        var commands: [OperatorCommand] = []
        if idle.commandsMayWait || elapsed(since: idle.commandsAskedAt, now: now) >= quietCeiling {
            commands = try store.pendingCommands(integrationID: integrationID)
            idle.commandsMayWait = false
            idle.commandsAskedAt = now
        }
        if !commands.isEmpty, let latest = try store.integration(id: integrationID).flatMap({ try? $0.decodedConfig() }), latest != config {
            // A person who just changed the configuration and retries means the configuration as it is now.
            update(config: latest)
        }
        for command in commands where !stopping {
            let report: OperatorCommand.Report
            do {
                report = try await execute(command)
            } catch let error as StoreError {
                throw error
            } catch {
                report = .refused(Failure.classify(error).message)
            }
            try store.finishCommand(command, report: report, now: clock.now)
            emit(.commandFinished(integrationID: integrationID, commandID: command.id ?? 0, report: report))
            didWork = true
        }
        if let retryAt = idle.nextRetryAt, isRetryDue(retryAt, now: now) {
            for start in try store.dueUnits(integrationID: integrationID, states: [.retrying], now: now, limit: 100, horizon: retryHorizon) {
                var unit = start
                try unit.resume(now: now)
                try save(unit, from: start, [nil])
                didWork = true
            }
            idle.nextRetryAt = try store.nextDueDate(integrationID: integrationID, states: [.retrying])
        }
        if let retention = config.limits.auditRetention, retention > 0, elapsed(since: lastAuditPrune, now: now) >= min(3600, retention / 10) {
            lastAuditPrune = now
            try store.pruneAudit(before: now.addingTimeInterval(-retention), integrationID: integrationID)
        }
        if elapsed(since: budgetsRefreshedAt, now: now) >= quietCeiling { await refreshBudgets() }
        publishStatus()
        return didWork
    }

    /// When housekeeping must look next: a retry falling due, or the lease's own heartbeat, a heartbeat before the
    /// lease would run out were the host not renewing it (it renews every engine's lease in one write).
    var housekeepingDue: Date {
        let heartbeat = lease.renewedAt.addingTimeInterval(lease.timeout - heartbeatInterval)
        return min(idle.nextRetryAt ?? heartbeat, heartbeat)
    }

    /// A retry scheduled further ahead than `retryHorizon` counts as due: the clock was set back after it was
    /// scheduled (as `dueUnits` counts it).
    func isRetryDue(_ date: Date, now: Date) -> Bool {
        now >= date || date.timeIntervalSince(now) > retryHorizon
    }

    var retryHorizon: TimeInterval { config.limits.retryCap * 2 }

    /// Carries out one operator command and says what happened, or why it was not possible.
    func execute(_ command: OperatorCommand) async throws -> OperatorCommand.Report {
        let now = clock.now
        switch command.kind {
        case .retry:
            guard let id = command.unitID, let start = try store.unit(id: id) else { return .refused("That order no longer exists.") }
            if try isSkippedSale(start) { return try await retrySkippedSale(start, actor: command.actor) }
            let (unit, messages) = try await retried(start, now: now)
            try save(unit, from: start, messages, kind: .operatorAction, actor: command.actor)
            if unit.state == .skipped { return .refused("\(unit.reference) is still not for the warehouse: \(unit.reason ?? "skipped").") }
            return .done("Retrying \(unit.reference)" + (unit.warehouse.map { " (to \($0))" } ?? "") + ".")
        case .retryReason:
            let code = ReasonCode(rawValue: command.argument ?? "")
            var count = 0
            for start in try store.units(state: .needsAttention, integrationID: integrationID, limit: 10_000)
            where start.reasonCode == code && start.allows(.retry) && !stopping {
                let (unit, messages) = try await retried(start, now: now)
                try save(unit, from: start, messages, kind: .operatorAction, actor: command.actor)
                count += 1
            }
            return count == 0
                ? .refused("No order needs attention for that reason any more.")
                : .done("Retrying \(count) order\(count == 1 ? "" : "s").")
        case .skip:
            guard let id = command.unitID, let start = try store.unit(id: id) else { return .refused("That order no longer exists.") }
            var unit = start
            let message = try unit.operatorSkip(note: command.argument ?? "", now: now)
            try save(unit, from: start, [message], kind: .operatorAction, actor: command.actor)
            return .done("Skipped \(unit.reference).")
        case .reevaluate:
            let goLive = config.orderCreation.goLive.date
            let skipped = try store.units(state: .skipped, integrationID: integrationID, limit: 100_000).filter { unit in
                guard let code = unit.reasonCode, code.reevaluatedOnConfigurationChange else { return false }
                // Before go-live: only the sales the go-live point now brings in.
                return code != .beforeGoLive || (unit.saleUpdated ?? .distantPast) >= goLive
            }
            var routed = 0
            reference.locationsLoadedAt = nil
            try await loadReferenceData()
            for sale in Set(skipped.map(\.saleID)) where !stopping {
                let units = try store.units(integrationID: integrationID, saleID: sale)
                guard units.allSatisfy({ $0.state == .skipped }) else { continue }
                try await resync(saleID: sale)
                if try store.units(integrationID: integrationID, saleID: sale).contains(where: { $0.state != .skipped }) { routed += 1 }
            }
            let sales = Set(skipped.map(\.saleID)).count
            if sales == 0 { return .done("No skipped sale could change with the configuration; nothing to re-evaluate.") }
            return .done("Re-evaluated \(sales) skipped sale\(sales == 1 ? "" : "s"): \(routed == 0 ? "none" : "\(routed)") now routed.")
        case .resync:
            guard let id = command.unitID, let unit = try store.unit(id: id) else { return .refused("That order no longer exists.") }
            try await resync(saleID: unit.saleID)
            return .done("Re-read \(unit.orderNumber) from Cin7.")
        case .pause:
            try store.setEnabled(false, integrationID: integrationID, actor: command.actor, now: now)
            stopping = true
            return .done("Paused: nothing is sent or polled until you resume.")
        case .resume:
            try store.setEnabled(true, integrationID: integrationID, actor: command.actor, now: now)
            return .done("Resumed.")
        case .pollNow:
            pollRequested = true
            nextWatchAt = now
            return .done("Polling now.")
        }
    }

    /// Whether `unit` belongs to a sale that was never sent: every unit of it is skipped with no warehouse order.
    func isSkippedSale(_ unit: ShipmentUnit) throws -> Bool {
        guard unit.state == .skipped, unit.warehouseOrderID == nil else { return false }
        return try store.units(integrationID: integrationID, saleID: unit.saleID).allSatisfy { $0.state == .skipped && $0.warehouseOrderID == nil }
    }

    /// An operator's retry of a sale that was never sent: the sale is read again from Cin7 and routed as new with the
    /// configuration as it is now (`resync`), so it gets the units and orders the routing now gives — or stays
    /// skipped, and the timeline and the answer say why.
    func retrySkippedSale(_ start: ShipmentUnit, actor: String) async throws -> OperatorCommand.Report {
        try save(
            start,
            from: start,
            ["Retry requested: reading the sale again from Cin7 to route it with the current configuration"],
            kind: .operatorAction,
            actor: actor
        )
        try await resync(saleID: start.saleID)
        guard let id = start.id, let unit = try store.unit(id: id) else { return .refused("That order no longer exists.") }
        guard unit.state == .skipped else {
            return .done("Retrying \(unit.reference)" + (unit.warehouse.map { " (to \($0))" } ?? "") + ".")
        }
        if unit.reason == start.reason {
            try save(unit, from: unit, ["Still skipped with the current configuration: \(unit.reason ?? "no reason given")"])
        }
        return .refused("\(unit.reference) is still not for the warehouse: \(unit.reason ?? "skipped").")
    }

    /// An operator's retry: back to work, and — when nothing is live in the warehouse — routed and mapped again from
    /// the configuration as it is now (re-reading the sale), so a corrected mapping takes effect.
    func retried(_ start: ShipmentUnit, now: Date) async throws -> (ShipmentUnit, [String?]) {
        var unit = start
        let message = try unit.operatorRetry(now: now)
        guard Self.hasNoLiveWarehouseOrder(unit), unit.state == .pending || unit.state == .creating else { return (unit, [message]) }
        let (replanned, change) = try await replan(unit, now: now)
        return (replanned, [message, change])
    }
}
