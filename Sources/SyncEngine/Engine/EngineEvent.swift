import Foundation

/// What the engine tells the UI as it works. The UI re-reads what it shows from the store when told something
/// changed, so events stay small and a viewer in another process sees the same through `StoreChangeWatch`.
public enum EngineEvent: Sendable, Equatable {
    /// A unit changed state (or was created).
    case unitChanged(integrationID: Int64, unitID: Int64, state: ShipmentState)
    /// Lines were added to these units' timelines (the calls made for them).
    case timeline(integrationID: Int64, unitIDs: Set<Int64>)
    /// The integration's published status changed (poll times, budget, backlog, errors).
    case status(IntegrationStatus)
    /// An integration started or stopped running in this process.
    case running(integrationID: Int64, isRunning: Bool)
    /// An operator command was carried out or refused (the same answer is in the `command` table for other processes).
    case commandFinished(integrationID: Int64, commandID: Int64, report: OperatorCommand.Report)
    /// A reconciliation finished and its report was saved (`BridgeStore.lastReconciliation`); `findings` > 0 is
    /// what an alert would follow.
    case reconciled(integrationID: Int64, findings: Int)
    /// Something went wrong that is not tied to one order.
    case problem(integrationID: Int64, message: String)
}

/// Where engines send events: the host fans them out to its `AsyncStream`.
public typealias EngineEventSink = @Sendable (EngineEvent) -> Void
