/// The one-line key hint bar generated from a ``KeyMap``: `r Retry  s Skip  / Filter  … ? Help`.
public struct Footer<Action> {
    public var keyMap: KeyMap<Action>
    /// Which actions apply now; the others are drawn dimmed.
    public var isEnabled: @Sendable (Action) -> Bool

    public init(keyMap: KeyMap<Action>, isEnabled: @escaping @Sendable (Action) -> Bool = { _ in true }) {
        self.keyMap = keyMap
        self.isEnabled = isEnabled
    }

    public func draw(into buffer: inout ScreenBuffer, in rect: Rect, theme: Theme) {
        guard !rect.isEmpty else { return }
        let row = Rect(x: rect.x, y: rect.y, width: rect.width, height: 1)
        buffer.fill(row)
        var x = rect.x
        for (i, item) in keyMap.footerItems(width: rect.width, ascii: theme.glyphs.isASCII, isEnabled: isEnabled).enumerated() {
            if i > 0 { x += 2 }
            if !item.key.isEmpty {
                x += buffer.put(item.key, at: Point(x: x, y: rect.y), style: item.enabled ? theme.key : theme.muted, maxWidth: row.maxX - x)
                x += buffer.put(" ", at: Point(x: x, y: rect.y), maxWidth: row.maxX - x)
            }
            x += buffer.put(
                item.label,
                at: Point(x: x, y: rect.y),
                style: item.key.isEmpty || !item.enabled ? theme.muted : .plain,
                maxWidth: row.maxX - x
            )
        }
    }
}
extension Footer: Sendable where Action: Sendable {}
