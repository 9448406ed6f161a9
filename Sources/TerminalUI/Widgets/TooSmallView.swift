/// What to draw instead of a screen when the terminal is below the minimum size.
///
/// `Terminal too small: need at least 60x20, have 50x10`, wrapped and centred.
public struct TooSmallView: Sendable {
    public var minimum: Size
    public var actual: Size

    public init(minimum: Size = Size(width: 60, height: 20), actual: Size) {
        self.minimum = minimum
        self.actual = actual
    }

    /// `true` when `actual` is below `minimum`, i.e. this view should be shown.
    public var isNeeded: Bool { !actual.fits(minimum) }

    public var message: String { "Terminal too small: need at least \(minimum), have \(actual)" }

    /// A whole-screen buffer of `actual` size with the message.
    public func render(theme: Theme = .standard) -> ScreenBuffer {
        var buffer = ScreenBuffer(size: actual)
        draw(into: &buffer, in: buffer.bounds, theme: theme)
        return buffer
    }

    public func draw(into buffer: inout ScreenBuffer, in rect: Rect, theme: Theme) {
        guard !rect.isEmpty else { return }
        buffer.fill(rect)
        let lines = TextWrap.wrap(message, width: rect.width)
        let top = rect.y + max(0, (rect.height - lines.count) / 2)
        for (k, line) in lines.prefix(rect.height).enumerated() {
            buffer.put(
                line,
                in: Rect(x: rect.x, y: top + k, width: rect.width, height: 1),
                style: theme.warning,
                alignment: .center
            )
        }
    }
}
