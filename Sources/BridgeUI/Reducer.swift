import Foundation
import SyncEngine
import TerminalUI

/// Ticks between store refreshes (the loop ticks every 200 ms).
let refreshEveryTicks = 2
/// Ticks a flash message stays.
let flashTicks = 25

/// The update function: applies `action` to `state` and returns the work to do outside (never does I/O itself).
public func reduce(_ state: inout AppState, _ action: AppAction) -> [AppEffect] {
    switch action {
    case .key(let key):
        if key == .resize { return [] }
        return handleKey(&state, key)
    case .tick(let now):
        state.now = now
        state.tick += 1
        if let flash = state.flash, state.tick >= flash.expiresAtTick { state.flash = nil }
        guard state.tick % refreshEveryTicks == 0 else { return [] }
        return refreshEffects(state)
    case .signal(let signal):
        state.quitRequested = true
        switch signal {
        case .hangup: state.quitReason = "The terminal hung up (SIGHUP)."
        case .terminate: state.quitReason = "Stopped by SIGTERM."
        case .quit: state.quitReason = "Stopped by SIGQUIT."
        case .interrupt: state.quitReason = "Interrupted."
        }
        return []
    case .homeLoaded(let rows, let running, let elsewhere):
        state.home.rows = rows
        state.home.loaded = true
        state.running = running
        state.ownedElsewhere = elsewhere
        state.home.selection = clamp(state.home.selection, rows.count)
        return []
    case .dashboardLoaded(let snap):
        guard var d = state.dashboard, d.integrationID == snap.integrationID else { return [] }
        let selectedID = d.selectedUnit?.id
        d.counts = snap.counts
        d.units = snap.units
        d.status = snap.status
        d.attention = snap.attention
        d.enabled = snap.enabled
        d.name = snap.name
        if let selectedID, let i = snap.units.firstIndex(where: { $0.id == selectedID }) { d.selection = i }
        d.selection = clamp(d.selection, d.units.count)
        d.marked = d.marked.intersection(Set(snap.units.compactMap(\.id)))
        let firstLoad = !d.loaded
        d.loaded = true
        state.dashboard = d
        if firstLoad, let tab = DashboardState.openingTab(counts: snap.counts, current: d.tab), tab != d.tab {
            return switchTab(&state, to: tab)
        }
        return []
    case .detailLoaded(let unit, let timeline):
        if var detail = state.detail, detail.unit.id == unit.id {
            detail.unit = unit
            detail.timeline = timeline
            state.detail = detail
        } else {
            state.detail = DetailState(unit: unit, timeline: timeline)
        }
        return []
    case .cin7Tested(let report):
        state.wizard?.cin7Test = .done(report)
        return []
    case .warehouseTested(let report):
        state.wizard?.warehouseTest = .done(report)
        return []
    case .previewLoaded(let summaries, let locations):
        guard var w = state.wizard else { return [] }
        w.preview = .loaded
        w.summaries = summaries
        w.locationIndex = locations
        let known = Dictionary(uniqueKeysWithValues: w.locations.map { ($0.name.lowercased(), $0.id) })
        let top = locations.topLevel
        // Mappings saved by name or an old id follow the location by name.
        for entry in top where w.mappingChoice[entry.id] == nil {
            if let oldID = known[entry.name.lowercased()], let choice = w.mappingChoice[oldID] { w.mappingChoice[entry.id] = choice }
        }
        w.locations = top
        recomputePreview(&w)
        state.wizard = w
        return []
    case .previewFailed(let message):
        state.wizard?.preview = .failed(message)
        return []
    case .saved(let id, let name, let isNew):
        state.wizard = nil
        flash(&state, isNew ? "Saved \"\(name)\": syncing starts now." : "Saved \"\(name)\": the engine picks up the change.", .ok)
        openDashboard(&state, id: id, name: name)
        return refreshEffects(state)
    case .saveFailed(let message):
        state.wizard?.saving = false
        flash(&state, "Not saved: \(message)", .error)
        return []
    case .deleted(let name):
        flash(&state, "Deleted \"\(name)\".", .ok)
        return [.loadHome]
    case .configLoaded(let id, let config):
        return openWizard(&state, id: id, config: config)
    case .notice(let text, let level):
        flash(&state, text, level)
        return refreshEffects(state)
    case .commandsAnswered(let reports, let unanswered):
        let answers = CommandAnswers(reports: reports, unanswered: unanswered)
        let level: Flash.Level = !answers.refused.isEmpty ? .error : unanswered > 0 ? .warning : .ok
        flash(&state, answers.summary, level)
        return refreshEffects(state)
    }
}

