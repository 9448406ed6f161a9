import Foundation
import SyncEngine
import TerminalUI

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
    var columns = [
        TableColumn("Order", width: .fixed(w >= 100 ? 13 : (w >= 72 ? 11 : 10))), TableColumn("Customer", width: .flex(weight: 2, min: 8)),
    ]
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
    let table = Table(
        columns: columns,
        rows: rows,
        selection: rows.isEmpty ? nil : d.selection,
        marked: marked,
        multiSelect: true,
        emptyMessage: empty,
        rowStyles: styles
    )
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
    parts.append(
        (
            whOK ? "\(g.check) warehouse connected" : "\(g.cross) warehouse " + clean(st?.warehouseMessage ?? "not connected"),
            whOK ? theme.ok : theme.error
        )
    )
    if let report = d.reconciliation {
        parts.append(
            ("Reconciled \(ago(report.ranAt, now: now)): \(report.summary)" + (report.isClean ? "" : " (f)"), report.isClean ? .plain : theme.warning)
        )
    }
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
