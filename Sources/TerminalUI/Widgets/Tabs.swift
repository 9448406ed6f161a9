/// A tab bar: `[Pending 3] │ In warehouse 12 │ Needs attention 2`.
///
/// The active tab is bracketed and drawn bold and underlined, so it stays visible without colour.
/// Tabs that do not fit are replaced by an ellipsis.
public struct Tabs: Sendable {
    /// One tab: a label and an optional count.
    public struct Item: Hashable, Sendable {
        public var label: String
        public var count: Int?

        public init(_ label: String, count: Int? = nil) {
            self.label = label
            self.count = count
        }

        var text: String { count.map { "\(label) \($0)" } ?? label }
    }

    public var items: [Item]
    public var active: Int

    public init(_ items: [Item], active: Int) {
        self.items = items
        self.active = active
    }

    public func draw(into buffer: inout ScreenBuffer, in rect: Rect, theme: Theme) {
        guard !rect.isEmpty else { return }
        buffer.fill(Rect(x: rect.x, y: rect.y, width: rect.width, height: 1))
        var x = rect.x
        let sep = " " + theme.glyphs.separator + " "
        for (i, item) in items.enumerated() {
            let isActive = i == active
            let text = isActive ? "[" + item.text + "]" : " " + item.text + " "
            let needed = DisplayWidth.of(text) + (i > 0 ? DisplayWidth.of(sep) : 0)
            let remainingAfter = i < items.count - 1 ? 2 : 0  // room for " …"
            if x + needed + remainingAfter > rect.maxX && i < items.count - 1 || x + needed > rect.maxX {
                buffer.put(
                    " " + theme.glyphs.ellipsis,
                    at: Point(x: x, y: rect.y),
                    style: theme.muted,
                    maxWidth: rect.maxX - x
                )
                return
            }
            if i > 0 { x += buffer.put(sep, at: Point(x: x, y: rect.y), style: theme.border, maxWidth: rect.maxX - x) }
            x += buffer.put(
                text,
                at: Point(x: x, y: rect.y),
                style: isActive ? theme.activeTab : .plain,
                maxWidth: rect.maxX - x
            )
        }
    }
}