func clamp(_ value: Int, _ count: Int) -> Int { max(0, min(value, count - 1)) }

func flash(_ state: inout AppState, _ text: String, _ level: Flash.Level) {
    state.flash = Flash(text, level: level, expiresAtTick: state.tick + flashTicks)
}

/// What to re-read for the screen on show.
func refreshEffects(_ state: AppState) -> [AppEffect] {
    var effects: [AppEffect] = [.loadHome]
    if let d = state.dashboard, state.screen == .dashboard || state.screen == .detail {
        effects.append(d.loadList)
    }
    if state.screen == .detail, let id = state.detail?.unit.id { effects.append(.loadDetail(unitID: id)) }
    return effects
}

func openDashboard(_ state: inout AppState, id: Int64, name: String) {
    if state.dashboard?.integrationID != id { state.dashboard = DashboardState(integrationID: id, name: name) }
    state.screen = .dashboard
}

// MARK: - Keys

func handleKey(_ state: inout AppState, _ key: Key) -> [AppEffect] {
    if let overlay = state.overlay { return handleOverlayKey(&state, overlay, key) }
    switch state.screen {
    case .home: return handleHomeKey(&state, key)
    case .dashboard: return handleDashboardKey(&state, key)
    case .detail: return handleDetailKey(&state, key)
    case .wizard: return handleWizardKey(&state, key)
    }
}

/// `q`/Ctrl-C: quits at once unless this process is syncing (then asks, saying syncing stops).
func requestQuit(_ state: inout AppState) -> [AppEffect] {
    if !state.running.isEmpty || (state.wizard?.hasChanges ?? false) {
        state.overlay = .confirmQuit
    } else {
        state.quitRequested = true
    }
    return []
}

func handleOverlayKey(_ state: inout AppState, _ overlay: Overlay, _ key: Key) -> [AppEffect] {
    switch overlay {
    case .help(let scroll):
        let last = helpMaxScroll(state, size: state.viewport)
        let page = max(1, state.viewport.height - 6)
        let current = min(scroll, last)
        switch KeyMaps.helpScreen.action(for: key) {
        case .up: state.overlay = .help(scroll: max(0, current - 1))
        case .down: state.overlay = .help(scroll: min(last, current + 1))
        case .pageUp: state.overlay = .help(scroll: max(0, current - page))
        case .pageDown: state.overlay = .help(scroll: min(last, current + page))
        case .top: state.overlay = .help(scroll: 0)
        case .bottom: state.overlay = .help(scroll: last)
        case .back: state.overlay = nil
        default:
            if key == .ctrl("c") { state.overlay = nil; return requestQuit(&state) }
        }
        return []
    case .skipNote(let ids, var field):
        switch KeyMaps.skipNote.action(for: key) {
        case .confirmYes:
            let note = field.text.trimmingCharacters(in: .whitespaces)
            guard !note.isEmpty else {
                flash(&state, "Say why the order is skipped: the note stays in its timeline.", .warning)
                return []
            }
            state.overlay = nil
            guard let d = state.dashboard else { return [] }
            state.dashboard?.marked = []
            return [.command(.skip, integrationID: d.integrationID, unitIDs: ids, argument: note,
                             description: "Skipping \(ids.count) order\(ids.count == 1 ? "" : "s")")]
        case .confirmNo:
            state.overlay = nil
        default:
            _ = field.handle(key: key)
            state.overlay = .skipNote(unitIDs: ids, field: field)
        }
        return []
    case .timelineEntry:
        if KeyMaps.timelineEntry.action(for: key) == .back { state.overlay = nil }
        if key == .ctrl("c") { state.overlay = nil; return requestQuit(&state) }
        return []
    case .confirmQuit, .confirmDelete, .confirmDiscardWizard, .confirmRetryReason:
        switch KeyMaps.confirm.action(for: key) {
        case .confirmYes:
            state.overlay = nil
            return confirmed(&state, overlay)
        case .confirmNo:
            state.overlay = nil
        default:
            if key == .ctrl("c"), overlay == .confirmQuit { state.overlay = nil }
        }
        return []
    }
}

func confirmed(_ state: inout AppState, _ overlay: Overlay) -> [AppEffect] {
    switch overlay {
    case .confirmQuit:
        state.quitRequested = true
        return []
    case .confirmDelete(let id, let name):
        if state.dashboard?.integrationID == id { state.dashboard = nil }
        state.screen = .home
        return [.delete(integrationID: id, name: name)]
    case .confirmDiscardWizard:
        state.wizard = nil
        state.screen = state.wizardReturn
        return refreshEffects(state)
    case .confirmRetryReason(let code, let reason, let count):
        guard let d = state.dashboard else { return [] }
        return [.command(.retryReason, integrationID: d.integrationID, unitIDs: [], argument: code.rawValue,
                         description: "Retrying \(count) order\(count == 1 ? "" : "s"): \(reason)")]
    default:
        return []
    }
}

