import CNcursesw

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// The real terminal, through ncursesw. The only type that touches curses.
///
/// Start-up sets the locale, detects UTF-8 (else ``TerminalCapabilities/unicode`` is `false` and screens use
/// ``GlyphSet/ascii``), refuses a non-TTY, reports an unknown `TERM` as ``TerminalError/unknownTerminal(_:)``
/// instead of letting curses exit, makes Esc instant (`ESCDELAY` 25 ms unless the variable is set), hides the
/// cursor and sets up colours unless `NO_COLOR` is set (non-empty) or the terminal has none.
///
/// The terminal is restored by ``shutdown()``, by an `atexit` hook, and on SIGINT/SIGTERM/SIGHUP/SIGQUIT.
/// With ``Options/signalsToApp`` (the default) SIGINT arrives as `Key.ctrl("c")` and the others through
/// ``takeSignal()``, so the app can stop cleanly; a second identical signal before the app took the first
/// restores the terminal and ends the process. Without it, every such signal restores the terminal and ends
/// the process with the signal's default action.
///
/// While it is active nothing may be printed to stdout or stderr: log to a file.
@MainActor
public final class CursesTerminal: Terminal {
    /// Start-up choices.
    public struct Options: Sendable {
        /// Deliver SIGINT/SIGTERM/SIGHUP/SIGQUIT to the app (see ``CursesTerminal``); `false`: restore and exit.
        public var signalsToApp: Bool
        /// Use ASCII glyphs even in a UTF-8 locale.
        public var forceASCII: Bool
        /// `true`: no colour; `false`: colour when available; `nil`: from `NO_COLOR`.
        public var noColor: Bool?
        /// Esc delay in milliseconds when the `ESCDELAY` environment variable is not set.
        public var escDelayMilliseconds: Int

        public init(
            signalsToApp: Bool = true,
            forceASCII: Bool = false,
            noColor: Bool? = nil,
            escDelayMilliseconds: Int = 25
        ) {
            self.signalsToApp = signalsToApp
            self.forceASCII = forceASCII
            self.noColor = noColor
            self.escDelayMilliseconds = escDelayMilliseconds
        }
    }

    public private(set) var size: Size
    public let capabilities: TerminalCapabilities
    private let screen: OpaquePointer
    private let window: UnsafeMutablePointer<WINDOW>
    private var active = true
    private var lastFrame: ScreenBuffer?
    private var pairs: [UInt16: Int16] = [:]
    private var nextPair: Int16 = 1
    private let defaultColors: Bool
    private var pendingSignal: TerminalSignal?

    /// Takes over the terminal.
    /// - Throws: ``TerminalError`` when standard input/output is not a TTY, `TERM` is unset or unknown.
    public init(options: Options = Options()) throws {
        setlocale(LC_ALL, "")
        guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else { throw TerminalError.notATerminal }
        guard let termC = getenv("TERM"), termC.pointee != 0 else { throw TerminalError.noTermVariable }
        let term = String(cString: termC)
        guard !["dumb", "unknown"].contains(term) else { throw TerminalError.cannotDrawScreens(term) }
        let unicode = !options.forceASCII && String(cString: cn_codeset()) == "UTF-8"
        let noColorEnv = getenv("NO_COLOR").map { $0.pointee != 0 } ?? false
        let wantsColor = !(options.noColor ?? noColorEnv)
        if getenv("ESCDELAY") == nil { set_escdelay(Int32(options.escDelayMilliseconds)) }

        guard let screen = cn_newterm() else { throw TerminalError.unknownTerminal(term) }
        guard let window = cn_stdscr() else {
            endwin()
            delscreen(screen)
            throw TerminalError.initializationFailed("no standard screen")
        }
        self.screen = screen
        self.window = window
        cn_set_active(1)
        cn_install_handlers(options.signalsToApp ? 1 : 0)

        cbreak()
        noecho()
        nonl()
        keypad(window, true)
        intrflush(window, false)
        leaveok(window, true)
        curs_set(0)

        var colors = false
        var defaults = false
        if wantsColor && has_colors() {
            colors = start_color() == OK
            defaults = colors && use_default_colors() == OK
        }
        self.defaultColors = defaults
        self.capabilities = TerminalCapabilities(unicode: unicode, colorEnabled: colors)
        var rows: Int32 = 0
        var cols: Int32 = 0
        cn_getmaxyx(window, &rows, &cols)
        self.size = Size(width: Int(cols), height: Int(rows))
    }

    public func draw(_ buffer: ScreenBuffer) {
        guard active else { return }
        let full = lastFrame?.size != buffer.size
        if full { werase(window) }
        let rows = min(buffer.height, size.height)
        for y in 0..<rows {
            if !full, let last = lastFrame, Self.rowEqual(last, buffer, y) { continue }
            drawRow(buffer, y)
        }
        wattr_set(window, 0, 0, nil)
        wnoutrefresh(window)
        doupdate()
        lastFrame = buffer
    }

    private static func rowEqual(_ a: ScreenBuffer, _ b: ScreenBuffer, _ y: Int) -> Bool {
        let w = a.width
        return a.cells[(y * w)..<((y + 1) * w)] == b.cells[(y * w)..<((y + 1) * w)]
    }

