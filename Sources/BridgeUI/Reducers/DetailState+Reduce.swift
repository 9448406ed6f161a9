import TerminalUI

extension DetailState {
    /// Applies a key on the order detail; going back to the dashboard, dialogs and messages go to `app`.
    mutating func reduce(_ key: Key, app: inout AppState) -> [AppEffect] {
        guard let id = unit.id else {
            app.closeDetail()
            return []
        }
        let intent = KeyMaps.detail(demo: app.isDemo).action(for: key)
        if let intent, let refusal = KeyAvailability.check(intent, units: [unit], enabled: true) {
            app.flash(refusal, .warning)
            return []
        }
        switch intent {
        case .up: scroll = max(0, scroll - 1)
        case .down: scroll = min(scroll + 1, max(0, timeline.count - 1))
        case .open where timeline.indices.contains(scroll): app.overlay = .timelineEntry(scroll)
        case .back:
            app.closeDetail()
            return app.refreshEffects()
        case .retry:
            return [.command(.retry, integrationID: unit.integrationID, unitIDs: [id], argument: nil, description: "Retrying \(unit.orderNumber)")]
        case .skip:
            app.overlay = .skipNote(unitIDs: [id], field: TextField(placeholder: "why (kept in the audit)", maxLength: 200))
        case .help: app.overlay = .help(scroll: 0)
        case .quit: return app.requestQuit()
        case .addMissingProduct: return [.addMissingProduct]
        default: break
        }
        return []
    }
}
