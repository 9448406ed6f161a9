import Foundation
import SyncEngine
import TerminalUI

/// The smallest terminal the screens lay out in; below it a "too small" screen is shown.
public let minimumSize = Size(width: 60, height: 20)

/// Where overlays (help, confirmations) draw: below the header, above the footer.
func overlayRect(size: Size) -> Rect {
    ScreenBuffer(size: size).bounds.splitTop(1).1.inset(top: 0, left: 0, bottom: 1, right: 0)
}

/// Draws the whole UI: a pure function of the state, the terminal size and the theme.
public func render(_ state: AppState, size: Size, theme: Theme) -> ScreenBuffer {
    let tooSmall = TooSmallView(minimum: minimumSize, actual: size)
    if tooSmall.isNeeded { return tooSmall.render(theme: theme) }
    var buffer = ScreenBuffer(size: size)
    let (header, rest) = buffer.bounds.splitTop(1)
    let (body, bottom) = rest.splitBottom(2)
    let message = Rect(x: bottom.x, y: bottom.y, width: bottom.width, height: 1)
    let footer = Rect(x: bottom.x, y: bottom.y + 1, width: bottom.width, height: 1)
    let keyMap: KeyMap<KeyIntent>
    // Which of the screen's keys apply to what is selected (the footer dims the others).
    var isEnabled: @Sendable (KeyIntent) -> Bool = { _ in true }
    switch state.screen {
    case .home:
        keyMap = state.home.filterField != nil ? KeyMaps.filter : KeyMaps.home(demo: state.isDemo)
        drawHeader(&buffer, header, theme: theme, title: "Integrations", right: activeSummary(state))
        drawHome(state, into: &buffer, body, theme: theme)
    case .dashboard(let d):
        keyMap = d.filterField != nil ? KeyMaps.filter : KeyMaps.dashboard(demo: state.isDemo)
        if d.filterField == nil { isEnabled = KeyAvailability.dashboard(d) }
        drawHeader(&buffer, header, theme: theme, title: clean(d.name), right: ownerText(state))
        drawDashboard(state, d, into: &buffer, body, theme: theme)
    case .detail(let detail, let d):
        keyMap = KeyMaps.detail(demo: state.isDemo)
        isEnabled = KeyAvailability.detail(detail)
        let title = "Order \(clean(detail.unit.orderNumber))"
        drawHeader(&buffer, header, theme: theme, title: clean(d.name) + " › " + title, right: ownerText(state), essential: title)
        drawDetail(detail, now: state.now, into: &buffer, body, theme: theme)
    case .wizard(let w, _):
        keyMap = KeyMaps.wizard
        drawHeader(&buffer, header, theme: theme, title: w.editingID == nil ? "New integration" : "Reconfigure", right: state.isDemo ? "DEMO" : "")
        drawWizard(w, demo: state.env.demo, into: &buffer, body, theme: theme)
    }
    drawMessage(state, into: &buffer, message, theme: theme)
    let footerMap: KeyMap<KeyIntent> =
        switch state.overlay {
        case .help: KeyMaps.helpScreen
        case .skipNote: KeyMaps.skipNote
        case .timelineEntry: KeyMaps.timelineEntry
        case .findings: KeyMaps.findings
        case .confirmQuit, .confirmDelete, .confirmDiscardWizard, .confirmRetryReason: KeyMaps.confirm
        case nil: keyMap
        }
    if state.overlay != nil { isEnabled = { _ in true } }
    Footer(keyMap: footerMap, isEnabled: isEnabled).draw(into: &buffer, in: footer, theme: theme)
    if let overlay = state.overlay { drawOverlay(overlay, state: state, into: &buffer, overlayRect(size: size), theme: theme) }
    if theme.glyphs.isASCII { buffer.replaceSymbolsWithASCII() }
    return buffer
}

/// Text from outside (Cin7, the warehouse, the store): no control characters or escape sequences.
func clean(_ s: String) -> String { TextSanitizer.clean(s) }

