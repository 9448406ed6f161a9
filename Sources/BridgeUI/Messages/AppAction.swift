import Foundation
import SyncEngine
import TerminalUI

/// Everything that changes the state: keys, ticks, signals, what the engine reports, and the results of effects.
public enum AppAction: Sendable, Equatable {
    case key(Key)
    case tick(Date)
    case signal(TerminalSignal)
    // What an engine in this process reports (see `AppAction.init?(_: EngineEvent)`).
    /// An order changed state or was created.
    case unitChanged(integrationID: Int64, unitID: Int64)
    /// Lines were added to these orders' timelines (the calls made for them).
    case timelineChanged(integrationID: Int64, unitIDs: Set<Int64>)
    /// An integration's published status (poll times, budget, backlog, connection).
    case statusChanged(IntegrationStatus)
    /// An integration started or stopped syncing in this process.
    case runningChanged(integrationID: Int64, isRunning: Bool)
    /// An integration's engine could not start.
    case engineProblem(integrationID: Int64)
    /// A reconciliation of the integration was saved: the dashboard shows its result.
    case reconciled(integrationID: Int64)
    // Results of effects.
    /// The store's data version (`AppEffect.checkStoreVersion`).
    case storeVersion(Int)
    /// Every integration's health (by name), and each one's warehouse platform (for the filter).
    case homeLoaded([IntegrationHealth], running: Set<Int64>, elsewhere: [Int64: String], platforms: [Int64: WarehousePlatform] = [:])
    case dashboardLoaded(DashboardSnapshot)
    case detailLoaded(ShipmentUnit, [AuditEntry])
    case cin7Tested(ConnectionReport)
    case warehouseTested(ConnectionReport)
    /// `warehouses`: those the warehouse knows of to check typed names against; nil when they could not be read.
    case previewLoaded(summaries: [SaleSummary], locations: LocationIndex, warehouses: [IntegrationConfig.WarehouseRef]?)
    case previewFailed(String)
    case saved(id: Int64, name: String, isNew: Bool)
    case saveFailed(String)
    case deleted(name: String)
    case configLoaded(id: Int64, IntegrationConfig)
    /// A finished operation's message for the flash line.
    case notice(String, Flash.Level)
    /// Why a store read failed, for the flash line (nothing is re-read: that would fail again at once).
    case readFailed(String)
    /// The engine's answers to operator commands this screen sent; `unanswered` is how many got none in time.
    case commandsAnswered([OperatorCommand.Report], unanswered: Int)
}
