import BridgeSupport
import Foundation

extension IntegrationEngine {
    /// Operator commands, due retries, the lease heartbeat and the published status.
    func housekeepingStep() async throws -> Bool {
        let now = clock.now
        guard try takeLease() else {
            // Another process took the integration over (ours looked dead to it): stop without touching anything.
            noteError("Another cin7bridge process took over this integration; this one stops.")
            stopping = true
            return false
        }
        var didWork = false
        for command in try store.pendingCommands(integrationID: integrationID) where !stopping {
            let result: String
            do {
                result = try await execute(command)
            } catch let error as StoreError {
                throw error
            } catch {
                result = "failed: \(Failure.classify(error).message)"
            }
            try store.finishCommand(id: command.id!, result: result, now: clock.now)
            didWork = true
        }
        for start in try store.dueUnits(integrationID: integrationID, states: [.retrying], now: now, limit: 100, horizon: config.limits.retryCap * 2) {
            var unit = start
            try unit.resume(now: now)
            try save(unit, from: start, [nil])
            didWork = true
        }
        if let retention = config.limits.auditRetention, retention > 0, elapsed(since: lastAuditPrune, now: now) >= min(3600, retention / 10) {
            lastAuditPrune = now
            try store.pruneAudit(before: now.addingTimeInterval(-retention), integrationID: integrationID)
        }
        await refreshBudgets()
        publishStatus()
        return didWork
    }

    /// Carries out one operator command and says what happened.
    func execute(_ command: OperatorCommand) async throws -> String {
        let now = clock.now
        switch command.kind {
        case .retry:
            guard let id = command.unitID, let start = try store.unit(id: id) else { return "no such order" }
            var unit = start
            let message = try unit.operatorRetry(now: now)
            try save(unit, from: start, [message], kind: .operatorAction, actor: command.actor)
            return "retrying \(unit.reference)"
        case .retryReason:
            let code = command.argument ?? ""
            var count = 0
            for start in try store.units(state: .needsAttention, integrationID: integrationID, limit: 10_000) where start.reasonCode == code {
                var unit = start
                let message = try unit.operatorRetry(now: now)
                try save(unit, from: start, [message], kind: .operatorAction, actor: command.actor)
                count += 1
            }
            return "retrying \(count) orders"
        case .skip:
            guard let id = command.unitID, let start = try store.unit(id: id) else { return "no such order" }
            var unit = start
            let message = try unit.operatorSkip(note: command.argument ?? "", now: now)
            try save(unit, from: start, [message], kind: .operatorAction, actor: command.actor)
            return "skipped \(unit.reference)"
        case .reevaluate:
            let skipped = try store.units(state: .skipped, integrationID: integrationID, limit: 100_000)
                .filter { [Router.SkipCode.unmappedLocation.rawValue, Router.SkipCode.status.rawValue, Router.SkipCode.noStockLines.rawValue,
                          Router.SkipCode.awaitingFulfilment.rawValue].contains($0.reasonCode ?? "") }
            var routed = 0
            reference.locationsLoadedAt = nil
            try await loadReferenceData()
            for sale in Set(skipped.map(\.saleID)) where !stopping {
                let units = try store.units(integrationID: integrationID, saleID: sale)
                guard units.allSatisfy({ $0.state == .skipped }) else { continue }
                try await resync(saleID: sale)
                if try store.units(integrationID: integrationID, saleID: sale).contains(where: { $0.state != .skipped }) { routed += 1 }
            }
            return "re-evaluated \(Set(skipped.map(\.saleID)).count) skipped sales; \(routed) now routed"
        case .resync:
            guard let id = command.unitID, let unit = try store.unit(id: id) else { return "no such order" }
            try await resync(saleID: unit.saleID)
            return "re-read \(unit.orderNumber) from Cin7"
        case .pause:
            try store.setEnabled(false, integrationID: integrationID, actor: command.actor, now: now)
            stopping = true
            return "paused"
        case .resume:
            try store.setEnabled(true, integrationID: integrationID, actor: command.actor, now: now)
            return "resumed"
        case .pollNow:
            pollRequested = true
            nextWatchAt = now
            return "polling now"
        }
    }
}
