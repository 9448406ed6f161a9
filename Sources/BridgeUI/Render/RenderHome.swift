import Foundation
import SyncEngine
import TerminalUI

/// The Integrations screen: each integration's health, what is wrong with the selected one, the demo's credentials.
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
        columns: columns,
        rows: rows,
        selection: rows.isEmpty ? nil : state.home.selection,
        emptyMessage: state.home.loaded ? "No integrations yet: press n to configure one" : "Loading…",
        rowStyles: styles
    )
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
        let inner = buffer.box(
            demoRect.inset(left: 1, right: 1),
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
