import BridgeSupport
import Foundation
import Logging

/// The run service's own reconciliation: one loop for the host (not a timer per integration) that reconciles each
/// integration this process runs once every `every` seconds over `Reconciler.defaultWindow`, saves the report,
/// logs the findings and emits `EngineEvent.reconciled` (what an alert would follow).
public struct ReconciliationSchedule: Sendable {
    /// How often, by default: once a day.
    public static let defaultEvery: TimeInterval = 86_400

    public let every: TimeInterval
    public let store: BridgeStore
    public let clock: any BridgeClock
    public let logger: Logger
    public let connectors: EngineHost.ConnectorFactory
    public let emit: EngineEventSink

    public init(
        every: TimeInterval,
        store: BridgeStore,
        clock: any BridgeClock,
        logger: Logger,
        connectors: @escaping EngineHost.ConnectorFactory,
        emit: @escaping EngineEventSink
    ) {
        self.every = every
        self.store = store
        self.clock = clock
        self.logger = logger
        self.connectors = connectors
        self.emit = emit
    }

    /// Looks every minute (or every `every`, when shorter) for integrations due, until the task is cancelled.
    /// `running` names the integrations this process owns. A failed run is tried again after a quarter of `every`
    /// (at most an hour), not at every look.
    public func run(running: @escaping @Sendable () -> Set<Int64>) async {
        guard every > 0 else { return }
        var failedAt: [Int64: Date] = [:]
        while !Task.isCancelled {
            for id in running().sorted() where !Task.isCancelled {
                if let failed = failedAt[id], clock.now.timeIntervalSince(failed) < min(every / 4, 3600) { continue }
                failedAt[id] = await reconcileIfDue(integrationID: id) ? nil : clock.now
            }
            try? await clock.sleep(seconds: min(every, 60))
        }
    }

    /// Reconciles the integration when its last reconciliation is `every` old or it has none; false when it failed.
    @discardableResult
    public func reconcileIfDue(integrationID id: Int64) async -> Bool {
        let now = clock.now
        if let last = try? store.lastReconciliation(integrationID: id), now.timeIntervalSince(last.ranAt) < every { return true }
        guard let record = try? store.integration(id: id), let config = try? record.decodedConfig() else { return true }
        var log = logger
        log[metadataKey: "integration"] = "\(config.name)"
        do {
            let report = try await Reconciler(store: store, clock: clock).run(
                integrationID: id,
                config: config,
                connectors: try connectors(config),
                since: now.addingTimeInterval(-Reconciler.defaultWindow)
            )
            if report.isClean {
                log.info("Reconciled: clean (\(report.costLine)).")
            } else {
                log.warning("Reconciled: \(report.summary) (\(report.costLine)); see `cin7bridge reconcile --integration \(config.name)`.")
                for finding in report.findings {
                    log.warning("Reconciliation: \(finding.kind.label) \(finding.orderNumber): \(finding.detail) \(finding.advice)")
                }
            }
            emit(.reconciled(integrationID: id, findings: report.findings.count))
            return true
        } catch {
            log.warning("Reconciliation failed; it is tried again later: \(Failure.classify(error).message)")
            return false
        }
    }
}
