import SyncEngine
import TerminalUI

extension HomeState {
    /// Applies a key on the Integrations screen.
    mutating func reduce(_ key: Key, app: inout AppState) -> [AppEffect] {
        if var field = filterField {
            switch KeyMaps.filter.action(for: key) {
            case .confirmYes:
                filterField = nil
                setFilter(field.text)
            case .confirmNo:
                filterField = nil
                setFilter("")
            default:
                if key == .ctrl("c") {
                    filterField = nil
                    return app.requestQuit()
                }
                _ = field.handle(key: key)
                filterField = field
                setFilter(field.text)
            }
            keepSelectionVisible(app)
            return []
        }
        guard let intent = KeyMaps.home(demo: app.isDemo).action(for: key) else { return [] }
        let selected = self.selected
        let page = max(1, HomeLayout(home: self, demo: app.env.demo, body: bodyRect(app.viewport)).listRows)
        switch intent {
        case .up: selection = clamp(selection - 1, visible.count)
        case .down: selection = clamp(selection + 1, visible.count)
        case .pageUp: selection = clamp(selection - page, visible.count)
        case .pageDown: selection = clamp(selection + page, visible.count)
        case .top: selection = 0
        case .bottom: selection = clamp(visible.count - 1, visible.count)
        case .filter:
            filterField = TextField(text: filter, placeholder: "name or platform")
        case .sort:
            setSort(sort.next)
        case .back:
            if !filter.isEmpty { setFilter("") }
        case .open:
            guard let selected else { return [] }
            app.openDashboard(id: selected.integrationID, name: selected.name)
            return app.refreshEffects()
        case .new:
            return app.openWizard(id: nil, config: nil)
        case .reconfigure:
            guard let selected else { return [] }
            return [.loadConfig(integrationID: selected.integrationID)]
        case .togglePause:
            guard let selected else { return [] }
            return [.setEnabled(integrationID: selected.integrationID, enabled: !selected.enabled, name: selected.name)]
        case .delete:
            guard let selected else { return [] }
            app.overlay = .confirmDelete(id: selected.integrationID, name: selected.name)
        case .help: app.overlay = .help(scroll: 0)
        case .quit: return app.requestQuit()
        case .addMissingProduct: return [.addMissingProduct]
        default: break
        }
        keepSelectionVisible(app)
        return []
    }

    /// Takes a load and keeps the selected integration on screen.
    mutating func load(_ rows: [IntegrationHealth], platforms: [Int64: WarehousePlatform], app: AppState) {
        load(rows, platforms: platforms)
        keepSelectionVisible(app)
    }

    /// Scrolls as little as needed for the selected row to be on screen at the terminal's size.
    mutating func keepSelectionVisible(_ app: AppState) {
        let rows = HomeLayout(home: self, demo: app.env.demo, body: bodyRect(app.viewport)).listRows
        scroll = Table.scrollOffset(selection: visible.isEmpty ? nil : selection, current: scroll, visibleRows: max(1, rows), rowCount: visible.count)
    }
}
