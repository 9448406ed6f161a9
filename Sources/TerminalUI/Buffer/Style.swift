/// How a cell is drawn: colours and attributes.
public struct Style: Hashable, Sendable {
    public var foreground: Color
    public var background: Color
    public var bold: Bool
    public var dim: Bool
    public var reverse: Bool
    public var underline: Bool

    public init(
        foreground: Color = .default,
        background: Color = .default,
        bold: Bool = false,
        dim: Bool = false,
        reverse: Bool = false,
        underline: Bool = false
    ) {
        self.foreground = foreground
        self.background = background
        self.bold = bold
        self.dim = dim
        self.reverse = reverse
        self.underline = underline
    }

    /// No colour, no attribute.
    public static let plain = Style()
    public static let bold = Style(bold: true)
    public static let dim = Style(dim: true)
    public static let reverse = Style(reverse: true)
    public static let underline = Style(underline: true)

    /// A style with only a foreground colour.
    public static func fg(_ color: Color) -> Style { Style(foreground: color) }

    public func with(foreground color: Color) -> Style {
        var s = self
        s.foreground = color
        return s
    }
    public func with(background color: Color) -> Style {
        var s = self
        s.background = color
        return s
    }
    public func bolded(_ on: Bool = true) -> Style {
        var s = self
        s.bold = on
        return s
    }
    public func dimmed(_ on: Bool = true) -> Style {
        var s = self
        s.dim = on
        return s
    }
    public func reversed(_ on: Bool = true) -> Style {
        var s = self
        s.reverse = on
        return s
    }
    public func underlined(_ on: Bool = true) -> Style {
        var s = self
        s.underline = on
        return s
    }

    /// The same attributes without colours (for `NO_COLOR`).
    public var withoutColor: Style {
        var s = self
        s.foreground = .default
        s.background = .default
        return s
    }

    /// `true` when the style is ``plain``.
    public var isPlain: Bool { self == .plain }
}
