/// A one-line bar with left and right segments: `Cin7Bridge │ acme-au        ✓ synced 12s ago │ 14:02`.
///
/// The right segments win when space is short; the left ones are truncated.
public struct StatusBar: Sendable {
    /// A piece of text with its own style (`nil`: the bar's style).
    public struct Segment: Hashable, Sendable {
        public var text: String
        public var style: Style?

        public init(_ text: String, style: Style? = nil) {
            self.text = text
            self.style = style
        }
    }

    public var left: [Segment]
    public var right: [Segment]

    public init(left: [Segment], right: [Segment] = []) {
        self.left = left
        self.right = right
    }

    public func draw(into buffer: inout ScreenBuffer, in rect: Rect, theme: Theme) {
        guard !rect.isEmpty else { return }
        let row = Rect(x: rect.x, y: rect.y, width: rect.width, height: 1)
        let base = theme.statusBar
        buffer.fill(row, style: base)
        let sep = " " + theme.glyphs.separator + " "
        let rightText = right.map(\.text).joined(separator: sep)
        let rightWidth = min(row.width, DisplayWidth.of(rightText) + (right.isEmpty ? 0 : 1))
        var x = row.maxX - rightWidth
        for (i, seg) in right.enumerated() {
            if i > 0 { x += buffer.put(sep, at: Point(x: x, y: row.y), style: base, maxWidth: row.maxX - x) }
            x += buffer.put(seg.text, at: Point(x: x, y: row.y), style: seg.style ?? base, maxWidth: row.maxX - x)
        }
        let leftLimit = row.maxX - rightWidth - (right.isEmpty ? 0 : 1)
        x = row.x + 1
        for (i, seg) in left.enumerated() where x < leftLimit {
            if i > 0 { x += buffer.put(sep, at: Point(x: x, y: row.y), style: base, maxWidth: leftLimit - x) }
            guard x < leftLimit else { break }
            x += buffer.put(
                seg.text,
                in: Rect(x: x, y: row.y, width: leftLimit - x, height: 1),
                style: seg.style ?? base,
                ellipsis: theme.glyphs.ellipsis
            )
        }
    }
}
