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
    switch state.screen {
    case .home:
        keyMap = KeyMaps.home(demo: state.isDemo)
        drawHeader(&buffer, header, theme: theme, title: "Integrations", right: activeSummary(state))
        drawHome(state, into: &buffer, body, theme: theme)
    case .dashboard:
        keyMap = state.dashboard?.filterField != nil ? KeyMaps.filter : KeyMaps.dashboard(demo: state.isDemo)
        drawHeader(&buffer, header, theme: theme, title: clean(state.dashboard?.name ?? "Dashboard"), right: ownerText(state))
        if let d = state.dashboard { drawDashboard(state, d, into: &buffer, body, theme: theme) }
    case .detail:
        keyMap = KeyMaps.detail(demo: state.isDemo)
        let title = state.detail.map { "Order \(clean($0.unit.orderNumber))" } ?? "Order"
        drawHeader(&buffer, header, theme: theme, title: clean(state.dashboard?.name ?? "") + " › " + title, right: ownerText(state), essential: title)
        if let detail = state.detail { drawDetail(detail, now: state.now, into: &buffer, body, theme: theme) }
    case .wizard:
        keyMap = KeyMaps.wizard
        let title = state.wizard?.editingID == nil ? "New integration" : "Reconfigure"
        drawHeader(&buffer, header, theme: theme, title: title, right: state.isDemo ? "DEMO" : "")
        if let w = state.wizard { drawWizard(w, demo: state.env.demo, into: &buffer, body, theme: theme) }
    }
    drawMessage(state, into: &buffer, message, theme: theme)
    var footerMap = keyMap
    switch state.overlay {
    case .help: footerMap = KeyMaps.helpScreen
    case .skipNote: footerMap = KeyMaps.skipNote
    case .timelineEntry: footerMap = KeyMaps.timelineEntry
    case .confirmQuit, .confirmDelete, .confirmDiscardWizard, .confirmRetryReason: footerMap = KeyMaps.confirm
    case nil: break
    }
    var isEnabled: @Sendable (KeyIntent) -> Bool = { _ in true }
    if state.overlay == nil {
        if state.screen == .dashboard, let d = state.dashboard, d.filterField == nil { isEnabled = KeyAvailability.dashboard(d) }
        if state.screen == .detail, let detail = state.detail { isEnabled = KeyAvailability.detail(detail) }
    }
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
    let (mark, style): (String, Style) = switch flash.level {
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

// MARK: - Home

func drawHome(_ state: AppState, into buffer: inout ScreenBuffer, _ rect: Rect, theme: Theme) {
    let g = theme.glyphs
    let wide = rect.width >= 100
    var columns = [
        TableColumn("Status", width: .fixed(11)), TableColumn("Name", width: .flex(weight: 3, min: 10)),
        TableColumn("In flight", width: .fixed(9), alignment: .right), TableColumn("Failed", width: .fixed(6), alignment: .right),
        TableColumn("Last sync", width: .fixed(10)),
    ]
    if wide { columns.append(TableColumn("Synced by", width: .flex(weight: 2, min: 10))) }
    var styles: [Int: Style] = [:]
    let rows: [[String]] = state.home.rows.enumerated().map { i, h in
        let running = state.running.contains(h.integrationID)
        let elsewhere = state.ownedElsewhere[h.integrationID]
        let (text, level) = healthText(h, running: running, elsewhere: elsewhere != nil, g)
        styles[i] = levelStyle(level, theme)
        var row = [text, clean(h.name), "\(h.inFlight)", h.failed > 0 ? "\(g.cross) \(h.failed)" : "0", ago(h.lastPollAt, now: state.now)]
        if wide { row.append(running ? "this process" : elsewhere.map { "run " + clean($0) } ?? "nobody") }
        return row
    }
    let demoHeight = state.env.demo.map { min($0.credentials.count + 2, max(0, rect.height - 8)) } ?? 0
    let (top, demoRect) = rect.splitBottom(demoHeight)
    let (tableRect, detailRect) = top.splitBottom(min(5, max(0, top.height - 4)))
    let table = Table(
        columns: columns, rows: rows, selection: rows.isEmpty ? nil : state.home.selection,
        emptyMessage: state.home.loaded ? "No integrations yet: press n to configure one" : "Loading…", rowStyles: styles)
    table.draw(into: &buffer, in: tableRect.inset(left: 1, right: 1), theme: theme)
    // What is wrong with the selected integration, in words.
    if state.home.rows.indices.contains(state.home.selection) {
        let h = state.home.rows[state.home.selection]
        let inner = detailRect.inset(left: 1, right: 1)
        buffer.horizontalLine(at: inner.origin, length: inner.width, glyphs: g, style: theme.border)
        var lines: [(String, Style)] = []
        if h.problems.isEmpty {
            lines.append(("\(g.check) \(clean(h.name)): healthy — next poll \(until(h.nextPollAt, now: state.now)).", theme.ok))
        }
        for p in h.problems { lines.append(("\(g.warning) " + clean(p), theme.warning)) }
        var y = inner.y + 1
        for (text, style) in lines {
            for line in TextWrap.wrap(text, width: inner.width) where y < inner.maxY {
                buffer.put(line, at: Point(x: inner.x, y: y), style: style, maxWidth: inner.width)
                y += 1
            }
        }
    }
    if let demo = state.env.demo, demoHeight > 2 {
        let inner = buffer.box(demoRect.inset(left: 1, right: 1), title: "Demo simulators — type these into the wizard (n)", glyphs: g, style: theme.border, titleStyle: theme.header)
        let labelWidth = min(24, (demo.credentials.map { DisplayWidth.of($0.label) }.max() ?? 10) + 1)
        for (k, c) in demo.credentials.prefix(inner.height).enumerated() {
            buffer.put(c.label, at: Point(x: inner.x, y: inner.y + k), style: theme.muted, maxWidth: labelWidth)
            buffer.put(c.value, at: Point(x: inner.x + labelWidth + 1, y: inner.y + k), maxWidth: inner.width - labelWidth - 1)
        }
    }
}

// MARK: - Dashboard

let shortQueueTitles: [Queue: String] = [
    .pending: "Pend", .inWarehouse: "InWH", .dispatched: "Disp", .completed: "Done", .retrying: "Retry",
    .needsAttention: "Attn", .skipped: "Skip", .cancelled: "Canc",
]

func drawTabs(_ d: DashboardState, into buffer: inout ScreenBuffer, _ rect: Rect, theme: Theme) {
    func items(short: Bool) -> [String] {
        Queue.allCases.map { q in (short ? shortQueueTitles[q] ?? q.title : q.title) + " \(d.counts[q] ?? 0)" }
    }
    var labels = items(short: false)
    let fullWidth = labels.reduce(0) { $0 + DisplayWidth.of($1) + 2 } + labels.count - 1
    if fullWidth > rect.width { labels = items(short: true) }
    let active = Queue.allCases.firstIndex(of: d.tab) ?? 0
    let visible = visibleTabs(widths: labels.map { DisplayWidth.of($0) + 2 }, active: active, width: rect.width)
    var x = rect.x
    if visible.lowerBound > 0 { x += buffer.put(theme.glyphs.ellipsis + " ", at: Point(x: x, y: rect.y), style: theme.muted, maxWidth: 2) }
    for i in visible {
        let isActive = i == active
        let label = labels[i]
        let text = isActive ? "[" + label + "]" : " " + label + " "
        let attention = Queue.allCases[i] == .needsAttention && (d.counts[.needsAttention] ?? 0) > 0
        let style = isActive ? theme.activeTab.reversed() : (attention ? theme.error : .plain)
        x += buffer.put(text, at: Point(x: x, y: rect.y), style: style, maxWidth: rect.maxX - x)
        if i < visible.upperBound - 1 { x += buffer.put(theme.glyphs.separator, at: Point(x: x, y: rect.y), style: theme.border, maxWidth: 1) }
    }
    if visible.upperBound < labels.count { buffer.put(" " + theme.glyphs.ellipsis, at: Point(x: x, y: rect.y), style: theme.muted, maxWidth: 2) }
}

/// The tabs that fit in `width` cells (each `widths[i]` wide, one separator between), always including the active
/// one; a cut side costs two cells for its ellipsis.
func visibleTabs(widths: [Int], active: Int, width: Int) -> Range<Int> {
    func cost(_ range: Range<Int>) -> Int {
        range.reduce(0) { $0 + widths[$1] } + max(0, range.count - 1) + (range.lowerBound > 0 ? 2 : 0) + (range.upperBound < widths.count ? 2 : 0)
    }
    if cost(0..<widths.count) <= width { return 0..<widths.count }
    var range = active..<(active + 1)
    while true {
        let right = range.lowerBound..<(range.upperBound + 1)
        let left = (range.lowerBound - 1)..<range.upperBound
        if range.upperBound < widths.count, cost(right) <= width {
            range = right
        } else if range.lowerBound > 0, cost(left) <= width {
            range = left
        } else {
            return range
        }
    }
}

func age(_ unit: ShipmentUnit, now: Date) -> String {
    DurationFormat.short(seconds: max(0, Int(now.timeIntervalSince(unit.stateChangedAt))))
}

func lastEvent(_ unit: ShipmentUnit) -> String {
    if let reason = unit.reason, !reason.isEmpty { return reason }
    if let error = unit.lastError, !error.isEmpty { return error }
    if let status = unit.warehouseStatus { return "warehouse: " + status }
    return unit.state.label
}

func drawDashboard(_ state: AppState, _ d: DashboardState, into buffer: inout ScreenBuffer, _ rect: Rect, theme: Theme) {
    let g = theme.glyphs
    let now = state.now
    let (tabRow, rest) = rect.splitTop(1)
    drawTabs(d, into: &buffer, tabRow.inset(left: 1, right: 1), theme: theme)
    let statusLines = rect.height >= 20 ? 3 : 2
    let (listArea, statusArea) = rest.splitBottom(statusLines)
    // Filter line.
    var listRect = listArea
    if d.filterField != nil || !d.filter.isEmpty {
        let (filterRow, remaining) = listArea.splitTop(1)
        listRect = remaining
        let label = "Filter /"
        buffer.put(label, at: Point(x: filterRow.x + 1, y: filterRow.y), style: theme.key)
        let fieldRect = Rect(x: filterRow.x + 2 + DisplayWidth.of(label), y: filterRow.y, width: min(30, filterRow.width - 30), height: 1)
        if let field = d.filterField {
            field.draw(into: &buffer, in: fieldRect, theme: theme, focused: true)
        } else {
            buffer.put(clean(d.filter), in: fieldRect, style: .bold, ellipsis: g.ellipsis)
        }
        let shown = "\(d.units.count) of \(d.counts[d.tab] ?? 0) shown"
        buffer.put(shown, in: Rect(x: fieldRect.maxX + 2, y: filterRow.y, width: filterRow.maxX - fieldRect.maxX - 3, height: 1), style: theme.muted)
    }
    let w = listRect.width
    var columns = [TableColumn("Order", width: .fixed(w >= 100 ? 13 : (w >= 72 ? 11 : 10))), TableColumn("Customer", width: .flex(weight: 2, min: 8))]
    // Where the reason is what a person reads (attention, retrying, skipped), a narrow screen shows it instead of the route.
    let reasonFirst = w < 100 && [Queue.needsAttention, .retrying, .skipped].contains(d.tab)
    if w >= 72 { columns.append(TableColumn(reasonFirst ? "Reason" : "Location → Warehouse", width: .flex(weight: 3, min: 12))) }
    columns.append(TableColumn("State", width: .fixed(w >= 72 ? 17 : 14)))
    columns.append(TableColumn("Age", width: .fixed(5), alignment: .right))
    if w >= 100 { columns.append(TableColumn("Last event", width: .flex(weight: 4, min: 12))) }
    var styles: [Int: Style] = [:]
    let rows: [[String]] = d.units.enumerated().map { i, u in
        styles[i] = stateStyle(u.state, theme)
        var row = [clean(u.orderNumber) + (u.fulfilmentNumber > 0 ? "/\(u.fulfilmentNumber)" : ""), clean(u.customerName)]
        if w >= 72 { row.append(reasonFirst ? clean(lastEvent(u)) : clean(u.cin7Location) + " " + g.arrowRight + " " + clean(u.warehouse ?? "—")) }
        var st = stateText(u.state, g)
        if u.state == .retrying, u.attempts > 0 { st += " \(u.attempts)" }
        row.append(st)
        row.append(age(u, now: now))
        if w >= 100 { row.append(clean(lastEvent(u))) }
        return row
    }
    let marked = Set(d.units.enumerated().filter { $0.element.id.map(d.marked.contains) ?? false }.map(\.offset))
    let empty = d.filter.isEmpty ? "No orders in \(d.tab.title)" : "No orders match \"\(clean(d.filter))\""
    let table = Table(columns: columns, rows: rows, selection: rows.isEmpty ? nil : d.selection, marked: marked, multiSelect: true,
                      emptyMessage: empty, rowStyles: styles)
    table.draw(into: &buffer, in: listRect.inset(left: 0, right: 1), theme: theme)
    drawStatus(state, d, into: &buffer, statusArea, theme: theme)
}

func drawStatus(_ state: AppState, _ d: DashboardState, into buffer: inout ScreenBuffer, _ rect: Rect, theme: Theme) {
    let g = theme.glyphs
    let now = state.now
    let st = d.status
    buffer.horizontalLine(at: rect.origin, length: rect.width, glyphs: g, style: theme.border)
    let line1 = Rect(x: rect.x + 1, y: rect.y + 1, width: rect.width - 2, height: 1)
    var parts: [(String, Style)] = []
    if !d.enabled {
        parts.append(((g.isASCII ? "=" : "‖") + " paused", theme.warning))
    } else if let paused = st?.pausedReason {
        parts.append((g.warning + " paused: " + clean(paused), theme.warning))
    }
    // Each side says it is failing from the first failed call, as the home screen and `status` do.
    if let st, !st.cin7Connected, st.lastPollAt != nil {
        parts.append(("\(g.cross) Cin7: " + clean(st.cin7Message ?? st.lastError ?? "not answering"), theme.error))
    } else {
        parts.append(("Cin7 polled \(ago(st?.lastPollAt, now: now)), next \(until(st?.nextPollAt, now: now))", .plain))
    }
    let whOK = st?.warehouseConnected ?? false
    parts.append((whOK ? "\(g.check) warehouse connected" : "\(g.cross) warehouse " + clean(st?.warehouseMessage ?? "not connected"), whOK ? theme.ok : theme.error))
    var x = line1.x
    for (i, (text, style)) in parts.enumerated() where x < line1.maxX {
        if i > 0 { x += buffer.put(" " + g.separator + " ", at: Point(x: x, y: line1.y), style: theme.border, maxWidth: line1.maxX - x) }
        x += buffer.put(text, in: Rect(x: x, y: line1.y, width: line1.maxX - x, height: 1), style: style, ellipsis: g.ellipsis)
    }
    guard rect.height >= 3 else { return }
    let line2 = Rect(x: rect.x + 1, y: rect.y + 2, width: rect.width - 2, height: 1)
    let halves = line2.columns(weights: [1, 1], gap: 2)
    let budget = st?.cin7Budget
    let used = budget.map { "\($0.used)/\($0.limit) per \(DurationFormat.short(seconds: Int($0.window)))" } ?? "—"
    Gauge(label: "Cin7 budget", fraction: budget?.fraction ?? 0, text: used).draw(into: &buffer, in: halves[0], theme: theme)
    let backlog = st?.backlog ?? 0
    let drained = st?.drained ?? 0
    let total = backlog + drained
    let eta = st?.backlogETA.map { "ETA " + DurationFormat.short(seconds: Int($0.rounded(.up))) } ?? (backlog == 0 ? "idle" : "ETA —")
    // The bar is the work still to do: empty once the backlog is drained (a full bar would read as a full queue).
    Gauge(label: "Backlog", fraction: total > 0 ? Double(backlog) / Double(total) : 0, text: "\(backlog) left \(eta)")
        .draw(into: &buffer, in: halves[1], theme: theme)
}
