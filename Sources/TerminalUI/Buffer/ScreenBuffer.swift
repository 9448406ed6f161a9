/// A grid of styled cells that a frame is drawn into; the terminal backend copies it to the screen.
///
/// Pure value type: widgets and screens draw into it, tests compare ``plainText`` (and ``annotatedText``).
/// It does not sanitise text: pass strings from outside through ``TextSanitizer/clean(_:)`` first.
/// Characters of width 0 (lone combining marks, control characters) are never stored.
public struct ScreenBuffer: Hashable, Sendable {
    public private(set) var size: Size
    public internal(set) var cells: [Cell]

    /// A blank buffer of `size`.
    public init(size: Size, fill: Cell = .blank) {
        self.size = size
        self.cells = Array(repeating: fill, count: size.width * size.height)
    }

    public init(width: Int, height: Int) { self.init(size: Size(width: width, height: height)) }

    public var width: Int { size.width }
    public var height: Int { size.height }
    /// The whole buffer as a rectangle.
    public var bounds: Rect { Rect(size: size) }

    /// The cell at (x, y); a blank cell outside the buffer.
    public subscript(x: Int, y: Int) -> Cell {
        guard x >= 0, y >= 0, x < width, y < height else { return .blank }
        return cells[y * width + x]
    }

    /// Sets one cell, keeping wide characters consistent: overwriting either half of a wide character blanks
    /// the other half. A wide `cell` also writes its continuation cell (it must fit).
    public mutating func set(_ cell: Cell, at p: Point) {
        guard p.x >= 0, p.y >= 0, p.x < width, p.y < height else { return }
        let wide = DisplayWidth.of(cell.character) == 2 && !cell.isContinuation
        if wide && p.x + 1 >= width { return }
        clearWideNeighbours(x: p.x, y: p.y)
        if wide { clearWideNeighbours(x: p.x + 1, y: p.y) }
        cells[p.y * width + p.x] = cell
        if wide { cells[p.y * width + p.x + 1] = .continuation(cell.style) }
    }

    private mutating func clearWideNeighbours(x: Int, y: Int) {
        let i = y * width + x
        if cells[i].isContinuation, x > 0 {
            cells[i - 1] = Cell(" ", style: cells[i - 1].style)
            cells[i] = Cell(" ", style: cells[i].style)
        } else if x + 1 < width, cells[i + 1].isContinuation {
            cells[i + 1] = Cell(" ", style: cells[i + 1].style)
        }
    }

    /// Writes `text` on one row from `at`, clipped to `maxWidth` cells and to the buffer.
    ///
    /// A wide character that would straddle the clip edge is replaced by a space in the last cell.
    /// - Parameters:
    ///   - text: text to draw (sanitised beforehand when it comes from outside).
    ///   - at: the first cell.
    ///   - style: the style of every written cell.
    ///   - maxWidth: the most cells to use; `nil` for the rest of the row.
    /// - Returns: the number of cells written.
    @discardableResult
    public mutating func put(_ text: String, at: Point, style: Style = .plain, maxWidth: Int? = nil) -> Int {
        guard at.y >= 0, at.y < height else { return 0 }
        let limit = min(width, at.x + (maxWidth ?? width))
        var x = at.x
        for c in text {
            if x >= limit { break }
            let w = DisplayWidth.of(c)
            if w == 0 { continue }
            if x + w > limit {
                if x >= 0 { set(Cell(" ", style: style), at: Point(x: x, y: at.y)) }
                x += 1
                break
            }
            if x >= 0 {
                set(Cell(c, style: style), at: Point(x: x, y: at.y))
            } else if x + w > 0 {  // the left half is off-screen
                set(Cell(" ", style: style), at: Point(x: 0, y: at.y))
            }
            x += w
        }
        return max(0, min(x, limit) - max(at.x, 0))
    }

    /// Writes `text` clipped to `rect`'s first row, truncated with `ellipsis` when it does not fit.
    @discardableResult
    public mutating func put(
        _ text: String,
        in rect: Rect,
        style: Style = .plain,
        alignment: Alignment = .left,
        ellipsis: String = "…"
    ) -> Int {
        guard !rect.isEmpty else { return 0 }
        let line = DisplayWidth.truncate(text, to: rect.width, ellipsis: ellipsis)
        let w = DisplayWidth.of(line)
        let dx: Int
        switch alignment {
        case .left: dx = 0
        case .right: dx = rect.width - w
        case .center: dx = (rect.width - w) / 2
        }
        return put(line, at: Point(x: rect.x + dx, y: rect.y), style: style, maxWidth: rect.width - dx)
    }

    /// Fills `rect` (clipped to the buffer) with `character` in `style`.
    public mutating func fill(_ rect: Rect, with character: Character = " ", style: Style = .plain) {
        let r = rect.intersection(bounds)
        guard !r.isEmpty else { return }
        let w = max(1, DisplayWidth.of(character))
        for y in r.y..<r.maxY {
            var x = r.x
            while x + w <= r.maxX {
                set(Cell(character, style: style), at: Point(x: x, y: y))
                x += w
            }
            if x < r.maxX { set(Cell(" ", style: style), at: Point(x: x, y: y)) }
        }
    }

