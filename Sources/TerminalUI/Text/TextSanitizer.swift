/// Makes strings from outside (customer names, addresses, notes, SKUs) safe to draw on a terminal.
///
/// Removes everything that a terminal could interpret instead of displaying: C0 and C1 control characters,
/// `DEL`, complete escape sequences (CSI, OSC, DCS, SOS, PM and APC strings, and two-character `ESC x`),
/// bidirectional overrides, embeddings and isolates, and invisible zero-width characters. Tabs, newlines and
/// other line breaks become a single space each (`\r\n` counts as one).
public enum TextSanitizer {
    /// Returns `s` with control characters and escape sequences removed. See ``TextSanitizer``.
    /// - Parameter s: untrusted text.
    /// - Returns: text that contains only printable characters and plain spaces.
    public static func clean(_ s: String) -> String {
        // Fast path: printable ASCII only.
        if s.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) { return s }

        let scalars = Array(s.unicodeScalars)
        var out = String.UnicodeScalarView()
        var i = 0
        let n = scalars.count
        while i < n {
            let v = scalars[i].value
            switch v {
            case 0x1B:  // ESC
                i = skipEscape(scalars, from: i + 1)
                continue
            case 0x9B:  // C1 CSI
                i = skipCSI(scalars, from: i + 1)
                continue
            case 0x9D, 0x90, 0x98, 0x9E, 0x9F:  // C1 OSC, DCS, SOS, PM, APC
                i = skipString(scalars, from: i + 1)
                continue
            case 0x0D:  // CR, and CR LF as one break
                out.append(" ")
                i += (i + 1 < n && scalars[i + 1].value == 0x0A) ? 2 : 1
                continue
            case 0x09, 0x0A, 0x0B, 0x0C, 0x85, 0x2028, 0x2029:
                out.append(" ")
            case 0x00...0x1F, 0x7F, 0x80...0x9F:
                break  // other controls: dropped
            case 0x202A...0x202E, 0x2066...0x2069, 0x200E, 0x200F, 0x061C:
                break  // bidi embeddings, overrides, isolates and marks
            case 0x200B, 0x2060, 0xFEFF, 0xFFF9...0xFFFB, 0x180E, 0x2061...0x2064:
                break  // invisible zero-width characters and annotation controls
            case 0x200D:
                // A zero-width joiner is kept only inside an emoji sequence (family, profession emoji).
                if i > 0, i + 1 < n, isPictographic(scalars[i - 1]), isPictographic(scalars[i + 1]) {
                    out.append(scalars[i])
                }
            default:
                out.append(scalars[i])
            }
            i += 1
        }
        return String(out)
    }

    private static func isPictographic(_ s: Unicode.Scalar) -> Bool {
        s.value > 0x7F && (s.properties.isEmoji || s.properties.isEmojiPresentation)
    }

    /// Skips what follows an ESC; returns the index of the first scalar after the sequence.
    private static func skipEscape(_ s: [Unicode.Scalar], from start: Int) -> Int {
        guard start < s.count else { return start }
        switch s[start].value {
        case 0x5B: return skipCSI(s, from: start + 1)  // [
        case 0x5D, 0x50, 0x58, 0x5E, 0x5F: return skipString(s, from: start + 1)  // ] P X ^ _
        default:
            // ESC, intermediates (0x20-0x2F), then one final character (0x30-0x7E).
            var i = start
            while i < s.count, (0x20...0x2F).contains(s[i].value) { i += 1 }
            if i < s.count, (0x30...0x7E).contains(s[i].value) { i += 1 }
            return i
        }
    }

    /// Skips CSI parameters and intermediates up to and including the final byte (0x40-0x7E).
    private static func skipCSI(_ s: [Unicode.Scalar], from start: Int) -> Int {
        var i = start
        while i < s.count {
            let v = s[i].value
            i += 1
            if (0x40...0x7E).contains(v) { return i }
            if v < 0x20 && v != 0x1B { continue }  // controls inside CSI are executed by terminals; drop them too
            if v == 0x1B || v > 0x7E { return i - 1 }  // malformed: stop, let the main loop handle it
        }
        return i
    }

    /// Skips an OSC/DCS/SOS/PM/APC string up to and including its terminator (BEL, ST or ESC \).
    private static func skipString(_ s: [Unicode.Scalar], from start: Int) -> Int {
        var i = start
        while i < s.count {
            let v = s[i].value
            if v == 0x07 || v == 0x9C { return i + 1 }
            if v == 0x1B {
                return (i + 1 < s.count && s[i + 1].value == 0x5C) ? i + 2 : i + 1
            }
            i += 1
        }
        return i  // unterminated: everything to the end is part of the string
    }
}
