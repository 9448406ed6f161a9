/// The eight basic terminal colours plus the terminal's own default.
///
/// Status must never be shown by colour alone: pair it with a glyph or a word.
public enum Color: UInt8, Hashable, Sendable, CaseIterable {
    case `default`, black, red, green, yellow, blue, magenta, cyan, white

    /// The single-letter code used in ``ScreenBuffer/annotatedText``.
    var code: Character {
        switch self {
        case .default: "-"
        case .black: "k"
        case .red: "r"
        case .green: "g"
        case .yellow: "y"
        case .blue: "b"
        case .magenta: "m"
        case .cyan: "c"
        case .white: "w"
        }
    }
}
