import SyncEngine

/// Work the reducer asks for; run outside it (store reads off the main actor, connection tests, saving, commands),
/// results come back as actions.
public enum AppEffect: Sendable, Equatable {
    /// Whether anything was committed to the store since the last check (`AppAction.storeVersion`).
    case checkStoreVersion
    case loadHome
    case loadDashboard(integrationID: Int64, queue: Queue, filter: String, limit: Int = DashboardState.pageSize)
    case loadDetail(unitID: Int64)
    case loadConfig(integrationID: Int64)
    case testCin7(IntegrationConfig)
    case testWarehouse(IntegrationConfig)
    case loadPreview(IntegrationConfig)
    case save(IntegrationConfig, id: Int64?)
    case setEnabled(integrationID: Int64, enabled: Bool, name: String)
    case delete(integrationID: Int64, name: String)
    case command(OperatorAction, integrationID: Int64, unitIDs: [Int64], argument: String?, description: String)
    case addMissingProduct
}