    /// Changes the style of every cell in `rect`, keeping the characters (e.g. to highlight a row).
    public mutating func restyle(_ rect: Rect, _ transform: (Style) -> Style) {
        let r = rect.intersection(bounds)
        guard !r.isEmpty else { return }
        for y in r.y..<r.maxY {
            for x in r.x..<r.maxX { cells[y * width + x].style = transform(cells[y * width + x].style) }
        }
    }

    /// A horizontal line of `length` cells.
    public mutating func horizontalLine(at p: Point, length: Int, glyphs: GlyphSet, style: Style = .plain) {
        guard length > 0 else { return }
        put(String(repeating: glyphs.horizontal, count: length), at: p, style: style, maxWidth: length)
    }

    /// A vertical line of `length` cells.
    public mutating func verticalLine(at p: Point, length: Int, glyphs: GlyphSet, style: Style = .plain) {
        guard length > 0 else { return }
        for dy in 0..<length { put(glyphs.vertical, at: Point(x: p.x, y: p.y + dy), style: style, maxWidth: 1) }
    }

    /// Draws a frame around `rect` with an optional title in the top edge, and returns the inner rectangle.
    /// - Parameters:
    ///   - rect: the outer rectangle (at least 2×2 to draw anything).
    ///   - title: shown as `┌ Title ─┐`, truncated to fit.
    ///   - glyphs: box-drawing glyphs.
    ///   - style: the frame's style.
    ///   - titleStyle: the title's style (the frame's when `nil`).
    /// - Returns: `rect` inset by one cell.
    @discardableResult
    public mutating func box(
        _ rect: Rect,
        title: String? = nil,
        glyphs: GlyphSet,
        style: Style = .plain,
        titleStyle: Style? = nil
    ) -> Rect {
        guard rect.width >= 2, rect.height >= 2 else { return rect.inset(by: 1) }
        let inner = rect.width - 2
        let bar = String(repeating: glyphs.horizontal, count: inner)
        put(glyphs.topLeft + bar + glyphs.topRight, at: rect.origin, style: style, maxWidth: rect.width)
        put(
            glyphs.bottomLeft + bar + glyphs.bottomRight,
            at: Point(x: rect.x, y: rect.maxY - 1),
            style: style,
            maxWidth: rect.width
        )
        for y in (rect.y + 1)..<(rect.maxY - 1) {
            put(glyphs.vertical, at: Point(x: rect.x, y: y), style: style, maxWidth: 1)
            put(glyphs.vertical, at: Point(x: rect.maxX - 1, y: y), style: style, maxWidth: 1)
        }
        if let title, !title.isEmpty, inner >= 3 {
            let text = DisplayWidth.truncate(title, to: inner - 2, ellipsis: glyphs.ellipsis)
            put(" " + text + " ", at: Point(x: rect.x + 1, y: rect.y), style: titleStyle ?? style, maxWidth: inner)
        }
        return rect.inset(by: 1)
    }

    /// Copies `other` into this buffer with its top-left corner at `at` (clipped).
    public mutating func blit(_ other: ScreenBuffer, at: Point) {
        for y in 0..<other.height {
            for x in 0..<other.width {
                let c = other[x, y]
                if c.isContinuation { continue }
                set(c, at: Point(x: at.x + x, y: at.y + y))
            }
        }
    }

    /// The characters of row `y` (continuation cells skipped), trailing spaces kept.
    public func line(_ y: Int) -> String {
        guard y >= 0, y < height else { return "" }
        var s = ""
        for x in 0..<width {
            let c = cells[y * width + x]
            if !c.isContinuation { s.append(c.character) }
        }
        return s
    }

    /// All rows joined by `\n`, trailing spaces trimmed from each row: the golden-snapshot form.
    public var plainText: String {
        (0..<height).map { trimTrailing(line($0)) }.joined(separator: "\n")
    }

    /// A style layer for snapshots: one line of codes per row, aligned with the cells (wide characters take
    /// two codes). `.` is plain; otherwise `B` bold, `D` dim, `R` reverse, `U` underline, and for colour-only
    /// cells the foreground's letter (`r` red, `g` green, `y` yellow, `b` blue, `m` magenta, `c` cyan,
    /// `w` white, `k` black). When several apply, the first in the order R, B, U, D, colour is shown.
    /// Trailing `.` are trimmed.
    public var annotatedText: String {
        (0..<height).map { y in
            var s = ""
            for x in 0..<width { s.append(Self.code(for: cells[y * width + x].style)) }
            while s.last == "." { s.removeLast() }
            return s
        }.joined(separator: "\n")
    }

    static func code(for style: Style) -> Character {
        if style.reverse { return "R" }
        if style.bold { return "B" }
        if style.underline { return "U" }
        if style.dim { return "D" }
        if style.foreground != .default { return style.foreground.code }
        if style.background != .default { return Character(style.background.code.uppercased()) }
        return "."
    }

    private func trimTrailing(_ s: String) -> String {
        var s = Substring(s)
        while s.last == " " { s = s.dropLast() }
        return String(s)
    }
}
