/// Word wrapping for paragraphs.
public enum TextWrap {
    /// Wraps `text` into lines of at most `width` cells.
    ///
    /// `\n` starts a new line (an empty line stays empty); words longer than `width` are broken. Runs of spaces
    /// between words collapse at line breaks.
    /// - Parameters:
    ///   - text: trusted text (sanitise outside strings first; their newlines are already spaces).
    ///   - width: the line width in cells.
    /// - Returns: the lines, none wider than `width`.
    public static func wrap(_ text: String, width: Int) -> [String] {
        guard width > 0 else { return [] }
        var lines: [String] = []
        for paragraph in text.split(separator: "\n", omittingEmptySubsequences: false) {
            var line = ""
            var lineWidth = 0
            let words = paragraph.split(separator: " ", omittingEmptySubsequences: true)
            if words.isEmpty {
                lines.append("")
                continue
            }
            for wordSub in words {
                var word = String(wordSub)
                var wordWidth = DisplayWidth.of(word)
                if lineWidth > 0 && lineWidth + 1 + wordWidth <= width {
                    line += " " + word
                    lineWidth += 1 + wordWidth
                    continue
                }
                if lineWidth > 0 {
                    lines.append(line)
                    line = ""
                    lineWidth = 0
                }
                while wordWidth > width {  // hard-break a long word
                    var head = ""
                    var headWidth = 0
                    var rest = Substring(word)
                    while let c = rest.first {
                        let w = DisplayWidth.of(c)
                        if headWidth + w > width { break }
                        head.append(c)
                        headWidth += w
                        rest = rest.dropFirst()
                    }
                    if head.isEmpty {  // a wide character in a 1-cell width: cannot fit, drop it
                        rest = rest.dropFirst()
                    } else {
                        lines.append(head)
                    }
                    word = String(rest)
                    wordWidth = DisplayWidth.of(word)
                }
                line = word
                lineWidth = wordWidth
            }
            if !line.isEmpty { lines.append(line) }
        }
        return lines
    }
}
