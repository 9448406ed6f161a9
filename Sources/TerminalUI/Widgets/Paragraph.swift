/// Word-wrapped, vertically scrollable text (order notes, error details, logs).
public struct Paragraph: Sendable {
    public var text: String
    public var style: Style
    /// The first wrapped line shown.
    public var scroll: Int

    public init(_ text: String, style: Style = .plain, scroll: Int = 0) {
        self.text = text
        self.style = style
        self.scroll = scroll
    }

    /// The wrapped lines for a width.
    public func lines(width: Int) -> [String] { TextWrap.wrap(text, width: width) }

    /// The largest useful ``scroll`` in `rect`.
    public func maxScroll(in rect: Rect) -> Int { max(0, lines(width: rect.width).count - rect.height) }

    public func draw(into buffer: inout ScreenBuffer, in rect: Rect, theme: Theme) {
        guard !rect.isEmpty else { return }
        buffer.fill(rect)
        let all = lines(width: rect.width)
        let offset = min(max(0, scroll), max(0, all.count - rect.height))
        for (k, line) in all.dropFirst(offset).prefix(rect.height).enumerated() {
            buffer.put(line, at: Point(x: rect.x, y: rect.y + k), style: style, maxWidth: rect.width)
        }
        if offset + rect.height < all.count {
            buffer.put(
                theme.glyphs.arrowDown,
                at: Point(x: rect.maxX - 1, y: rect.maxY - 1),
                style: theme.muted,
                maxWidth: 1
            )
        }
        if offset > 0 {
            buffer.put(theme.glyphs.arrowUp, at: Point(x: rect.maxX - 1, y: rect.y), style: theme.muted, maxWidth: 1)
        }
    }
}
