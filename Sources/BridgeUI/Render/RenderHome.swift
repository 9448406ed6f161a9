import Foundation
import SyncEngine
import TerminalUI

/// The Integrations screen: counts of every integration by health, the list (filtered, sorted), what is wrong with
/// the selected one, the demo's credentials. Only the rows on screen are formatted, so 500 integrations draw as fast
/// as 5.
func drawHome(_ state: AppState, into buffer: inout ScreenBuffer, _ rect: Rect, theme: Theme) {
    let g = theme.glyphs
    let home = state.home
    let layout = HomeLayout(state, body: rect)
    drawHomeCounts(home, into: &buffer, layout.counts.inset(left: 1, right: 1), theme: theme)
    if let filterRow = layout.filter { drawHomeFilter(home, into: &buffer, filterRow, theme: theme) }
    let wide = rect.width >= 100
    // The sorted column says so in its title, at any width.
    let sorted = " " + g.arrowDown
    var columns = [
        TableColumn("Status" + (home.sort == .health ? sorted : ""), width: .fixed(11)),
        TableColumn("Name" + (home.sort == .name ? sorted : ""), width: .flex(weight: 3, min: 10)),
        TableColumn("In flight", width: .fixed(9), alignment: .right), TableColumn("Failed", width: .fixed(6), alignment: .right),
        TableColumn("Last sync", width: .fixed(10)),
    ]
    if wide { columns.append(TableColumn("Synced by", width: .flex(weight: 2, min: 10))) }
    let shown = home.visible
    let window = Table.scrollOffset(
        selection: shown.isEmpty ? nil : home.selection,
        current: home.scroll,
        visibleRows: max(1, layout.listRows),
        rowCount: shown.count
    )
    let onScreen = window..<min(shown.count, window + max(1, layout.listRows))
    var styles: [Int: Style] = [:]
    var rows = [[String]](repeating: [], count: shown.count)
    for i in onScreen {
        let h = shown[i]
        let running = state.running.contains(h.integrationID)
        let elsewhere = state.ownedElsewhere[h.integrationID]
        let (text, level) = healthText(h, running: running, elsewhere: elsewhere != nil, g)
        styles[i] = levelStyle(level, theme)
        var row = [text, clean(h.name), "\(h.inFlight)", h.failed > 0 ? "\(g.cross) \(h.failed)" : "0", ago(h.lastPollAt, now: state.now)]
        if wide { row.append(running ? "this process" : elsewhere.map { "run " + clean($0) } ?? "nobody") }
        rows[i] = row
    }
    let empty =
        !home.loaded
        ? "Loading…" : home.rows.isEmpty ? "No integrations yet: press n to configure one" : "No integration matches \"\(clean(home.filter))\""
    let table = Table(
        columns: columns,
        rows: rows,
        selection: rows.isEmpty ? nil : home.selection,
        scrollOffset: window,
        emptyMessage: empty,
        rowStyles: styles
    )
    table.draw(into: &buffer, in: layout.list.inset(left: 1, right: 1), theme: theme)
    // What is wrong with the selected integration, in words.
    if let h = home.selected {
        let inner = layout.detail.inset(left: 1, right: 1)
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
    if let demo = state.env.demo, layout.demoHeight > 2 {
        let inner = buffer.box(
            layout.demo.inset(left: 1, right: 1),
            title: "Demo simulators — type these into the wizard (n)",
            glyphs: g,
            style: theme.border,
            titleStyle: theme.header
        )
        let labelWidth = min(24, (demo.credentials.map { DisplayWidth.of($0.label) }.max() ?? 10) + 1)
        for (k, c) in demo.credentials.prefix(inner.height).enumerated() {
            buffer.put(c.label, at: Point(x: inner.x, y: inner.y + k), style: theme.muted, maxWidth: labelWidth)
            buffer.put(c.value, at: Point(x: inner.x + labelWidth + 1, y: inner.y + k), maxWidth: inner.width - labelWidth - 1)
        }
    }
}

/// The counts line: integrations in all, by health (word and glyph, never colour alone), orders needing attention
/// across them, and the sort on the right. Narrow terminals get the short words.
private func drawHomeCounts(_ home: HomeState, into buffer: inout ScreenBuffer, _ rect: Rect, theme: Theme) {
    guard home.loaded, !home.rows.isEmpty, !rect.isEmpty else { return }
    let g = theme.glyphs
    let t = home.tally
    let sortText = "sorted by \(home.sort.title)"
    func parts(short: Bool) -> [(String, Style)] {
        [
            ("\(t.total) integration\(t.total == 1 ? "" : "s")", Style.bold),
            ("\(g.isASCII ? "*" : "●") \(t.healthy) \(short ? "ok" : "healthy")", t.healthy > 0 ? theme.ok : theme.muted),
            ("\(g.warning) \(t.attention) attention", t.attention > 0 ? theme.warning : theme.muted),
            ("\(g.cross) \(t.down) down", t.down > 0 ? theme.error : theme.muted),
            ("\(g.isASCII ? "=" : "‖") \(t.paused) paused", theme.muted),
            (
                short
                    ? "\(t.ordersNeedingAttention) failed"
                    : "\(t.ordersNeedingAttention) order\(t.ordersNeedingAttention == 1 ? " needs" : "s need") attention",
                t.ordersNeedingAttention > 0 ? theme.error : theme.muted
            ),
        ]
    }
    let separator = "  "
    func width(_ parts: [(String, Style)]) -> Int {
        parts.reduce(0) { $0 + DisplayWidth.of($1.0) } + separator.count * (parts.count - 1)
    }
    var chosen = parts(short: false)
    var showSort = width(chosen) + 2 + DisplayWidth.of(sortText) <= rect.width
    if !showSort {
        let short = parts(short: true)
        if width(short) + 2 + DisplayWidth.of(sortText) <= rect.width {
            chosen = short
            showSort = true
        } else if width(chosen) > rect.width {
            chosen = short
        }
    }
    var x = rect.x
    for (k, part) in chosen.enumerated() {
        if k > 0 { x += separator.count }
        guard x < rect.maxX else { break }
        buffer.put(part.0, at: Point(x: x, y: rect.y), style: part.1, maxWidth: rect.maxX - x)
        x += DisplayWidth.of(part.0)
    }
    if showSort {
        let w = DisplayWidth.of(sortText)
        buffer.put(sortText, at: Point(x: rect.maxX - w, y: rect.y), style: theme.muted, maxWidth: w)
    }
}

/// The filter line, as on the dashboard: the text typed (or applied) and how many integrations it shows.
private func drawHomeFilter(_ home: HomeState, into buffer: inout ScreenBuffer, _ row: Rect, theme: Theme) {
    let label = "Filter /"
    buffer.put(label, at: Point(x: row.x + 1, y: row.y), style: theme.key)
    let fieldRect = Rect(x: row.x + 2 + DisplayWidth.of(label), y: row.y, width: max(0, min(30, row.width - 30)), height: 1)
    if let field = home.filterField {
        field.draw(into: &buffer, in: fieldRect, theme: theme, focused: true)
    } else {
        buffer.put(clean(home.filter), in: fieldRect, style: .bold, ellipsis: theme.glyphs.ellipsis)
    }
    let shown = "\(home.visible.count) of \(home.rows.count) shown"
    buffer.put(shown, in: Rect(x: fieldRect.maxX + 2, y: row.y, width: max(0, row.maxX - fieldRect.maxX - 3), height: 1), style: theme.muted)
}
