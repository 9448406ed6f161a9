/// A centred modal with a question and a key hint: the caller decides the y/N semantics.
///
/// ```
/// ┌ Cancel orders ─────────────────┐
/// │ Cancel 3 orders in CartonCloud?│
/// │                                │
/// │ y Yes   n/Esc No               │
/// └────────────────────────────────┘
/// ```
public struct ConfirmDialog: Sendable {
    public var title: String
    /// The question (names the object and the count); wrapped.
    public var message: String
    /// The hint line, e.g. `"y Yes   n/Esc No (default)"`.
    public var hint: String
    /// Marks a destructive question (frame in the error style).
    public var isDestructive: Bool

    public init(title: String, message: String, hint: String = "y Yes   n/Esc No", isDestructive: Bool = false) {
        self.title = title
        self.message = message
        self.hint = hint
        self.isDestructive = isDestructive
    }

    /// Draws the dialog centred in `rect` (usually the whole screen) and returns the dialog's rectangle.
    @discardableResult
    public func draw(into buffer: inout ScreenBuffer, in rect: Rect, theme: Theme) -> Rect {
        let maxInner = max(1, min(rect.width - 4, 60))
        let wanted = max(DisplayWidth.of(hint), DisplayWidth.of(title) + 2, min(DisplayWidth.of(message), maxInner))
        let innerWidth = min(maxInner, max(wanted, 20))
        let lines = TextWrap.wrap(message, width: innerWidth)
        let height = min(rect.height, lines.count + 4)
        let box = rect.centered(width: innerWidth + 4, height: height)
        guard box.width >= 4, box.height >= 3 else { return box }
        buffer.fill(box)
        let frameStyle = isDestructive ? theme.error : theme.border
        let inner = buffer.box(box, title: title, glyphs: theme.glyphs, style: frameStyle, titleStyle: theme.header)
            .inset(left: 1, right: 1)
        for (k, line) in lines.prefix(max(0, inner.height - 2)).enumerated() {
            buffer.put(line, at: Point(x: inner.x, y: inner.y + k), maxWidth: inner.width)
        }
        buffer.put(
            hint,
            in: Rect(x: inner.x, y: inner.maxY - 1, width: inner.width, height: 1),
            style: theme.key,
            ellipsis: theme.glyphs.ellipsis
        )
        return box
    }
}
