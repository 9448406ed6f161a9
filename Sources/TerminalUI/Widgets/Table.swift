/// A column of a ``Table``.
public struct TableColumn: Hashable, Sendable {
    /// How wide a column is.
    public enum Width: Hashable, Sendable {
        /// Exactly this many cells.
        case fixed(Int)
        /// A share of the space left after fixed columns, never less than `min` cells.
        case flex(weight: Int = 1, min: Int = 1)
    }

    public var title: String
    public var width: Width
    public var alignment: Alignment

    public init(_ title: String, width: Width = .flex(), alignment: Alignment = .left) {
        self.title = title
        self.width = width
        self.alignment = alignment
    }
}

/// A scrolling table with a header, a selected row, optional multi-select marks and an empty state.
///
/// Layout: a one-cell pointer column (`▶`/`>` on the selected row, which is also drawn in reverse), then, when
/// ``multiSelect`` is on, a one-cell mark column (`✓`/`+`), then the columns separated by one space. Column
/// widths: fixed columns first, the rest shared by flex weight; columns that do not fit are dropped from the
/// right (one more cell is kept for `↑`/`↓` scroll hints when the rows overflow). Cells are truncated with the theme's ellipsis. Cell strings are drawn as given: sanitise outside data.
///
/// The scroll offset belongs to the caller's state: keep it with ``scrollOffset(selection:current:visibleRows:rowCount:)``
/// after each move; `draw` also corrects it so the selection is always visible.
public struct Table: Sendable {
    public var columns: [TableColumn]
    public var rows: [[String]]
    /// The selected row index, or `nil`.
    public var selection: Int?
    /// The first row shown.
    public var scrollOffset: Int
    /// Rows marked for a bulk action.
    public var marked: Set<Int>
    public var multiSelect: Bool
    public var showHeader: Bool
    /// Shown centred when there are no rows.
    public var emptyMessage: String
    /// Optional per-row style (e.g. an error row), applied under the selection style.
    public var rowStyles: [Int: Style]

    public init(
        columns: [TableColumn],
        rows: [[String]],
        selection: Int? = nil,
        scrollOffset: Int = 0,
        marked: Set<Int> = [],
        multiSelect: Bool = false,
        showHeader: Bool = true,
        emptyMessage: String = "Nothing to show",
        rowStyles: [Int: Style] = [:]
    ) {
        self.columns = columns
        self.rows = rows
        self.selection = selection
        self.scrollOffset = scrollOffset
        self.marked = marked
        self.multiSelect = multiSelect
        self.showHeader = showHeader
        self.emptyMessage = emptyMessage
        self.rowStyles = rowStyles
    }

    /// How many data rows fit in `rect`.
    public func visibleRowCount(in rect: Rect) -> Int { max(0, rect.height - (showHeader ? 1 : 0)) }

    /// The scroll offset that keeps `selection` visible, moving as little as possible from `current`.
    /// - Returns: an offset in `0...max(0, rowCount - visibleRows)`.
    public static func scrollOffset(selection: Int?, current: Int, visibleRows: Int, rowCount: Int) -> Int {
        guard visibleRows > 0, rowCount > 0 else { return 0 }
        var offset = min(max(0, current), max(0, rowCount - visibleRows))
        if let sel = selection.map({ min(max(0, $0), rowCount - 1) }) {
            if sel < offset { offset = sel }
            if sel >= offset + visibleRows { offset = sel - visibleRows + 1 }
        }
        return offset
    }

