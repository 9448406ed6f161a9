import BridgeSupport
import Foundation
import Logging
import SyncEngine
import TerminalUI

/// Runs effects outside the reducer: store reads (synchronous, fast), connection tests and previews (async tasks),
/// saving, operator commands. Results come back as actions through ``drain()``.
@MainActor
public final class BridgeRuntime {
    public let store: BridgeStore
    public let host: EngineHost
    let allowInsecureHTTP: Bool
    let addMissingProduct: (@Sendable () -> Void)?
    let logger = Logger(label: "cin7bridge.tui")
    private var pending: [AppAction] = []
    private var engineDirty = false
    private var eventTask: Task<Void, Never>?

    public init(store: BridgeStore, host: EngineHost, allowInsecureHTTP: Bool = false, addMissingProduct: (@Sendable () -> Void)? = nil) {
        self.store = store
        self.host = host
        self.allowInsecureHTTP = allowInsecureHTTP
        self.addMissingProduct = addMissingProduct
        eventTask = Task { @MainActor [weak self] in
            for await _ in host.events {
                self?.engineDirty = true
            }
        }
    }

    /// How long the status line waits for the engine's answer before saying none came.
    static let commandAnswerTimeout: TimeInterval = 20

    /// Results that arrived since the last call.
    public func drain() -> [AppAction] {
        defer { pending = [] }
        return pending
    }

    /// Whether the engine reported something since the last look.
    public func takeEngineDirty() -> Bool {
        defer { engineDirty = false }
        return engineDirty
    }

    public func stopListening() { eventTask?.cancel() }

    public func perform(_ effects: [AppEffect], actor: String) {
        for effect in effects { perform(effect, actor: actor) }
    }

    func post(_ action: AppAction) { pending.append(action) }

    func perform(_ effect: AppEffect, actor: String) {
        do {
            switch effect {
            case .loadHome:
                let rows = try IntegrationHealth.evaluate(store: store)
                post(.homeLoaded(rows, running: host.runningIDs, elsewhere: host.ownedElsewhere))
            case .loadDashboard(let id, let queue, let filter, let limit):
                guard let snapshot = try DashboardSnapshot.load(store: store, integrationID: id, queue: queue, filter: filter, limit: limit) else { return }
                post(.dashboardLoaded(snapshot))
            case .loadDetail(let unitID):
                guard let unit = try store.unit(id: unitID) else { return }
                post(.detailLoaded(unit, try store.timeline(unitID: unitID).reversed()))
            case .loadConfig(let id):
                guard let record = try store.integration(id: id) else { return }
                post(.configLoaded(id: id, try record.decodedConfig()))
            case .testCin7(let config):
                let store = self.store
                let insecure = allowInsecureHTTP
                Task { @MainActor in
                    let report: ConnectionReport
                    do {
                        report = try await Connectors(config: config, store: store, allowInsecureHTTP: insecure).testCin7()
                    } catch {
                        report = ConnectionReport(checks: [.init(name: "Cin7 Core", ok: false, detail: Failure.classify(error).message)])
                    }
                    self.post(.cin7Tested(report))
                }
            case .testWarehouse(let config):
                let store = self.store
                let insecure = allowInsecureHTTP
                Task { @MainActor in
                    let report: ConnectionReport
                    do {
                        report = try await Connectors(config: config, store: store, allowInsecureHTTP: insecure).warehouse.testConnection()
                    } catch {
                        report = ConnectionReport(checks: [.init(name: "Warehouse", ok: false, detail: Failure.classify(error).message)])
                    }
                    self.post(.warehouseTested(report))
                }
            case .loadPreview(let config):
                let store = self.store
                let insecure = allowInsecureHTTP
                Task { @MainActor in
                    do {
                        let connectors = try Connectors(config: config, store: store, allowInsecureHTTP: insecure)
                        let loaded = try await SalePreview.load(options: config.orderCreation, cin7: connectors.cin7)
                        self.post(.previewLoaded(summaries: loaded.summaries, locations: loaded.locations))
                    } catch {
                        self.post(.previewFailed(Failure.classify(error).message))
                    }
                }
            case .save(let config, let id):
                let saved = try store.saveIntegration(config, id: id, actor: actor)
                host.reconcile()
                post(.saved(id: saved, name: config.name, isNew: id == nil))
            case .setEnabled(let id, let enabled, let name):
                try store.setEnabled(enabled, integrationID: id, actor: actor)
                host.reconcile()
                post(.notice(enabled ? "Resumed \"\(name)\"." : "Paused \"\(name)\": nothing is sent until it is resumed.", .ok))
            case .delete(let id, let name):
                try store.deleteIntegration(id: id, actor: actor)
                host.reconcile()
                post(.deleted(name: name))
            case .command(let kind, let id, let unitIDs, let argument, let description):
                let targets: [Int64?] = unitIDs.isEmpty ? [nil] : unitIDs.map { Optional($0) }
                var ids: [Int64] = []
                for unitID in targets {
                    let command = OperatorCommand(integrationID: id, unitID: unitID, kind: kind, argument: argument, actor: actor, createdAt: Date())
                    let saved = try host.command(command)
                    if let commandID = saved.id { ids.append(commandID) }
                }
                post(.notice(description + "…", .info))
                let store = self.store
                Task { @MainActor in
                    let answers = await CommandAnswers.wait(for: ids, store: store, timeout: Self.commandAnswerTimeout)
                    self.post(.commandsAnswered(answers.reports, unanswered: answers.unanswered))
                }
            case .addMissingProduct:
                if let addMissingProduct {
                    addMissingProduct()
                    post(.notice("Added MAT-SELF to the demo warehouse: open a failed order and press r to retry.", .ok))
                }
            }
        } catch {
            logger.error("effect failed", metadata: ["error": "\(error)"])
            if case .save = effect { post(.saveFailed(String(describing: error))) } else { post(.notice(String(describing: error), .error)) }
        }
    }
}

extension DashboardSnapshot {
    /// Reads what the dashboard shows of one integration: queue counts, the newest `limit` units of `queue`, status and
    /// the reasons orders need attention. nil when the integration is gone.
    public static func load(
        store: BridgeStore, integrationID id: Int64, queue: Queue, filter: String, limit: Int = DashboardState.pageSize
    ) throws -> DashboardSnapshot? {
        guard let record = try store.integration(id: id) else { return nil }
        let counts = try store.queueCounts(integrationID: id)
        let units = try store.units(integrationID: id, queue: queue, filter: filter.isEmpty ? nil : filter, offset: 0, limit: limit)
        let attention = try store.attentionReasons(integrationID: id).map { AttentionGroup(code: $0.code, reason: $0.reason, count: $0.count) }
        return DashboardSnapshot(
            integrationID: id, counts: counts, units: units, status: try store.status(integrationID: id), attention: attention,
            enabled: record.enabled, name: record.name)
    }
}
