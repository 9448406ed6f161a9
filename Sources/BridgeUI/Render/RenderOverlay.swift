import Foundation
import SyncEngine
import TerminalUI

/// The `?` help: every key table, the status legend, where data and logs are.
public func helpSections(_ state: AppState, theme: Theme) -> [HelpSection] {
    let g = theme.glyphs
    var sections = KeyMaps.all(demo: state.isDemo).map { HelpSection(keyMap: $0, ascii: g.isASCII) }
    sections.append(
        HelpSection(
            title: "Order states",
            rows: ShipmentState.allCases.map { s in
                let meaning: String =
                    switch s {
                    case .skipped: "Not for the warehouse; the reason says why (re-evaluated after a mapping change)"
                    case .pending: "Routed; the warehouse order is about to be created"
                    case .creating: "The create call is in flight (intent recorded first: never doubled)"
                    case .inWarehouse: "The warehouse order exists; waiting for dispatch"
                    case .dispatched: "Dispatched; fulfilment to Cin7 is due"
                    case .writingBack: "Pick, pack and ship are being written to Cin7"
                    case .completed: "Shipment authorised in Cin7 (tracking updates continue)"
                    case .retrying: "A transient failure; retried automatically with backoff"
                    case .needsAttention: "A person must act: open it (Enter) to read why and what to do"
                    case .cancelled: "Voided in Cin7 before dispatch and cancelled in the warehouse"
                    }
                return HelpRow(stateText(s, g), meaning)
            }
        )
    )
    sections.append(
        HelpSection(
            title: "Integration markers",
            rows: [
                HelpRow((g.isASCII ? "*" : "●") + " live", "Syncing, nothing needs a person"),
                HelpRow((g.isASCII ? "=" : "‖") + " paused", "Paused by an operator"),
                HelpRow(g.warning + " attention", "Orders need attention"),
                HelpRow(g.cross + " error", "Not syncing or lagging: read the lines under the list"),
            ]
        )
    )
    var files = [
        HelpRow("Data", state.env.dataDirectory),
        HelpRow("Log file", state.env.logFile),
        HelpRow(
            "Service",
            "The TUI syncs only while it runs. Run `cin7bridge run` as a service (e.g. a systemd unit) to sync all the time; the TUI then attaches as a viewer."
        ),
    ]
    if state.env.demo != nil {
        files.append(HelpRow("Demo", "Everything runs against built-in simulators; data is in a temporary directory unless --data-dir was given."))
    }
    sections.append(HelpSection(title: "Files", rows: files))
    if let demo = state.env.demo {
        sections.append(HelpSection(title: "Demo simulator credentials", rows: demo.credentials.map { HelpRow($0.label, $0.value) }))
    }
    return sections
}

func drawOverlay(_ overlay: Overlay, state: AppState, into buffer: inout ScreenBuffer, _ rect: Rect, theme: Theme) {
    switch overlay {
    case .help(let scroll):
        buffer.fill(rect)
        var view = HelpView(title: "Help — Esc closes", sections: helpSections(state, theme: theme), scroll: 0)
        view.scroll = min(scroll, view.maxScroll(for: rect, theme: theme))
        view.draw(into: &buffer, in: rect, theme: theme)
    case .confirmQuit:
        var message: String
        if !state.running.isEmpty {
            let n = state.inFlightHere
            message =
                "This process is syncing \(state.running.count) integration\(state.running.count == 1 ? "" : "s")"
                + (n > 0 ? " with \(n) order\(n == 1 ? "" : "s") in flight" : "")
                + ". Quitting finishes the call in flight, then syncing stops until cin7bridge runs again. To keep syncing, run `cin7bridge run` as a service."
        } else {
            message = "Quit?"
        }
        if state.wizard?.hasChanges ?? false { message += " The wizard's unsaved changes are lost." }
        ConfirmDialog(title: "Quit Cin7Bridge?", message: message, hint: "y Quit   n/Esc Stay").draw(into: &buffer, in: rect, theme: theme)
    case .confirmDelete(_, let name):
        ConfirmDialog(
            title: "Delete integration?",
            message: "Delete \"\(clean(name))\" and stop syncing it? Its order history stays in the database backup only.",
            hint: "y Delete   n/Esc Keep",
            isDestructive: true
        ).draw(into: &buffer, in: rect, theme: theme)
    case .confirmDiscardWizard:
        ConfirmDialog(
            title: "Discard changes?",
            message: "The wizard has unsaved changes. Leave without saving?",
            hint: "y Discard   n/Esc Keep editing",
            isDestructive: true
        ).draw(into: &buffer, in: rect, theme: theme)
    case .confirmRetryReason(_, let reason, let count):
        ConfirmDialog(
            title: "Retry \(count) order\(count == 1 ? "" : "s")?",
            message: "Retry every order needing attention because: \(clean(reason))",
            hint: "y Retry all   n/Esc No"
        ).draw(into: &buffer, in: rect, theme: theme)
    case .skipNote(let ids, let field):
        let box = rect.centered(width: min(rect.width - 4, 64), height: 6)
        buffer.fill(box)
        let inner = buffer.box(
            box,
            title: "Skip \(ids.count) order\(ids.count == 1 ? "" : "s")",
            glyphs: theme.glyphs,
            style: theme.warning,
            titleStyle: theme.header
        )
        .inset(left: 1, right: 1)
        buffer.put("Note (why it is not sent):", at: inner.origin, maxWidth: inner.width)
        field.draw(into: &buffer, in: Rect(x: inner.x, y: inner.y + 1, width: inner.width, height: 1), theme: theme, focused: true)
        buffer.put("Enter Skip   Esc Cancel", in: Rect(x: inner.x, y: inner.maxY - 1, width: inner.width, height: 1), style: theme.key)
    case .findings(let scroll):
        buffer.fill(rect)
        var view = HelpView(title: findingsTitle(state), sections: findingsSections(state), scroll: 0)
        view.scroll = min(scroll, view.maxScroll(for: rect, theme: theme))
        view.draw(into: &buffer, in: rect, theme: theme)
    case .timelineEntry(let index):
        guard let entry = state.detail?.timeline[safe: index] else { return }
        let width = min(rect.width - 4, 76)
        let text = TextWrap.wrap(timelineText(entry), width: width - 4)
        let box = rect.centered(width: width, height: min(rect.height, text.count + 5))
        buffer.fill(box)
        let inner = buffer.box(box, title: "Timeline line", glyphs: theme.glyphs, style: theme.border, titleStyle: theme.header).inset(
            left: 1,
            right: 1
        )
        buffer.put(entry.at.formatted(.iso8601) + "  " + entry.kind.rawValue, at: inner.origin, style: theme.muted, maxWidth: inner.width)
        for (k, line) in text.prefix(max(0, inner.height - 2)).enumerated() {
            buffer.put(line, at: Point(x: inner.x, y: inner.y + 1 + k), maxWidth: inner.width)
        }
        buffer.put("Esc Close", in: Rect(x: inner.x, y: inner.maxY - 1, width: inner.width, height: 1), style: theme.key)
    }
}

/// The last useful first line of the help at `size` (the reducer clamps to it so Up moves at once after End).
func helpMaxScroll(_ state: AppState, size: Size) -> Int {
    HelpView(title: "Help — Esc closes", sections: helpSections(state, theme: .standard)).maxScroll(for: overlayRect(size: size), theme: .standard)
}
