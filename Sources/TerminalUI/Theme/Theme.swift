/// Glyphs and semantic styles shared by all widgets.
///
/// Build it once from the terminal's capabilities: `Theme(glyphs: caps.unicode ? .unicode : .ascii,
/// colorEnabled: caps.colorEnabled)`. Without colour every style falls back to bold, dim, reverse and
/// underline only, so nothing depends on colour (widgets also mark state with glyphs or brackets).
public struct Theme: Hashable, Sendable {
    public var glyphs: GlyphSet
    public var colorEnabled: Bool
    /// Table headers, tab bar, section titles.
    public var header: Style
    /// The selected row or focused control.
    public var selection: Style
    /// Frames and separators.
    public var border: Style
    /// Secondary text: placeholders, empty states, hints.
    public var muted: Style
    /// Key names in the footer and help.
    public var key: Style
    /// The active tab.
    public var activeTab: Style
    /// Semantic status styles (pair them with a glyph or a word).
    public var ok: Style
    public var warning: Style
    public var error: Style
    public var info: Style
    /// The status bar.
    public var statusBar: Style

    /// The default palette, colourless when `colorEnabled` is `false`.
    public init(glyphs: GlyphSet = .unicode, colorEnabled: Bool = true) {
        self.glyphs = glyphs
        self.colorEnabled = colorEnabled
        header = .bold
        selection = .reverse
        border = colorEnabled ? .fg(.blue) : .plain
        muted = .dim
        key = colorEnabled ? Style(foreground: .cyan, bold: true) : .bold
        activeTab = Style(bold: true, underline: true)
        ok = colorEnabled ? .fg(.green) : .plain
        warning = colorEnabled ? Style(foreground: .yellow, bold: true) : .bold
        error = colorEnabled ? Style(foreground: .red, bold: true) : .bold
        info = colorEnabled ? .fg(.cyan) : .plain
        statusBar = .reverse
    }

    /// Unicode glyphs, colour.
    public static let standard = Theme()
    /// ASCII glyphs, no colour: the most conservative theme (and the one snapshot tests of fallbacks use).
    public static let plainASCII = Theme(glyphs: .ascii, colorEnabled: false)
}
