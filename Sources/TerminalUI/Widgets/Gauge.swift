/// A one-line gauge: `label ████▌░░░░ text`.
///
/// Unicode uses eighth blocks for sub-cell precision; ASCII draws `[###-----]`.
public struct Gauge: Sendable {
    public var label: String
    /// 0…1 (clamped).
    public var fraction: Double
    /// Shown right of the bar, e.g. `"42%"` or `"12/30"`.
    public var text: String

    public init(label: String = "", fraction: Double, text: String = "") {
        self.label = label
        self.fraction = fraction
        self.text = text
    }

    public func draw(into buffer: inout ScreenBuffer, in rect: Rect, theme: Theme) {
        guard !rect.isEmpty else { return }
        let row = Rect(x: rect.x, y: rect.y, width: rect.width, height: 1)
        buffer.fill(row)
        var x = rect.x
        if !label.isEmpty {
            x += buffer.put(
                label + " ",
                in: Rect(x: x, y: rect.y, width: rect.width / 2, height: 1),
                ellipsis: theme.glyphs.ellipsis
            )
        }
        let tail = text.isEmpty ? "" : " " + text
        let tailWidth = DisplayWidth.of(tail)
        let brackets = theme.glyphs.isASCII ? 2 : 0
        var barWidth = rect.maxX - x - tailWidth - brackets
        if barWidth < 3 {  // no room for the bar: text only
            buffer.put(text, in: Rect(x: x, y: rect.y, width: rect.maxX - x, height: 1), ellipsis: theme.glyphs.ellipsis)
            return
        }
        barWidth = max(0, barWidth)
        let bar = Self.bar(fraction: fraction, width: barWidth, glyphs: theme.glyphs)
        if brackets > 0 { x += buffer.put("[", at: Point(x: x, y: rect.y)) }
        let filledStyle = theme.colorEnabled ? theme.info : .plain
        x += buffer.put(bar, at: Point(x: x, y: rect.y), style: filledStyle, maxWidth: barWidth)
        if brackets > 0 { x += buffer.put("]", at: Point(x: x, y: rect.y)) }
        buffer.put(tail, at: Point(x: x, y: rect.y), maxWidth: rect.maxX - x)
    }

    /// The bar alone, exactly `width` cells.
    public static func bar(fraction: Double, width: Int, glyphs: GlyphSet) -> String {
        guard width > 0 else { return "" }
        let f = fraction.isNaN ? 0 : min(1, max(0, fraction))
        let partials = glyphs.gaugePartials
        let steps = partials.count + 1  // sub-steps per cell
        let total = Int((f * Double(width * steps)).rounded(.down))
        let full = total / steps
        let rest = total % steps
        var s = String(repeating: glyphs.gaugeFull, count: full)
        var used = full
        if rest > 0, used < width {
            s += partials[rest - 1]
            used += 1
        }
        s += String(repeating: glyphs.gaugeEmpty, count: width - used)
        return s
    }
}