    private func drawRow(_ buffer: ScreenBuffer, _ y: Int) {
        let limit = min(buffer.width, size.width)
        var x = 0
        var run: [wchar_t] = []
        while x < limit {
            let style = buffer[x, y].style
            let start = x
            run.removeAll(keepingCapacity: true)
            while x < limit, buffer[x, y].style == style {
                let cell = buffer[x, y]
                x += 1
                if cell.isContinuation { continue }
                let w = DisplayWidth.of(cell.character)
                if w == 0 || (w == 2 && x >= limit) {  // never a control character; never half a wide char
                    run.append(0x20)
                    continue
                }
                for scalar in cell.character.unicodeScalars { run.append(wchar_t(bitPattern: scalar.value)) }
            }
            applyStyle(style)
            run.withUnsafeBufferPointer { p in
                _ = mvwaddnwstr(window, Int32(y), Int32(start), p.baseAddress, Int32(p.count))
            }
        }
    }

    private func applyStyle(_ style: Style) {
        var flags: UInt32 = 0
        if style.bold { flags |= 1 }
        if style.dim { flags |= 2 }
        if style.reverse { flags |= 4 }
        if style.underline { flags |= 8 }
        _ = cn_set_style(window, flags, pair(for: style))
    }

    private func pair(for style: Style) -> Int16 {
        guard capabilities.colorEnabled else { return 0 }
        if style.foreground == .default && style.background == .default { return 0 }
        let key = UInt16(style.foreground.rawValue) << 8 | UInt16(style.background.rawValue)
        if let p = pairs[key] { return p }
        guard Int32(nextPair) < min(cn_color_pairs(), 32767) else { return 0 }
        let p = nextPair
        nextPair += 1
        init_pair(
            p,
            colorNumber(style.foreground, isBackground: false),
            colorNumber(style.background, isBackground: true)
        )
        pairs[key] = p
        return p
    }

    private func colorNumber(_ color: Color, isBackground: Bool) -> Int16 {
        if color == .default { return defaultColors ? -1 : (isBackground ? Int16(COLOR_BLACK) : Int16(COLOR_WHITE)) }
        return Int16(color.rawValue) - 1  // black 0 … white 7, as curses numbers them
    }

    public func readKey(timeout: Duration) -> Key? {
        guard active else { return nil }
        let ms = timeout.components.seconds * 1000 + timeout.components.attoseconds / 1_000_000_000_000_000
        wtimeout(window, Int32(clamping: max(0, ms)))
        var wch: wint_t = 0
        let rc = wget_wch(window, &wch)
        if let signal = takeCSignal() {
            if signal == .interrupt { return .ctrl("c") }
            pendingSignal = signal
            return nil
        }
        if rc == KEY_CODE_YES { return functionKey(Int32(bitPattern: wch)) }
        if rc == OK { return characterKey(UInt32(wch)) }
        return nil
    }

    private func takeCSignal() -> TerminalSignal? {
        switch cn_take_pending_signal() {
        case SIGINT: .interrupt
        case SIGTERM: .terminate
        case SIGHUP: .hangup
        case SIGQUIT: .quit
        default: nil
        }
    }

    private func functionKey(_ code: Int32) -> Key? {
        switch code {
        case KEY_UP: return .up
        case KEY_DOWN: return .down
        case KEY_LEFT: return .left
        case KEY_RIGHT: return .right
        case KEY_HOME: return .home
        case KEY_END: return .end
        case KEY_PPAGE: return .pageUp
        case KEY_NPAGE: return .pageDown
        case KEY_BACKSPACE: return .backspace
        case KEY_DC: return .delete
        case KEY_BTAB: return .backTab
        case KEY_ENTER: return .enter
        case KEY_RESIZE:
            var rows: Int32 = 0
            var cols: Int32 = 0
            cn_getmaxyx(window, &rows, &cols)
            size = Size(width: Int(cols), height: Int(rows))
            lastFrame = nil  // redraw everything at the new size
            return .resize
        default:
            let f0 = cn_key_f0()
            if code > f0 && code <= f0 + 24 { return .function(Int(code - f0)) }
            return nil
        }
    }

    private func characterKey(_ value: UInt32) -> Key? {
        switch value {
        case 0x0A, 0x0D: return .enter
        case 0x09: return .tab
        case 0x1B: return .escape
        case 0x7F, 0x08: return .backspace
        case 0x01...0x1A: return .ctrl(Character(Unicode.Scalar(value + 0x60)!))
        case 0x00...0x1F, 0x80...0x9F: return nil
        default:
            guard let scalar = Unicode.Scalar(value) else { return nil }
            return .char(Character(scalar))
        }
    }

    public func takeSignal() -> TerminalSignal? {
        if pendingSignal == nil, let s = takeCSignal(), s != .interrupt { pendingSignal = s }
        defer { pendingSignal = nil }
        return pendingSignal
    }

    /// Restores the terminal (`endwin`) and the default signal handlers. Safe to call more than once.
    public func shutdown() {
        guard active else { return }
        active = false
        cn_restore_terminal()
        cn_uninstall_handlers()
        delscreen(screen)
    }
}
