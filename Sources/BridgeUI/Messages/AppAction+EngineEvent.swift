import SyncEngine

extension AppAction {
    /// The action an engine event becomes; nil for events the screen does not follow (command answers reach the
    /// screen that sent the command through `CommandAnswers`, which also hears other processes' engines).
    public init?(_ event: EngineEvent) {
        switch event {
        case .unitChanged(let integrationID, let unitID, _): self = .unitChanged(integrationID: integrationID, unitID: unitID)
        case .timeline(let integrationID, let unitIDs): self = .timelineChanged(integrationID: integrationID, unitIDs: unitIDs)
        case .status(let status): self = .statusChanged(status)
        case .running(let integrationID, let isRunning): self = .runningChanged(integrationID: integrationID, isRunning: isRunning)
        case .problem(let integrationID, _): self = .engineProblem(integrationID: integrationID)
        case .reconciled(let integrationID, _): self = .reconciled(integrationID: integrationID)
        case .commandFinished: return nil
        }
    }
}