func handleHomeKey(_ state: inout AppState, _ key: Key) -> [AppEffect] {
    guard let intent = KeyMaps.home(demo: state.isDemo).action(for: key) else { return [] }
    let rows = state.home.rows
    let selected = rows.indices.contains(state.home.selection) ? rows[state.home.selection] : nil
    switch intent {
    case .up: state.home.selection = clamp(state.home.selection - 1, rows.count)
    case .down: state.home.selection = clamp(state.home.selection + 1, rows.count)
    case .top, .pageUp: state.home.selection = 0
    case .bottom, .pageDown: state.home.selection = clamp(rows.count - 1, rows.count)
    case .open:
        guard let selected else { return [] }
        openDashboard(&state, id: selected.integrationID, name: selected.name)
        return refreshEffects(state)
    case .new:
        return openWizard(&state, id: nil, config: nil)
    case .reconfigure:
        guard let selected else { return [] }
        return [.loadConfig(integrationID: selected.integrationID)]
    case .togglePause:
        guard let selected else { return [] }
        return [.setEnabled(integrationID: selected.integrationID, enabled: !selected.enabled, name: selected.name)]
    case .delete:
        guard let selected else { return [] }
        state.overlay = .confirmDelete(id: selected.integrationID, name: selected.name)
    case .help: state.overlay = .help(scroll: 0)
    case .quit: return requestQuit(&state)
    case .addMissingProduct: return [.addMissingProduct]
    default: break
    }
    return []
}

/// Opens the wizard; `config` is the stored configuration when reconfiguring.
public func openWizard(_ state: inout AppState, id: Int64?, config: IntegrationConfig?, template: IntegrationConfig? = nil) -> [AppEffect] {
    var base = config ?? template ?? IntegrationConfig(name: "")
    if config == nil, let limits = state.env.newIntegrationLimits { base.limits = limits }
    state.wizard = WizardState(editing: id, config: base, now: state.now)
    state.wizardReturn = state.screen == .wizard ? .home : state.screen
    state.screen = .wizard
    return []
}

