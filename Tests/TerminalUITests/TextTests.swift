import Testing

@testable import TerminalUI

@Suite struct TextSanitizerTests {
    @Test(arguments: [
        ("Acme\u{1b}[2JLtd", "AcmeLtd"),
        ("name\u{1b}]52;c;ZWNobyBoaQ==\u{7}end", "nameend"),
        ("a\u{1b}]8;;http://x\u{1b}\\link\u{1b}]8;;\u{1b}\\b", "alinkb"),
        ("x\u{9b}31my", "xy"),
        ("x\u{9d}0;title\u{9c}y", "xy"),
        ("a\u{1b}P1$qm\u{1b}\\b", "ab"),
        ("a\u{1b}cb", "ab"),
        ("a\u{1b}(Bb", "ab"),
        ("evil\u{202e}gpj.exe", "evilgpj.exe"),
        ("\u{2066}isolated\u{2069}", "isolated"),
        ("nul\u{0}byte\u{7f}", "nulbyte"),
        ("line1\nline2\tx\r\ny", "line1 line2 x y"),
        ("zero\u{200b}width\u{feff}", "zerowidth"),
        ("bell\u{7}", "bell"),
        ("trailing\u{1b}", "trailing"),
        ("unterminated\u{1b}]52;c;AAAA", "unterminated"),
    ])
    func removesControls(input: String, expected: String) {
        #expect(TextSanitizer.clean(input) == expected)
    }

    @Test func keepsPrintableUnicode() {
        for s in ["e\u{301}", "漢字", "Zoë Müller", "👍", "👨\u{200d}👩\u{200d}👧", "שלום", "plain ASCII 123"] {
            #expect(TextSanitizer.clean(s) == s)
        }
    }

    @Test func dropsJoinerOutsideEmoji() {
        #expect(TextSanitizer.clean("a\u{200d}b") == "ab")
    }

    @Test func longHostileStringStaysClean() {
        let hostile = String(repeating: "A\u{1b}[31m\u{9b}2J\u{202e}\u{0}", count: 10_000)
        let clean = TextSanitizer.clean(hostile)
        #expect(clean == String(repeating: "A", count: 10_000))
        #expect(!clean.unicodeScalars.contains { $0.value < 0x20 || (0x7f...0x9f).contains($0.value) })
    }
}

@Suite struct DisplayWidthTests {
    @Test func widths() {
        #expect(DisplayWidth.of("abc") == 3)
        #expect(DisplayWidth.of("漢字") == 4)
        #expect(DisplayWidth.of("e\u{301}") == 1)
        #expect(DisplayWidth.of(Character("\u{301}")) == 0)
        #expect(DisplayWidth.of("👍") == 2)
        #expect(DisplayWidth.of("✓") == 1)
        #expect(DisplayWidth.of("\u{1b}") == 0)
    }

    @Test func truncation() {
        #expect(DisplayWidth.truncate("Hello world", to: 8) == "Hello w…")
        #expect(DisplayWidth.truncate("Hello world", to: 8, ellipsis: "~") == "Hello w~")
        #expect(DisplayWidth.truncate("Hello", to: 5) == "Hello")
        #expect(DisplayWidth.truncate("漢字漢字", to: 5) == "漢字…")
        #expect(DisplayWidth.truncate("漢字漢字", to: 4) == "漢…")
        #expect(DisplayWidth.truncate("abc", to: 0) == "")
        #expect(DisplayWidth.truncate("abcdef", to: 2, ellipsis: "...") == "ab")
    }

    @Test func padding() {
        #expect(DisplayWidth.pad("ab", to: 5) == "ab   ")
        #expect(DisplayWidth.pad("ab", to: 5, alignment: .right) == "   ab")
        #expect(DisplayWidth.pad("ab", to: 6, alignment: .center) == "  ab  ")
        #expect(DisplayWidth.pad("漢字", to: 5) == "漢字 ")
    }

    @Test func wrapping() {
        #expect(TextWrap.wrap("the quick brown fox", width: 10) == ["the quick", "brown fox"])
        #expect(TextWrap.wrap("abcdefghij", width: 4) == ["abcd", "efgh", "ij"])
        #expect(TextWrap.wrap("a\n\nb", width: 5) == ["a", "", "b"])
    }

    @Test func durations() {
        #expect(DurationFormat.short(seconds: 8) == "8s")
        #expect(DurationFormat.short(seconds: 65) == "1m05s")
        #expect(DurationFormat.short(seconds: 7380) == "2h03m")
    }
}
