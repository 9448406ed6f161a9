/// One terminal cell: a character and its style.
///
/// A wide character (width 2) is stored in its first cell; the cell to its right is a continuation cell
/// (``isContinuation``) that the terminal backend skips.
public struct Cell: Hashable, Sendable {
    public var character: Character
    public var style: Style
    public var isContinuation: Bool

    public init(_ character: Character = " ", style: Style = .plain, isContinuation: Bool = false) {
        self.character = character
        self.style = style
        self.isContinuation = isContinuation
    }

    /// A plain space.
    public static let blank = Cell()

    /// The right half of a wide character.
    static func continuation(_ style: Style) -> Cell { Cell(" ", style: style, isContinuation: true) }
}
