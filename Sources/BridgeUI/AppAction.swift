import Foundation
import SyncEngine
import TerminalUI

/// What a key binding asks for (the same value dispatches the key, draws the footer and fills the help).
public enum KeyIntent: Sendable, Equatable {
    case up, down, pageUp, pageDown, top, bottom
    case nextTab, prevTab, tab(Int)
    case open, back, help, quit
    case new, reconfigure, togglePause, delete
    case retry, mark, retryReason, skip, reevaluate, pollNow, filter, addMissingProduct
    case nextField, prevField, nextStep, prevStep, finish, activate, cycleBack, cycleForward
    case confirmYes, confirmNo
}

/// What a dashboard refresh reads.
public struct DashboardSnapshot: Sendable, Equatable {
    public var integrationID: Int64
    public var counts: [Queue: Int]
    public var units: [ShipmentUnit]
    public var status: IntegrationStatus?
    public var attention: [AttentionGroup]
    public var enabled: Bool
    public var name: String

    public init(integrationID: Int64, counts: [Queue: Int], units: [ShipmentUnit], status: IntegrationStatus?, attention: [AttentionGroup], enabled: Bool, name: String) {
        self.integrationID = integrationID
        self.counts = counts
        self.units = units
        self.status = status
        self.attention = attention
        self.enabled = enabled
        self.name = name
    }
}

/// Everything that changes the state: keys, ticks, signals, and the results of effects.
public enum AppAction: Sendable, Equatable {
    case key(Key)
    case tick(Date)
    case signal(TerminalSignal)
    case homeLoaded([IntegrationHealth], running: Set<Int64>, elsewhere: [Int64: String])
    case dashboardLoaded(DashboardSnapshot)
    case detailLoaded(ShipmentUnit, [AuditEntry])
    case cin7Tested(ConnectionReport)
    case warehouseTested(ConnectionReport)
    case previewLoaded(summaries: [SaleSummary], locations: LocationIndex)
    case previewFailed(String)
    case saved(id: Int64, name: String, isNew: Bool)
    case saveFailed(String)
    case deleted(name: String)
    case configLoaded(id: Int64, IntegrationConfig)
    /// A finished operation's message for the flash line.
    case notice(String, Flash.Level)
    /// The engine's answers to operator commands this screen sent; `unanswered` is how many got none in time.
    case commandsAnswered([OperatorCommand.Report], unanswered: Int)
}

/// Work the reducer asks for; run outside it (store reads, connection tests, saving, commands), results come back
/// as actions.
public enum AppEffect: Sendable, Equatable {
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
