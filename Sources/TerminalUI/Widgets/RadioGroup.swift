/// A vertical single choice: `(•) Company` / `( ) Contact`, with a focus cursor separate from the choice.
public struct RadioGroup: Hashable, Sendable {
    public var options: [String]
    /// The chosen option.
    public var selected: Int
    /// The option the cursor is on.
    public var cursor: Int

    public init(_ options: [String], selected: Int = 0) {
        self.options = options
        self.selected = selected
        self.cursor = selected
    }

    /// ↑/↓ (and k/j) move the cursor, Space chooses. Returns `false` for other keys.
    public mutating func handle(key: Key) -> Bool {
        switch key {
        case .up, .char("k"): cursor = max(0, cursor - 1)
        case .down, .char("j"): cursor = min(max(0, options.count - 1), cursor + 1)
        case .char(" "): selected = cursor
        default: return false
        }
        return true
    }

    /// One option per row; the cursor row is reversed with a pointer when `focused`.
    public func draw(into buffer: inout ScreenBuffer, in rect: Rect, theme: Theme, focused: Bool) {
        guard !rect.isEmpty else { return }
        buffer.fill(rect)
        for (i, option) in options.enumerated() where i < rect.height {
            let row = Rect(x: rect.x, y: rect.y + i, width: rect.width, height: 1)
            let isCursor = focused && i == cursor
            let mark = i == selected ? theme.glyphs.radioOn : theme.glyphs.radioOff
            buffer.put(
                (isCursor ? theme.glyphs.pointer : " ") + " " + mark + " " + option,
                in: row,
                style: isCursor ? theme.selection : .plain,
                ellipsis: theme.glyphs.ellipsis
            )
        }
    }
}
