/// A key press, as the terminal backend reports it.
public enum Key: Hashable, Sendable {
    /// A printable character (letters keep their case; `" "` is Space).
    case char(Character)
    case enter, escape, tab, backTab, backspace, delete
    case up, down, left, right
    case pageUp, pageDown, home, end
    /// Ctrl plus a letter, stored lowercase: `.ctrl("c")`.
    case ctrl(Character)
    /// F1…F12.
    case function(Int)
    /// The terminal changed size (not a key a person presses; comes through the same queue).
    case resize

    /// A control-key key normalised to lowercase, so `.ctrl("C") == .ctrl("c")` after normalising.
    public static func control(_ c: Character) -> Key { .ctrl(Character(c.lowercased())) }

    /// The name shown in the footer and help, with Unicode arrows (`↑`, `Enter`, `Esc`, `^C`, `F1`).
    public var display: String { display(ascii: false) }

    /// The name shown in the footer and help.
    /// - Parameter ascii: `true` for ASCII-only names (`Up` instead of `↑`).
    public func display(ascii: Bool) -> String {
        switch self {
        case .char(" "): return "Space"
        case .char(let c): return String(c)
        case .enter: return "Enter"
        case .escape: return "Esc"
        case .tab: return "Tab"
        case .backTab: return "S-Tab"
        case .backspace: return ascii ? "Bksp" : "⌫"
        case .delete: return "Del"
        case .up: return ascii ? "Up" : "↑"
        case .down: return ascii ? "Down" : "↓"
        case .left: return ascii ? "Left" : "←"
        case .right: return ascii ? "Right" : "→"
        case .pageUp: return "PgUp"
        case .pageDown: return "PgDn"
        case .home: return "Home"
        case .end: return "End"
        case .ctrl(let c): return "^" + c.uppercased()
        case .function(let n): return "F\(n)"
        case .resize: return "Resize"
        }
    }
}
