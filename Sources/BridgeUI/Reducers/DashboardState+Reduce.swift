import SyncEngine
import TerminalUI

extension DashboardState {
    /// Rows a page key moves.
    static let pageRows = 10

    /// Applies a key on the dashboard; leaving it, dialogs and messages go to `app`.
    mutating func reduce(_ key: Key, app: inout AppState) -> [AppEffect] {
        if var field = filterField {
            switch KeyMaps.filter.action(for: key) {
            case .confirmYes:
                filter = field.text
                filterField = nil
            case .confirmNo:
                filter = ""
                filterField = nil
            default:
                if key == .ctrl("c") {
                    filterField = nil
                    return app.requestQuit()
                }
                _ = field.handle(key: key)
                filterField = field
                filter = field.text
            }
            selection = 0
            return [firstPage()]
        }
        guard let intent = KeyMaps.dashboard(demo: app.isDemo).action(for: key) else { return [] }
        if let refusal = KeyAvailability.check(intent, units: targetUnits, enabled: enabled) {
            app.flash(refusal, .warning)
            return []
        }
        let targets = targetUnits.filter { KeyAvailability.applies(intent, to: $0) }.compactMap(\.id)
        switch intent {
        case .up: selection = clamp(selection - 1, units.count)
        case .down: selection = clamp(selection + 1, units.count)
        case .pageUp: selection = clamp(selection - Self.pageRows, units.count)
        case .pageDown: selection = clamp(selection + Self.pageRows, units.count)
        case .top: selection = 0
        case .bottom: selection = clamp(units.count - 1, units.count)
        case .tab(let queue):
            return [switchTab(to: queue)]
        case .nextTab, .prevTab:
            let all = Queue.allCases
            let i = all.firstIndex(of: tab) ?? 0
            return [switchTab(to: all[(i + (intent == .nextTab ? 1 : all.count - 1)) % all.count])]
        case .open:
            guard let unit = selectedUnit, let id = unit.id else { return [] }
            app.screen = .detail(DetailState(unit: unit, timeline: []), dashboard: self)
            return [.loadDetail(unitID: id)]
        case .mark:
            guard let id = selectedUnit?.id else { return [] }
            if marked.contains(id) { marked.remove(id) } else { marked.insert(id) }
            selection = clamp(selection + 1, units.count)
        case .retry:
            guard !targets.isEmpty else {
                app.flash("Nothing selected to retry.", .warning)
                return []
            }
            marked = []
            let numbers = units.filter { targets.contains($0.id ?? -1) }.map(\.orderNumber)
            return [
                .command(
                    .retry,
                    integrationID: integrationID,
                    unitIDs: targets,
                    argument: nil,
                    description: "Retrying \(numbers.count == 1 ? numbers[0] : "\(numbers.count) orders")"
                )
            ]
        case .retryReason:
            let code = selectedUnit.flatMap { $0.state == .needsAttention ? $0.reasonCode : nil } ?? attention.first?.code
            guard let code, let group = attention.first(where: { $0.code == code }) else {
                app.flash("No orders need attention.", .info)
                return []
            }
            app.overlay = .confirmRetryReason(code: group.code, reason: group.reason, count: group.count)
        case .skip:
            guard !targets.isEmpty else {
                app.flash("Nothing selected to skip.", .warning)
                return []
            }
            app.overlay = .skipNote(unitIDs: targets, field: TextField(placeholder: "why (kept in the audit)", maxLength: 200))
        case .filter:
            filterField = TextField(text: filter, placeholder: "order number, reference or customer")
        case .reevaluate:
            return [.command(.reevaluate, integrationID: integrationID, unitIDs: [], argument: nil, description: "Re-evaluating skipped orders")]
        case .pollNow:
            return [.command(.pollNow, integrationID: integrationID, unitIDs: [], argument: nil, description: "Asking the engine to poll now")]
        case .reconfigure:
            return [.loadConfig(integrationID: integrationID)]
        case .togglePause:
            return [.setEnabled(integrationID: integrationID, enabled: !enabled, name: name)]
        case .addMissingProduct:
            return [.addMissingProduct]
        case .findings:
            guard reconciliation != nil else {
                app.flash("Not reconciled yet: `cin7bridge run` does it daily, or run `cin7bridge reconcile`.", .info)
                return []
            }
            app.overlay = .findings(scroll: 0)
        case .back:
            if !filter.isEmpty {
                filter = ""
                return [firstPage()]
            }
            if !marked.isEmpty {
                marked = []
            } else {
                app.leave(self)
            }
        case .help: app.overlay = .help(scroll: 0)
        case .quit: return app.requestQuit()
        default: break
        }
        let nextPage = [.down, .pageDown, .bottom].contains(intent) ? nextPageAtEnd() : nil
        return nextPage.map { [$0] } ?? []
    }

    /// Shows another queue from its first page; a tab chosen (by the person, or once on opening) is never
    /// overridden by a later load.
    mutating func switchTab(to queue: Queue) -> AppEffect {
        // The queue already shown keeps its rows, selection and marks while it is read again: a key pressed
        // meanwhile still has its order.
        guard queue != tab || !loaded else { return loadList }
        tab = queue
        loaded = true
        selection = 0
        marked = []
        units = []
        return firstPage()
    }

    /// Takes a loaded snapshot, keeping the selection on the same order; true when it was the first load.
    mutating func apply(_ snapshot: DashboardSnapshot) -> Bool {
        let selectedID = selectedUnit?.id
        counts = snapshot.counts
        units = snapshot.units
        status = snapshot.status
        attention = snapshot.attention
        enabled = snapshot.enabled
        name = snapshot.name
        reconciliation = snapshot.reconciliation
        if let selectedID, let i = snapshot.units.firstIndex(where: { $0.id == selectedID }) { selection = i }
        selection = clamp(selection, units.count)
        marked = marked.intersection(Set(snapshot.units.compactMap(\.id)))
        let firstLoad = !loaded
        loaded = true
        return firstLoad
    }
}
