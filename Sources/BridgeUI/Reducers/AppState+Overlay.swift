import Foundation
import SyncEngine
import TerminalUI

extension AppState {
    /// Keys while a dialog is open: they go to the dialog only.
    mutating func handleOverlayKey(_ overlay: Overlay, _ key: Key) -> [AppEffect] {
        switch overlay {
        case .help(let scroll):
            return scrollOverlay(key, KeyMaps.helpScreen, scroll: scroll, last: helpMaxScroll(self, size: viewport)) { .help(scroll: $0) }
        case .skipNote(let ids, var field):
            switch KeyMaps.skipNote.action(for: key) {
            case .confirmYes:
                let note = field.text.trimmingCharacters(in: .whitespaces)
                guard !note.isEmpty else {
                    flash("Say why the order is skipped: the note stays in its timeline.", .warning)
                    return []
                }
                self.overlay = nil
                guard let d = dashboard else { return [] }
                screen.modifyDashboard { $0.marked = [] }
                return [
                    .command(
                        .skip,
                        integrationID: d.integrationID,
                        unitIDs: ids,
                        argument: note,
                        description: "Skipping \(ids.count) order\(ids.count == 1 ? "" : "s")"
                    )
                ]
            case .confirmNo:
                self.overlay = nil
            default:
                _ = field.handle(key: key)
                self.overlay = .skipNote(unitIDs: ids, field: field)
            }
            return []
        case .findings(let scroll):
            return scrollOverlay(key, KeyMaps.findings, scroll: scroll, last: findingsMaxScroll(self, size: viewport)) { .findings(scroll: $0) }
        case .timelineEntry:
            if KeyMaps.timelineEntry.action(for: key) == .back { self.overlay = nil }
            if key == .ctrl("c") {
                self.overlay = nil
                return requestQuit()
            }
            return []
        case .confirmQuit, .confirmDelete, .confirmDiscardWizard, .confirmRetryReason:
            switch KeyMaps.confirm.action(for: key) {
            case .confirmYes:
                self.overlay = nil
                return confirmed(overlay)
            case .confirmNo:
                self.overlay = nil
            default:
                if key == .ctrl("c"), overlay == .confirmQuit { self.overlay = nil }
            }
            return []
        }
    }

    /// What a confirmed dialog does.
    private mutating func confirmed(_ overlay: Overlay) -> [AppEffect] {
        switch overlay {
        case .confirmQuit:
            quitRequested = true
            return []
        case .confirmDelete(let id, let name):
            if lastDashboard?.integrationID == id { lastDashboard = nil }
            screen = .home
            return [.delete(integrationID: id, name: name)]
        case .confirmDiscardWizard:
            closeWizard()
            return refreshEffects()
        case .confirmRetryReason(let code, let reason, let count):
            guard let d = dashboard else { return [] }
            return [
                .command(
                    .retryReason,
                    integrationID: d.integrationID,
                    unitIDs: [],
                    argument: code.rawValue,
                    description: "Retrying \(count) order\(count == 1 ? "" : "s"): \(reason)"
                )
            ]
        default:
            return []
        }
    }
}

extension AppState {
    /// A scrolling dialog (help, reconciliation findings): its map's movement keys move `scroll` within `0...last`,
    /// back closes it, ctrl-c asks to quit.
    fileprivate mutating func scrollOverlay(
        _ key: Key,
        _ map: KeyMap<KeyIntent>,
        scroll: Int,
        last: Int,
        _ overlay: (Int) -> Overlay
    ) -> [AppEffect] {
        let page = max(1, viewport.height - 6)
        let current = min(scroll, last)
        switch map.action(for: key) {
        case .up: self.overlay = overlay(max(0, current - 1))
        case .down: self.overlay = overlay(min(last, current + 1))
        case .pageUp: self.overlay = overlay(max(0, current - page))
        case .pageDown: self.overlay = overlay(min(last, current + page))
        case .top: self.overlay = overlay(0)
        case .bottom: self.overlay = overlay(last)
        case .back: self.overlay = nil
        default:
            if key == .ctrl("c") {
                self.overlay = nil
                return requestQuit()
            }
        }
        return []
    }
}
