import Foundation
import SyncEngine
import TerminalUI

/// Ticks between a viewer's store change checks (the loop ticks every 200 ms).
let storeCheckEveryTicks = 2
/// Ticks between re-evaluations of the Integrations screen's health, whose verdicts also depend on the clock (a
/// lease gone stale, polling lagging, orders stuck) and so can change while the store does not.
let healthEveryTicks = 25
/// Ticks a flash message stays.
let flashTicks = 25

/// The update function: applies `action` to `state` and returns the work to do outside (never does I/O itself).
/// Keys go to the overlay or the screen's own reducer (`HomeState`, `DashboardState`, `DetailState`,
/// `WizardState`); what the engine reports and what effects return are folded in here.
public func reduce(_ state: inout AppState, _ action: AppAction) -> [AppEffect] {
    switch action {
    case .key(let key):
        if key == .resize { return [] }
        return state.handleKey(key)
    case .tick(let now):
        state.now = now
        state.tick += 1
        if let flash = state.flash, state.tick >= flash.expiresAtTick { state.flash = nil }
        var effects: [AppEffect] = []
        if state.tick % storeCheckEveryTicks == 0, state.watchesOtherProcesses { effects.append(.checkStoreVersion) }
        if state.tick % healthEveryTicks == 0, state.screen.kind == .home { effects.append(.loadHome) }
        return effects
    case .signal(let signal):
        state.quitRequested = true
        switch signal {
        case .hangup: state.quitReason = "The terminal hung up (SIGHUP)."
        case .terminate: state.quitReason = "Stopped by SIGTERM."
        case .quit: state.quitReason = "Stopped by SIGQUIT."
        case .interrupt: state.quitReason = "Interrupted."
        }
        return []
    case .unitChanged(let integrationID, let unitID):
        return state.refreshEffects(integrationID: integrationID, unitID: unitID)
    case .timelineChanged(let integrationID, let unitIDs):
        guard let detail = state.detail, detail.unit.integrationID == integrationID, let unitID = detail.unit.id, unitIDs.contains(unitID) else {
            return []
        }
        return [.loadDetail(unitID: unitID)]
    case .statusChanged(let status):
        state.screen.modifyDashboard { d in
            if d.integrationID == status.integrationID { d.status = status }
        }
        return state.screen.kind == .home ? [.loadHome] : []
    case .runningChanged(let integrationID, let isRunning):
        if isRunning { state.running.insert(integrationID) } else { state.running.remove(integrationID) }
        return [.loadHome]
    case .engineProblem:
        return [.loadHome]
    case .reconciled:
        return state.refreshEffects()
    case .storeVersion(let version):
        guard version != state.storeVersion else { return [] }
        state.storeVersion = version
        return state.refreshEffects()
    case .homeLoaded(let rows, let running, let elsewhere, let platforms):
        state.running = running
        state.ownedElsewhere = elsewhere
        var home = state.home
        home.load(rows, platforms: platforms, app: state)
        state.home = home
        return []
    case .dashboardLoaded(let snapshot):
        guard var d = state.dashboard, d.isCurrent(snapshot) else { return [] }
        let firstLoad = d.apply(snapshot)
        state.screen.modifyDashboard { $0 = d }
        if firstLoad, let tab = DashboardState.openingTab(counts: snapshot.counts, current: d.tab), tab != d.tab {
            return state.switchTab(to: tab)
        }
        return []
    case .detailLoaded(let unit, let timeline):
        state.screen.modifyDetail { detail in
            guard detail.unit.id == unit.id else { return }
            detail.unit = unit
            detail.timeline = timeline
        }
        return []
    case .cin7Tested(let report):
        state.screen.modifyWizard { $0.cin7Test = .done(report) }
        return []
    case .warehouseTested(let report):
        state.screen.modifyWizard { $0.warehouseTest = .done(report) }
        return []
    case .previewLoaded(let summaries, let locations, let warehouses):
        state.screen.modifyWizard { $0.previewLoaded(summaries: summaries, locations: locations, warehouses: warehouses) }
        return []
    case .previewFailed(let message):
        state.screen.modifyWizard { $0.preview = .failed(message) }
        return []
    case .saved(let id, let name, let isNew):
        state.closeWizard()
        state.flash(isNew ? "Saved \"\(name)\": syncing starts now." : "Saved \"\(name)\": the engine picks up the change.", .ok)
        state.openDashboard(id: id, name: name)
        return state.refreshEffects()
    case .saveFailed(let message):
        state.screen.modifyWizard { $0.saving = false }
        state.flash("Not saved: \(message)", .error)
        return []
    case .deleted(let name):
        state.flash("Deleted \"\(name)\".", .ok)
        return [.loadHome]
    case .configLoaded(let id, let config):
        return state.openWizard(id: id, config: config)
    case .notice(let text, let level):
        state.flash(text, level)
        return state.refreshEffects()
    case .readFailed(let message):
        state.flash(message, .error)
        return []
    case .commandsAnswered(let reports, let unanswered):
        let answers = CommandAnswers(reports: reports, unanswered: unanswered)
        let level: Flash.Level = !answers.refused.isEmpty ? .error : unanswered > 0 ? .warning : .ok
        state.flash(answers.summary, level)
        return state.refreshEffects()
    }
}

func clamp(_ value: Int, _ count: Int) -> Int { max(0, min(value, count - 1)) }

extension AppState {
    /// Hands a key to the overlay, or else to the screen's own reducer.
    mutating func handleKey(_ key: Key) -> [AppEffect] {
        if let overlay { return handleOverlayKey(overlay, key) }
        switch screen {
        case .home:
            var home = self.home
            let effects = home.reduce(key, app: &self)
            self.home = home
            return effects
        case .dashboard(let d):
            return reduceScreen(d, Screen.dashboard) { d, app in d.reduce(key, app: &app) }
        case .detail(let detail, let d):
            return reduceScreen(detail, { .detail($0, dashboard: d) }) { detail, app in detail.reduce(key, app: &app) }
        case .wizard(let w, let back):
            return reduceScreen(w, { .wizard($0, returnTo: back) }) { w, app in w.reduce(key, app: &app) }
        }
    }

    /// Runs a screen's reducer on its own state and keeps the result, unless the reducer moved to another screen.
    private mutating func reduceScreen<S>(_ own: S, _ wrap: (S) -> Screen, _ reduce: (inout S, inout AppState) -> [AppEffect]) -> [AppEffect] {
        var own = own
        let before = screen
        let effects = reduce(&own, &self)
        if screen == before { screen = wrap(own) }
        return effects
    }
}
