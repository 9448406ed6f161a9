/// A rectangle of cells. `maxX`/`maxY` are exclusive.
public struct Rect: Hashable, Sendable, CustomStringConvertible {
    public var x: Int
    public var y: Int
    public var width: Int
    public var height: Int

    public init(x: Int, y: Int, width: Int, height: Int) {
        self.x = x
        self.y = y
        self.width = max(0, width)
        self.height = max(0, height)
    }

    public init(origin: Point = .zero, size: Size) {
        self.init(x: origin.x, y: origin.y, width: size.width, height: size.height)
    }

    public var origin: Point { Point(x: x, y: y) }
    public var size: Size { Size(width: width, height: height) }
    public var maxX: Int { x + width }
    public var maxY: Int { y + height }
    public var isEmpty: Bool { width <= 0 || height <= 0 }
    public var description: String { "(\(x),\(y) \(width)x\(height))" }

    public func contains(_ p: Point) -> Bool { p.x >= x && p.x < maxX && p.y >= y && p.y < maxY }

    /// The overlap of two rectangles (empty when they do not overlap).
    public func intersection(_ other: Rect) -> Rect {
        let nx = max(x, other.x)
        let ny = max(y, other.y)
        return Rect(x: nx, y: ny, width: min(maxX, other.maxX) - nx, height: min(maxY, other.maxY) - ny)
    }

    /// Shrinks by `amount` cells on every side.
    public func inset(by amount: Int) -> Rect { inset(top: amount, left: amount, bottom: amount, right: amount) }

    /// Shrinks by the given number of cells on each side (never below zero size).
    public func inset(top: Int = 0, left: Int = 0, bottom: Int = 0, right: Int = 0) -> Rect {
        Rect(x: x + left, y: y + top, width: width - left - right, height: height - top - bottom)
    }

    /// Splits off the first `rows` rows (clamped): `(top, rest)`.
    public func splitTop(_ rows: Int) -> (top: Rect, rest: Rect) {
        let h = min(max(0, rows), height)
        return (Rect(x: x, y: y, width: width, height: h), Rect(x: x, y: y + h, width: width, height: height - h))
    }

    /// Splits off the last `rows` rows (clamped): `(rest, bottom)`.
    public func splitBottom(_ rows: Int) -> (rest: Rect, bottom: Rect) {
        let h = min(max(0, rows), height)
        return (
            Rect(x: x, y: y, width: width, height: height - h),
            Rect(x: x, y: maxY - h, width: width, height: h)
        )
    }

    /// Splits off the first `columns` columns (clamped): `(left, rest)`.
    public func splitLeft(_ columns: Int) -> (left: Rect, rest: Rect) {
        let w = min(max(0, columns), width)
        return (Rect(x: x, y: y, width: w, height: height), Rect(x: x + w, y: y, width: width - w, height: height))
    }

    /// Splits off the last `columns` columns (clamped): `(rest, right)`.
    public func splitRight(_ columns: Int) -> (rest: Rect, right: Rect) {
        let w = min(max(0, columns), width)
        return (
            Rect(x: x, y: y, width: width - w, height: height),
            Rect(x: maxX - w, y: y, width: w, height: height)
        )
    }

    /// Divides the width into columns proportional to `weights`, with `gap` cells between them.
    /// Rounding leftovers go to the first columns.
    public func columns(weights: [Int], gap: Int = 0) -> [Rect] {
        Rect.distribute(total: width - gap * max(0, weights.count - 1), weights: weights).reduce(
            into: (rects: [Rect](), cursor: x)
        ) { acc, w in
            acc.rects.append(Rect(x: acc.cursor, y: y, width: w, height: height))
            acc.cursor += w + gap
        }.rects
    }

    /// Divides the height into rows proportional to `weights`, with `gap` rows between them.
    public func rows(weights: [Int], gap: Int = 0) -> [Rect] {
        Rect.distribute(total: height - gap * max(0, weights.count - 1), weights: weights).reduce(
            into: (rects: [Rect](), cursor: y)
        ) { acc, h in
            acc.rects.append(Rect(x: x, y: acc.cursor, width: width, height: h))
            acc.cursor += h + gap
        }.rects
    }

    /// A `width`×`height` rectangle centred in this one (clamped to it).
    public func centered(width w: Int, height h: Int) -> Rect {
        let cw = min(max(0, w), width)
        let ch = min(max(0, h), height)
        return Rect(x: x + (width - cw) / 2, y: y + (height - ch) / 2, width: cw, height: ch)
    }

    static func distribute(total: Int, weights: [Int]) -> [Int] {
        let total = max(0, total)
        let sum = weights.reduce(0) { $0 + max(0, $1) }
        guard sum > 0 else { return weights.map { _ in 0 } }
        var parts = weights.map { total * max(0, $0) / sum }
        var leftover = total - parts.reduce(0, +)
        var i = 0
        while leftover > 0 && !parts.isEmpty {
            if weights[i % parts.count] > 0 {
                parts[i % parts.count] += 1
                leftover -= 1
            }
            i += 1
        }
        return parts
    }
}