func handleDashboardKey(_ state: inout AppState, _ key: Key) -> [AppEffect] {
    guard var d = state.dashboard else { state.screen = .home; return [] }
    if var field = d.filterField {
        switch KeyMaps.filter.action(for: key) {
        case .confirmYes:
            d.filter = field.text
            d.filterField = nil
        case .confirmNo:
            d.filter = ""
            d.filterField = nil
        default:
            if key == .ctrl("c") { d.filterField = nil; state.dashboard = d; return requestQuit(&state) }
            _ = field.handle(key: key)
            d.filterField = field
            d.filter = field.text
        }
        d.selection = 0
        let load = d.firstPage()
        state.dashboard = d
        return [load]
    }
    if case .char(let c) = key, let n = c.wholeNumberValue, (1...Queue.allCases.count).contains(n) {
        return switchTab(&state, to: Queue.allCases[n - 1])
    }
    guard let intent = KeyMaps.dashboard(demo: state.isDemo).action(for: key) else { return [] }
    let page = 10
    if let refusal = KeyAvailability.check(intent, states: d.targetUnits.map(\.state), enabled: d.enabled) {
        state.dashboard = d
        flash(&state, refusal, .warning)
        return []
    }
    let targets = d.targetUnits.filter { KeyAvailability.applies(intent, to: $0.state) }.compactMap(\.id)
    switch intent {
    case .up: d.selection = clamp(d.selection - 1, d.units.count)
    case .down: d.selection = clamp(d.selection + 1, d.units.count)
    case .pageUp: d.selection = clamp(d.selection - page, d.units.count)
    case .pageDown: d.selection = clamp(d.selection + page, d.units.count)
    case .top: d.selection = 0
    case .bottom: d.selection = clamp(d.units.count - 1, d.units.count)
    case .nextTab, .prevTab:
        let all = Queue.allCases
        let i = all.firstIndex(of: d.tab) ?? 0
        let next = all[(i + (intent == .nextTab ? 1 : all.count - 1)) % all.count]
        return switchTab(&state, to: next)
    case .open:
        guard let unit = d.selectedUnit, let id = unit.id else { return [] }
        state.detail = DetailState(unit: unit, timeline: [])
        state.screen = .detail
        state.dashboard = d
        return [.loadDetail(unitID: id)]
    case .mark:
        guard let id = d.selectedUnit?.id else { return [] }
        if d.marked.contains(id) { d.marked.remove(id) } else { d.marked.insert(id) }
        d.selection = clamp(d.selection + 1, d.units.count)
    case .retry:
        guard !targets.isEmpty else { state.dashboard = d; flash(&state, "Nothing selected to retry.", .warning); return [] }
        d.marked = []
        state.dashboard = d
        let numbers = d.units.filter { targets.contains($0.id ?? -1) }.map(\.orderNumber)
        return [.command(.retry, integrationID: d.integrationID, unitIDs: targets, argument: nil,
                         description: "Retrying \(numbers.count == 1 ? numbers[0] : "\(numbers.count) orders")")]
    case .retryReason:
        let code = d.selectedUnit.flatMap { $0.state == .needsAttention ? $0.reasonCode : nil } ?? d.attention.first?.code
        guard let code, let group = d.attention.first(where: { $0.code == code }) else {
            state.dashboard = d
            flash(&state, "No orders need attention.", .info)
            return []
        }
        state.overlay = .confirmRetryReason(code: group.code, reason: group.reason, count: group.count)
    case .skip:
        guard !targets.isEmpty else { state.dashboard = d; flash(&state, "Nothing selected to skip.", .warning); return [] }
        state.overlay = .skipNote(unitIDs: targets, field: TextField(placeholder: "why (kept in the audit)", maxLength: 200))
    case .filter:
        d.filterField = TextField(text: d.filter, placeholder: "order number, reference or customer")
    case .reevaluate:
        state.dashboard = d
        return [.command(.reevaluate, integrationID: d.integrationID, unitIDs: [], argument: nil, description: "Re-evaluating skipped orders")]
    case .pollNow:
        state.dashboard = d
        return [.command(.pollNow, integrationID: d.integrationID, unitIDs: [], argument: nil, description: "Asking the engine to poll now")]
    case .reconfigure:
        state.dashboard = d
        return [.loadConfig(integrationID: d.integrationID)]
    case .togglePause:
        state.dashboard = d
        return [.setEnabled(integrationID: d.integrationID, enabled: !d.enabled, name: d.name)]
    case .addMissingProduct:
        state.dashboard = d
        return [.addMissingProduct]
    case .back:
        if !d.filter.isEmpty {
            d.filter = ""
            let load = d.firstPage()
            state.dashboard = d
            return [load]
        }
        if !d.marked.isEmpty {
            d.marked = []
        } else {
            state.screen = .home
        }
    case .help: state.overlay = .help(scroll: 0)
    case .quit:
        state.dashboard = d
        return requestQuit(&state)
    default: break
    }
    let nextPage = [.down, .pageDown, .bottom].contains(intent) ? d.nextPageAtEnd() : nil
    state.dashboard = d
    return nextPage.map { [$0] } ?? []
}

func switchTab(_ state: inout AppState, to queue: Queue) -> [AppEffect] {
    guard var d = state.dashboard else { return [] }
    d.tab = queue
    d.loaded = true  // a tab chosen (by the person, or once on opening) is never overridden by a later load
    d.selection = 0
    d.marked = []
    d.units = []
    let load = d.firstPage()
    state.dashboard = d
    return [load]
}

func handleDetailKey(_ state: inout AppState, _ key: Key) -> [AppEffect] {
    guard var detail = state.detail, let id = detail.unit.id else { state.screen = .dashboard; return [] }
    let intent = KeyMaps.detail(demo: state.isDemo).action(for: key)
    if let intent, let refusal = KeyAvailability.check(intent, states: [detail.unit.state], enabled: true) {
        flash(&state, refusal, .warning)
        return []
    }
    switch intent {
    case .up: detail.scroll = max(0, detail.scroll - 1)
    case .down: detail.scroll = min(detail.scroll + 1, max(0, detail.timeline.count - 1))
    case .open where detail.timeline.indices.contains(detail.scroll): state.overlay = .timelineEntry(detail.scroll)
    case .back:
        state.screen = .dashboard
        state.detail = nil
        return refreshEffects(state)
    case .retry:
        return [.command(.retry, integrationID: detail.unit.integrationID, unitIDs: [id], argument: nil,
                         description: "Retrying \(detail.unit.orderNumber)")]
    case .skip:
        state.overlay = .skipNote(unitIDs: [id], field: TextField(placeholder: "why (kept in the audit)", maxLength: 200))
    case .help: state.overlay = .help(scroll: 0)
    case .quit: return requestQuit(&state)
    case .addMissingProduct: return [.addMissingProduct]
    default: break
    }
    state.detail = detail
    return []
}
