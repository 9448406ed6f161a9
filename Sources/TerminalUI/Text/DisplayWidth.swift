#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Widths of text in terminal cells, truncation and padding.
///
/// Uses the C library's `wcwidth` in a UTF-8 locale (set per call on the current thread, so the process locale
/// does not matter). A grapheme's width is that of its first scalar with a non-zero width (so `e\u{301}` is 1,
/// `漢` is 2, and a lone combining mark is 0), capped at 2.
public enum DisplayWidth {
    /// Width of one scalar: 0 for combining marks and non-printables, 2 for wide East Asian and emoji.
    public static func of(_ scalar: Unicode.Scalar) -> Int {
        let v = scalar.value
        if v >= 0x20 && v < 0x7F { return 1 }
        if v < 0x20 || (v >= 0x7F && v < 0xA0) { return 0 }
        return UTF8Locale.withLocale { Int(max(0, c_wcwidth(Int32(bitPattern: v)))) }
    }

    /// Width of one grapheme cluster: that of its first scalar with a non-zero width, at most 2.
    public static func of(_ character: Character) -> Int {
        if let ascii = character.asciiValue { return (ascii >= 0x20 && ascii < 0x7F) ? 1 : 0 }
        for scalar in character.unicodeScalars {
            let w = of(scalar)
            if w > 0 { return min(w, 2) }
        }
        return 0
    }

    /// Width of a string: the sum of its graphemes' widths.
    public static func of(_ string: some StringProtocol) -> Int {
        var total = 0
        for c in string { total += of(c) }
        return total
    }

    /// Truncates `string` to at most `width` cells, ending with `ellipsis` when something was cut.
    /// - Parameters:
    ///   - string: the text (already sanitised when it comes from outside).
    ///   - width: the number of cells available.
    ///   - ellipsis: what marks the cut, `"…"` by default; see ``GlyphSet/ellipsis``.
    /// - Returns: the text itself when it fits, otherwise a prefix plus the ellipsis (or a bare prefix when even
    ///   the ellipsis does not fit).
    public static func truncate(_ string: String, to width: Int, ellipsis: String = "…") -> String {
        guard width > 0 else { return "" }
        if of(string) <= width { return string }
        let ellipsisWidth = of(ellipsis)
        let budget = ellipsisWidth <= width ? width - ellipsisWidth : width
        var result = ""
        var used = 0
        for c in string {
            let w = of(c)
            if used + w > budget { break }
            result.append(c)
            used += w
        }
        return ellipsisWidth <= width ? result + ellipsis : result
    }

    /// Truncates and pads `string` to exactly `width` cells.
    /// - Parameters:
    ///   - string: the text.
    ///   - width: the cell width of the result.
    ///   - alignment: where the text goes when it is shorter than `width`.
    ///   - ellipsis: what marks a cut.
    public static func pad(
        _ string: String,
        to width: Int,
        alignment: Alignment = .left,
        ellipsis: String = "…"
    ) -> String {
        guard width > 0 else { return "" }
        let text = truncate(string, to: width, ellipsis: ellipsis)
        let gap = max(0, width - of(text))
        switch alignment {
        case .left: return text + String(repeating: " ", count: gap)
        case .right: return String(repeating: " ", count: gap) + text
        case .center:
            let left = gap / 2
            return String(repeating: " ", count: left) + text + String(repeating: " ", count: gap - left)
        }
    }
}

/// Horizontal alignment of text within a width.
public enum Alignment: Sendable, Hashable {
    case left, center, right
}

/// glibc declares `wcwidth` only under `_XOPEN_SOURCE`, which the Glibc module does not define; bind the
/// symbol directly (`int wcwidth(wchar_t)`: both are 32-bit integers, passed the same way in both conventions).
@_silgen_name("wcwidth")
private func c_wcwidth(_ wc: Int32) -> Int32

/// A UTF-8 `locale_t` used for `wcwidth`, independent of the process locale.
enum UTF8Locale {
    nonisolated(unsafe) private static let locale: locale_t? = {
        for name in ["C.UTF-8", "C.utf8", "en_US.UTF-8"] {
            if let l = newlocale(LC_CTYPE_MASK, name, nil) { return l }
        }
        return nil
    }()

    static func withLocale<T>(_ body: () -> T) -> T {
        guard let locale else { return body() }
        let previous = uselocale(locale)
        defer { uselocale(previous) }
        return body()
    }
}
