/// What the UI loop needs from a terminal: its size, drawing a frame, reading keys, stopping.
///
/// ``CursesTerminal`` is the real one; ``VirtualTerminal`` is for tests and benchmarks.
/// All calls happen on the main actor (curses is not thread-safe).
@MainActor
public protocol Terminal: AnyObject {
    /// The current size in cells (updated after a ``Key/resize``).
    var size: Size { get }
    /// What the terminal can show: Unicode glyphs, colour.
    var capabilities: TerminalCapabilities { get }
    /// Shows `buffer` (a buffer of another size is clipped or padded).
    func draw(_ buffer: ScreenBuffer)
    /// Waits up to `timeout` for a key; `nil` on timeout (the UI tick) or when a signal is pending.
    func readKey(timeout: Duration) -> Key?
    /// The termination signal received since the last call (SIGTERM, SIGHUP), if the terminal delivers
    /// signals to the application. SIGINT arrives as `Key.ctrl("c")` instead.
    func takeSignal() -> TerminalSignal?
    /// Restores the terminal. Safe to call more than once.
    func shutdown()
}

/// What a terminal can display.
public struct TerminalCapabilities: Hashable, Sendable {
    /// The locale's codeset is UTF-8: use ``GlyphSet/unicode``.
    public var unicode: Bool
    /// Colour is available and wanted (`NO_COLOR` unset or empty, and the terminal has colours).
    public var colorEnabled: Bool

    public init(unicode: Bool, colorEnabled: Bool) {
        self.unicode = unicode
        self.colorEnabled = colorEnabled
    }

    /// The glyphs that match ``unicode``.
    public var glyphs: GlyphSet { unicode ? .unicode : .ascii }

    /// A theme for these capabilities.
    public var theme: Theme { Theme(glyphs: glyphs, colorEnabled: colorEnabled) }
}

/// A signal the application should react to (stop cleanly, warn that syncing stops).
public enum TerminalSignal: Hashable, Sendable {
    case interrupt, terminate, hangup, quit
}

/// Why a terminal could not start.
public enum TerminalError: Error, Hashable, Sendable, CustomStringConvertible {
    /// Standard input or output is not a terminal.
    case notATerminal
    /// terminfo does not know `TERM`.
    case unknownTerminal(String)
    /// `TERM` is unset or empty.
    case noTermVariable
    /// `TERM` names a terminal that cannot move the cursor (`dumb`): no full-screen UI is possible.
    case cannotDrawScreens(String)
    /// curses failed to start for another reason.
    case initializationFailed(String)

    /// A one-line message for the user.
    public var description: String {
        switch self {
        case .notATerminal:
            "Not a terminal: the interactive UI needs a TTY on standard input and output (use the CLI commands instead)"
        case .unknownTerminal(let term):
            "Unknown terminal type \"\(term)\": try TERM=xterm-256color"
        case .noTermVariable:
            "TERM is not set: try TERM=xterm-256color"
        case .cannotDrawScreens(let term):
            "This terminal (TERM=\(term)) cannot draw the interactive UI. Use `cin7bridge status` and `cin7bridge orders` here, or a full terminal (TERM=xterm-256color)"
        case .initializationFailed(let why):
            "Could not start the terminal UI: \(why)"
        }
    }
}
