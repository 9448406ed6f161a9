/// A checkbox: `[x] Send customer reference` (the focused one is drawn reversed with a pointer).
public struct Checkbox: Hashable, Sendable {
    public var label: String
    public var isOn: Bool

    public init(_ label: String, isOn: Bool) {
        self.label = label
        self.isOn = isOn
    }

    /// Space toggles. Returns `false` for other keys.
    public mutating func handle(key: Key) -> Bool {
        guard key == .char(" ") else { return false }
        isOn.toggle()
        return true
    }

    public func draw(into buffer: inout ScreenBuffer, in rect: Rect, theme: Theme, focused: Bool) {
        guard !rect.isEmpty else { return }
        let row = Rect(x: rect.x, y: rect.y, width: rect.width, height: 1)
        buffer.fill(row)
        let pointer = focused ? theme.glyphs.pointer : " "
        let box = isOn ? theme.glyphs.checkboxOn : theme.glyphs.checkboxOff
        buffer.put(
            pointer + " " + box + " " + label,
            in: row,
            style: focused ? theme.selection : .plain,
            ellipsis: theme.glyphs.ellipsis
        )
    }
}
