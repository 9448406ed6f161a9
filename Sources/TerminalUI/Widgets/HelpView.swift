/// A titled group of `key — description` rows in the help screen.
public struct HelpSection: Hashable, Sendable {
    public var title: String
    /// `(left, right)`: a key name and its description, or a status glyph/word and its meaning.
    public var rows: [HelpRow]

    public init(title: String, rows: [HelpRow]) {
        self.title = title
        self.rows = rows
    }

    /// A section listing every binding of a key map (footer or not) with its long help.
    public init<Action>(keyMap: KeyMap<Action>, ascii: Bool = false) {
        self.title = keyMap.title
        self.rows = keyMap.bindings.map { HelpRow($0.keyDisplay(ascii: ascii), $0.help) }
    }
}

/// One row of a ``HelpSection``.
public struct HelpRow: Hashable, Sendable {
    public var key: String
    public var text: String

    public init(_ key: String, _ text: String) {
        self.key = key
        self.text = text
    }
}

/// The `?` help: all sections in a frame, keys in a column, descriptions wrapped, scrollable.
public struct HelpView: Sendable {
    public var title: String
    public var sections: [HelpSection]
    /// The first line shown; clamp with ``maxScroll(for:)``.
    public var scroll: Int

    public init(title: String = "Help", sections: [HelpSection], scroll: Int = 0) {
        self.title = title
        self.sections = sections
        self.scroll = scroll
    }

    /// Styled lines for a content width.
    func lines(width: Int, theme: Theme) -> [(key: String, text: String, isTitle: Bool)] {
        let keyWidth = min(max(4, width / 3), sections.flatMap(\.rows).map { DisplayWidth.of($0.key) }.max() ?? 4)
        let textWidth = max(1, width - keyWidth - 2)
        var out: [(String, String, Bool)] = []
        for (i, section) in sections.enumerated() {
            if i > 0 { out.append(("", "", false)) }
            out.append((section.title, "", true))
            for row in section.rows {
                let wrapped = TextWrap.wrap(row.text, width: textWidth)
                let key = DisplayWidth.pad(row.key, to: keyWidth, ellipsis: theme.glyphs.ellipsis)
                for (k, line) in (wrapped.isEmpty ? [""] : wrapped).enumerated() {
                    out.append((k == 0 ? key : String(repeating: " ", count: keyWidth), line, false))
                }
            }
        }
        return out
    }

    /// The largest useful ``scroll`` for a drawing rectangle.
    public func maxScroll(for rect: Rect, theme: Theme = .standard) -> Int {
        let inner = rect.inset(by: 1)
        return max(0, lines(width: inner.width - 2, theme: theme).count - inner.height)
    }

    public func draw(into buffer: inout ScreenBuffer, in rect: Rect, theme: Theme) {
        guard !rect.isEmpty else { return }
        buffer.fill(rect)
        let inner = buffer.box(rect, title: title, glyphs: theme.glyphs, style: theme.border, titleStyle: theme.header)
            .inset(left: 1, right: 1)
        guard !inner.isEmpty else { return }
        let all = lines(width: inner.width, theme: theme)
        let offset = min(max(0, scroll), max(0, all.count - inner.height))
        for (k, line) in all.dropFirst(offset).prefix(inner.height).enumerated() {
            let y = inner.y + k
            if line.isTitle {
                buffer.put(
                    line.key,
                    in: Rect(x: inner.x, y: y, width: inner.width, height: 1),
                    style: theme.header,
                    ellipsis: theme.glyphs.ellipsis
                )
            } else {
                let x =
                    inner.x
                    + buffer.put(
                        line.key,
                        at: Point(x: inner.x, y: y),
                        style: theme.key,
                        maxWidth: inner.width
                    )
                buffer.put("  " + line.text, at: Point(x: x, y: y), maxWidth: inner.maxX - x)
            }
        }
        if offset > 0 {
            buffer.put(theme.glyphs.arrowUp, at: Point(x: rect.maxX - 2, y: rect.y), style: theme.border, maxWidth: 1)
        }
        if offset + inner.height < all.count {
            buffer.put(
                theme.glyphs.arrowDown,
                at: Point(x: rect.maxX - 2, y: rect.maxY - 1),
                style: theme.border,
                maxWidth: 1
            )
        }
    }
}
