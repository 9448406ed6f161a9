/// An editable single-line text value: text, cursor, masking, placeholder and a validation message.
///
/// A value type kept in the screen's state. Feed it keys with ``handle(key:)``; draw it with
/// ``draw(into:in:theme:focused:)``. The cursor is drawn as a reverse cell (the hardware cursor is hidden).
public struct TextField: Hashable, Sendable {
    public private(set) var characters: [Character]
    /// Cursor position: 0…count, before the character at that index.
    public private(set) var cursor: Int
    /// Draw every character as ``GlyphSet/mask`` (passwords, API keys).
    public var isMasked: Bool
    /// Shown dim while the field is empty.
    public var placeholder: String
    /// Drawn under the field with a warning glyph when set.
    public var validationMessage: String?
    /// The most characters accepted (`nil`: no limit).
    public var maxLength: Int?

    public init(
        text: String = "",
        placeholder: String = "",
        isMasked: Bool = false,
        maxLength: Int? = nil
    ) {
        self.characters = Array(TextSanitizer.clean(text))
        self.cursor = characters.count
        self.placeholder = placeholder
        self.isMasked = isMasked
        self.maxLength = maxLength
        self.validationMessage = nil
    }

    /// The current text.
    public var text: String {
        get { String(characters) }
        set {
            characters = Array(TextSanitizer.clean(newValue))
            cursor = characters.count
        }
    }

    /// Inserts text at the cursor (sanitised; newlines become spaces).
    public mutating func insert(_ s: String) {
        for c in TextSanitizer.clean(s) {
            if let maxLength, characters.count >= maxLength { return }
            characters.insert(c, at: cursor)
            cursor += 1
        }
    }

    public mutating func deleteBackward() {
        guard cursor > 0 else { return }
        characters.remove(at: cursor - 1)
        cursor -= 1
    }

    public mutating func deleteForward() {
        guard cursor < characters.count else { return }
        characters.remove(at: cursor)
    }

    public mutating func moveLeft() { cursor = max(0, cursor - 1) }
    public mutating func moveRight() { cursor = min(characters.count, cursor + 1) }
    public mutating func moveHome() { cursor = 0 }
    public mutating func moveEnd() { cursor = characters.count }

    /// Deletes from the start to the cursor (Ctrl-U).
    public mutating func deleteToStart() {
        characters.removeSubrange(0..<cursor)
        cursor = 0
    }

    /// Deletes from the cursor to the end (Ctrl-K).
    public mutating func deleteToEnd() { characters.removeSubrange(cursor..<characters.count) }

    /// Applies an editing key. Returns `false` for keys the field does not use (Enter, Tab, Esc, ↑, ↓ …),
    /// which the screen then handles itself.
    public mutating func handle(key: Key) -> Bool {
        switch key {
        case .char(let c): insert(String(c))
        case .backspace, .ctrl("h"): deleteBackward()
        case .delete, .ctrl("d"): deleteForward()
        case .left, .ctrl("b"): moveLeft()
        case .right, .ctrl("f"): moveRight()
        case .home, .ctrl("a"): moveHome()
        case .end, .ctrl("e"): moveEnd()
        case .ctrl("u"): deleteToStart()
        case .ctrl("k"): deleteToEnd()
        default: return false
        }
        return true
    }

    /// What is displayed for the characters (masked or not).
    func displayCharacters(glyphs: GlyphSet) -> [String] {
        isMasked ? characters.map { _ in glyphs.mask } : characters.map { String($0) }
    }

    /// Draws the field on `rect`'s first row (underlined input area) and the validation message on the second.
    /// The view scrolls horizontally so the cursor stays visible.
    public func draw(into buffer: inout ScreenBuffer, in rect: Rect, theme: Theme, focused: Bool) {
        guard !rect.isEmpty else { return }
        let row = Rect(x: rect.x, y: rect.y, width: rect.width, height: 1)
        let fieldStyle = Style.underline
        buffer.fill(row, style: fieldStyle)
        if characters.isEmpty {
            buffer.put(placeholder, in: row, style: fieldStyle.dimmed(), ellipsis: theme.glyphs.ellipsis)
        }
        let shown = displayCharacters(glyphs: theme.glyphs)
        let widths = shown.map { DisplayWidth.of($0) }
        // First visible character: the cursor cell must fit (one cell for the cursor at the end).
        var start = 0
        var span = widths[0..<cursor].reduce(0, +) + 1
        while span > rect.width && start < cursor {
            span -= widths[start]
            start += 1
        }
        var x = rect.x
        if !characters.isEmpty {
            for i in start..<shown.count {
                if x + widths[i] > row.maxX { break }
                let style = focused && i == cursor ? fieldStyle.reversed() : fieldStyle
                x += buffer.put(shown[i], at: Point(x: x, y: rect.y), style: style, maxWidth: row.maxX - x)
            }
        }
        if focused {
            // The cursor cell: reverse whatever is there (a space past the end, the placeholder's first cell).
            let cx = rect.x + widths[start..<cursor].reduce(0, +)
            if cx < row.maxX { buffer.restyle(Rect(x: cx, y: rect.y, width: 1, height: 1)) { $0.reversed() } }
        }
        if rect.height >= 2 {
            let msgRow = Rect(x: rect.x, y: rect.y + 1, width: rect.width, height: 1)
            buffer.fill(msgRow)
            if let validationMessage, !validationMessage.isEmpty {
                buffer.put(
                    theme.glyphs.warning + " " + validationMessage,
                    in: msgRow,
                    style: theme.error,
                    ellipsis: theme.glyphs.ellipsis
                )
            }
        }
    }
}
