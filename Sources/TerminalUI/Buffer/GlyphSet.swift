/// The glyphs widgets draw with: ``unicode`` for UTF-8 terminals, ``ascii`` as the fallback.
public struct GlyphSet: Hashable, Sendable {
    public var horizontal: String
    public var vertical: String
    public var topLeft: String
    public var topRight: String
    public var bottomLeft: String
    public var bottomRight: String
    /// Marks a cut: `…` or `~`.
    public var ellipsis: String
    public var check: String
    public var cross: String
    public var warning: String
    public var bullet: String
    /// Shown for each character of a masked text field.
    public var mask: String
    /// The row pointer of a table or list.
    public var pointer: String
    public var arrowUp: String
    public var arrowDown: String
    public var arrowLeft: String
    public var arrowRight: String
    /// Spinner frames, advanced on the UI tick.
    public var spinner: [String]
    public var gaugeFull: String
    public var gaugeEmpty: String
    /// Partial blocks from 1/8 to 7/8 (empty for ASCII).
    public var gaugePartials: [String]
    public var checkboxOn: String
    public var checkboxOff: String
    public var radioOn: String
    public var radioOff: String
    /// Separator between tabs and footer items.
    public var separator: String
    /// `true` for the ASCII set (used for key names: `Up` instead of `↑`).
    public var isASCII: Bool

    public static let unicode = GlyphSet(
        horizontal: "─",
        vertical: "│",
        topLeft: "┌",
        topRight: "┐",
        bottomLeft: "└",
        bottomRight: "┘",
        ellipsis: "…",
        check: "✓",
        cross: "✗",
        warning: "!",
        bullet: "•",
        mask: "•",
        pointer: "▶",
        arrowUp: "↑",
        arrowDown: "↓",
        arrowLeft: "←",
        arrowRight: "→",
        spinner: ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"],
        gaugeFull: "█",
        gaugeEmpty: "░",
        gaugePartials: ["▏", "▎", "▍", "▌", "▋", "▊", "▉"],
        checkboxOn: "[x]",
        checkboxOff: "[ ]",
        radioOn: "(•)",
        radioOff: "( )",
        separator: "│",
        isASCII: false
    )

    public static let ascii = GlyphSet(
        horizontal: "-",
        vertical: "|",
        topLeft: "+",
        topRight: "+",
        bottomLeft: "+",
        bottomRight: "+",
        ellipsis: "~",
        check: "+",
        cross: "x",
        warning: "!",
        bullet: "*",
        mask: "*",
        pointer: ">",
        arrowUp: "^",
        arrowDown: "v",
        arrowLeft: "<",
        arrowRight: ">",
        spinner: ["|", "/", "-", "\\"],
        gaugeFull: "#",
        gaugeEmpty: "-",
        gaugePartials: [],
        checkboxOn: "[x]",
        checkboxOff: "[ ]",
        radioOn: "(*)",
        radioOff: "( )",
        separator: "|",
        isASCII: true
    )

    /// The spinner frame for a tick counter.
    public func spinnerFrame(_ tick: Int) -> String {
        spinner.isEmpty ? "" : spinner[((tick % spinner.count) + spinner.count) % spinner.count]
    }
}
