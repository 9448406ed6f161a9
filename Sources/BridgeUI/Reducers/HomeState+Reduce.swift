import TerminalUI

extension HomeState {
    /// Applies a key on the Integrations screen.
    mutating func reduce(_ key: Key, app: inout AppState) -> [AppEffect] {
        guard let intent = KeyMaps.home(demo: app.isDemo).action(for: key) else { return [] }
        let selected = rows.indices.contains(selection) ? rows[selection] : nil
        switch intent {
        case .up: selection = clamp(selection - 1, rows.count)
        case .down: selection = clamp(selection + 1, rows.count)
        case .top, .pageUp: selection = 0
        case .bottom, .pageDown: selection = clamp(rows.count - 1, rows.count)
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
        return []
    }
}
