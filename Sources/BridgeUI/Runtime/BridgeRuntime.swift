import BridgeSupport
import Foundation
import Logging
import SyncEngine
import TerminalUI

/// Runs effects outside the reducer and turns what the engine reports into actions; results come back through
/// ``drain()``. Store reads run off the main actor, one at a time per read (a read asked for again while it runs
/// runs once more, ``rereadSpacing`` or four times as long as it took after it ended, so a stream of engine events
/// costs a few reads a second); connection tests and previews are tasks; saving and operator commands are short
/// writes done at once.
@MainActor
public final class BridgeRuntime {
    public let store: BridgeStore
    public let host: EngineHost
    let allowInsecureHTTP: Bool
    let addMissingProduct: (@Sendable () -> Void)?
    let logger = Logger(label: "cin7bridge.tui")
    /// The store's change counter for viewers; nil when it could not be opened (then every check counts as a change).
    private let changes: StoreChangeWatch?
    private var uncheckedVersion = 0
    private var pending: [AppAction] = []
    /// Store reads running, and those asked for again while they run.
    private var reading: [AppEffect] = []
    private var readAgain: [(effect: AppEffect, body: @Sendable () throws -> AppAction?)] = []
    private var eventTask: Task<Void, Never>?

    public init(store: BridgeStore, host: EngineHost, allowInsecureHTTP: Bool = false, addMissingProduct: (@Sendable () -> Void)? = nil) {
        self.store = store
        self.host = host
        self.allowInsecureHTTP = allowInsecureHTTP
        self.addMissingProduct = addMissingProduct
        changes = try? StoreChangeWatch(store: store)
        eventTask = Task { @MainActor [weak self] in
            for await event in host.events {
                guard let action = AppAction(event) else { continue }
                self?.post(action, coalescing: true)
            }
        }
    }

    /// How long the status line waits for the engine's answer before saying none came.
    static let commandAnswerTimeout: TimeInterval = 20

    /// Results and engine reports that arrived since the last call.
    public func drain() -> [AppAction] {
        defer { pending = [] }
        return pending
    }

    /// Whether results are waiting or store reads are under way (the UI loop then looks for them often).
    public var hasBackgroundWork: Bool { !pending.isEmpty || !reading.isEmpty }

    /// Waits until the store reads under way have reported.
    public func settle() async {
        while !reading.isEmpty { try? await Task.sleep(for: .milliseconds(1)) }
    }

    public func stopListening() { eventTask?.cancel() }

    public func perform(_ effects: [AppEffect], actor: String) {
        for effect in effects { perform(effect, actor: actor) }
    }

    /// Queues an action for the next ``drain()``; an engine report equal to one still waiting is dropped.
    func post(_ action: AppAction, coalescing: Bool = false) {
        if coalescing, pending.contains(action) { return }
        pending.append(action)
    }

    func perform(_ effect: AppEffect, actor: String) {
        do {
            switch effect {
            case .checkStoreVersion:
                guard let changes else {
                    uncheckedVersion += 1
                    post(.storeVersion(uncheckedVersion))
                    return
                }
                read(effect) { .storeVersion(try changes.version()) }
            case .loadHome:
                let (store, host) = (self.store, self.host)
                read(effect) {
                    let loaded = try HomeLoad.load(store: store)
                    return .homeLoaded(loaded.rows, running: host.runningIDs, elsewhere: host.ownedElsewhere, platforms: loaded.platforms)
                }
            case .loadDashboard(let id, let queue, let filter, let limit):
                let store = self.store
                read(effect) {
                    try DashboardSnapshot.load(store: store, integrationID: id, queue: queue, filter: filter, limit: limit).map {
                        .dashboardLoaded($0)
                    }
                }
            case .loadDetail(let unitID):
                let store = self.store
                read(effect) {
                    guard let unit = try store.unit(id: unitID) else { return nil }
                    return .detailLoaded(unit, try store.timeline(unitID: unitID).reversed())
                }
            case .loadConfig(let id):
                let store = self.store
                read(effect) {
                    guard let record = try store.integration(id: id) else { return nil }
                    return .configLoaded(id: id, try record.decodedConfig())
                }
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
                        // A warehouse that cannot answer leaves the names unchecked, not the preview unloaded.
                        let warehouses = try? await connectors.warehouse.knownWarehouses()
                        self.post(.previewLoaded(summaries: loaded.summaries, locations: loaded.locations, warehouses: warehouses))
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

    /// The pause between a read and its repeat.
    static let rereadSpacing: Duration = .milliseconds(100)
    /// A repeat also waits this many times as long as the read took, so a slow read (the Integrations screen of a
    /// host with hundreds of integrations, asked for again by every status they publish) keeps to a fifth of a core.
    static let rereadCostFactor = 4

    /// Runs a store read off the main actor (after `delay`); its action (if any) is posted when it ends.
    private func read(_ effect: AppEffect, after delay: Duration = .zero, _ body: @escaping @Sendable () throws -> AppAction?) {
        guard !reading.contains(effect) else {
            if !readAgain.contains(where: { $0.effect == effect }) { readAgain.append((effect, body)) }
            return
        }
        reading.append(effect)
        Task.detached { [weak self] in
            if delay > .zero { try? await Task.sleep(for: delay) }
            let clock = ContinuousClock()
            let started = clock.now
            let result = Result { try body() }
            await self?.finished(effect, result, took: clock.now - started)
        }
    }

    private func finished(_ effect: AppEffect, _ result: Result<AppAction?, any Error>, took: Duration) {
        if let index = reading.firstIndex(of: effect) { reading.remove(at: index) }
        switch result {
        case .success(let action):
            if let action { post(action) }
        case .failure(let error):
            logger.error("store read failed", metadata: ["error": "\(error)"])
            post(.readFailed(String(describing: error)))
        }
        if let index = readAgain.firstIndex(where: { $0.effect == effect }) {
            let again = readAgain.remove(at: index)
            read(again.effect, after: max(Self.rereadSpacing, took * Self.rereadCostFactor), again.body)
        }
    }
}