    /// Column widths for a total width (0 for columns that do not fit).
    public func columnWidths(totalWidth: Int) -> [Int] {
        let prefix = multiSelect ? 2 : 1
        var available = totalWidth - prefix
        var widths = Array(repeating: 0, count: columns.count)
        var included: [Int] = []
        // Include columns left to right while their minimum fits.
        for (i, col) in columns.enumerated() {
            let minimum: Int
            switch col.width {
            case .fixed(let w): minimum = w
            case .flex(_, let m): minimum = m
            }
            let gap = included.isEmpty ? 0 : 1
            if minimum + gap > available { break }
            available -= minimum + gap
            widths[i] = minimum
            included.append(i)
        }
        // Share what is left among included flex columns by weight.
        let flex = included.compactMap { i -> (Int, Int)? in
            if case .flex(let weight, _) = columns[i].width { return (i, max(0, weight)) }
            return nil
        }
        let extra = Rect.distribute(total: available, weights: flex.map(\.1))
        for (k, (i, _)) in flex.enumerated() { widths[i] += extra[k] }
        return widths
    }

    /// Draws the table into `rect`.
    public func draw(into buffer: inout ScreenBuffer, in rect: Rect, theme: Theme) {
        guard !rect.isEmpty else { return }
        buffer.fill(rect)
        // When rows overflow, the last cell column becomes a scroll indicator column.
        let overflows = rows.count > visibleRowCount(in: rect)
        let widths = columnWidths(totalWidth: rect.width - (overflows ? 1 : 0))
        let prefix = multiSelect ? 2 : 1
        var y = rect.y
        if showHeader {
            drawRow(
                columns.map(\.title),
                widths: widths,
                into: &buffer,
                x: rect.x + prefix,
                y: y,
                rect: rect,
                style: theme.header,
                theme: theme
            )
            y += 1
        }
        let body = Rect(x: rect.x, y: y, width: rect.width, height: rect.maxY - y)
        guard !body.isEmpty else { return }
        if rows.isEmpty {
            let line = body.centered(width: body.width, height: 1)
            buffer.put(emptyMessage, in: line, style: theme.muted, alignment: .center, ellipsis: theme.glyphs.ellipsis)
            return
        }
        let offset = Self.scrollOffset(
            selection: selection,
            current: scrollOffset,
            visibleRows: body.height,
            rowCount: rows.count
        )
        for (k, index) in (offset..<min(rows.count, offset + body.height)).enumerated() {
            let rowY = body.y + k
            let isSelected = index == selection
            var style = rowStyles[index] ?? .plain
            if isSelected { style = theme.selection }
            if isSelected { buffer.fill(Rect(x: rect.x, y: rowY, width: rect.width, height: 1), style: style) }
            if isSelected { buffer.put(theme.glyphs.pointer, at: Point(x: rect.x, y: rowY), style: style, maxWidth: 1) }
            if multiSelect && marked.contains(index) {
                buffer.put(theme.glyphs.check, at: Point(x: rect.x + 1, y: rowY), style: style, maxWidth: 1)
            }
            drawRow(
                rows[index],
                widths: widths,
                into: &buffer,
                x: rect.x + prefix,
                y: rowY,
                rect: rect,
                style: style,
                theme: theme
            )
        }
        // Scroll hints in the last column.
        if offset > 0 {
            buffer.put(theme.glyphs.arrowUp, at: Point(x: rect.maxX - 1, y: body.y), style: theme.muted, maxWidth: 1)
        }
        if offset + body.height < rows.count {
            buffer.put(
                theme.glyphs.arrowDown,
                at: Point(x: rect.maxX - 1, y: body.maxY - 1),
                style: theme.muted,
                maxWidth: 1
            )
        }
    }

    private func drawRow(
        _ values: [String],
        widths: [Int],
        into buffer: inout ScreenBuffer,
        x: Int,
        y: Int,
        rect: Rect,
        style: Style,
        theme: Theme
    ) {
        var cx = x
        for (i, w) in widths.enumerated() where w > 0 {
            let value = i < values.count ? values[i] : ""
            let text = DisplayWidth.pad(value, to: w, alignment: columns[i].alignment, ellipsis: theme.glyphs.ellipsis)
            buffer.put(text, at: Point(x: cx, y: y), style: style, maxWidth: min(w, rect.maxX - cx))
            cx += w + 1
        }
    }
}