/// The top line: product, title, and on the right who syncs. When both do not fit, the right side goes first and
/// then the title keeps its end (`essential`, e.g. the order number) rather than its start.
func drawHeader(_ buffer: inout ScreenBuffer, _ rect: Rect, theme: Theme, title: String, right: String, essential: String? = nil) {
    let product = "Cin7Bridge"
    let room = rect.width - DisplayWidth.of(product) - 5
    var title = title
    var right = right
    if DisplayWidth.of(title) + DisplayWidth.of(right) + 2 > room { right = "" }
    if DisplayWidth.of(title) > room, let essential { title = essential }
    StatusBar(left: [.init(product, style: theme.statusBar.bolded()), .init(title)], right: right.isEmpty ? [] : [.init(right)])
        .draw(into: &buffer, in: rect, theme: theme)
}

func activeSummary(_ state: AppState) -> String {
    let active = state.home.rows.filter(\.enabled).count
    return "\(active) active" + (state.isDemo ? " · DEMO" : "")
}

func ownerText(_ state: AppState) -> String {
    guard let id = state.dashboard?.integrationID else { return "" }
    let demo = state.isDemo ? " · DEMO" : ""
    if state.running.contains(id) { return "syncing in this process" + demo }
    if let owner = state.ownedElsewhere[id] { return "viewer · synced by \(clean(owner))" + demo }
    return "not syncing" + demo
}

func drawMessage(_ state: AppState, into buffer: inout ScreenBuffer, _ rect: Rect, theme: Theme) {
    guard let flash = state.flash else { return }
    let g = theme.glyphs
    let (mark, style): (String, Style) =
        switch flash.level {
        case .info: (g.bullet, theme.info)
        case .ok: (g.check, theme.ok)
        case .warning: (g.warning, theme.warning)
        case .error: (g.cross, theme.error)
        }
    buffer.put(mark + " " + clean(flash.text), in: rect.inset(left: 1, right: 1), style: style, ellipsis: g.ellipsis)
}

// MARK: - Status words (never colour alone)

/// The glyph and word for a shipment state.
func stateText(_ s: ShipmentState, _ g: GlyphSet) -> String {
    let mark: String
    switch s {
    case .completed: mark = g.check
    case .needsAttention: mark = g.cross
    case .retrying: mark = g.warning
    case .skipped: mark = "-"
    case .cancelled: mark = g.isASCII ? "/" : "⊘"
    case .pending, .creating: mark = g.isASCII ? "." : "·"
    case .inWarehouse: mark = g.isASCII ? ">" : "▸"
    case .dispatched, .writingBack: mark = g.isASCII ? ">" : "»"
    }
    return mark + " " + s.label
}

func stateStyle(_ s: ShipmentState, _ theme: Theme) -> Style {
    switch s {
    case .completed: theme.ok
    case .needsAttention: theme.error
    case .retrying: theme.warning
    case .skipped, .cancelled: theme.muted
    default: .plain
    }
}

/// Live / paused / error marker for an integration row.
func healthText(_ h: IntegrationHealth, running: Bool, elsewhere: Bool, _ g: GlyphSet) -> (String, Level: IntegrationHealth.Level) {
    if !h.enabled { return ((g.isASCII ? "=" : "‖") + " paused", .paused) }
    switch h.level {
    case .ok: return ((g.isASCII ? "*" : "●") + " live", .ok)
    case .paused: return ((g.isASCII ? "=" : "‖") + " paused", .paused)
    case .warning: return (g.warning + " attention", .warning)
    case .error: return (g.cross + ((running || elsewhere) ? " error" : " stopped"), .error)
    }
}

func levelStyle(_ level: IntegrationHealth.Level, _ theme: Theme) -> Style {
    switch level {
    case .ok: theme.ok
    case .paused: theme.muted
    case .warning: theme.warning
    case .error: theme.error
    }
}

func ago(_ date: Date?, now: Date) -> String {
    guard let date else { return "never" }
    let s = max(0, Int(now.timeIntervalSince(date)))
    return DurationFormat.short(seconds: s) + " ago"
}

func until(_ date: Date?, now: Date) -> String {
    guard let date else { return "—" }
    let s = Int(date.timeIntervalSince(now).rounded(.up))
    return s <= 0 ? "now" : "in " + DurationFormat.short(seconds: s)
}
