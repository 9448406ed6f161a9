import Testing

@testable import TerminalUI

@Suite struct ScreenBufferTests {
    @Test func wideCharacterClippedAtRightEdge() {
        var b = ScreenBuffer(width: 5, height: 1)
        let written = b.put("ab漢字", at: Point(x: 0, y: 0))
        #expect(b.plainText == "ab漢")
        #expect(written == 5)
        #expect(b[3, 0].isContinuation)
        #expect(b[4, 0].character == " ")
    }

    @Test func wideCharacterClippedByMaxWidth() {
        var b = ScreenBuffer(width: 10, height: 1)
        b.put("漢字漢字", at: Point(x: 1, y: 0), maxWidth: 3)
        b.put("|", at: Point(x: 4, y: 0))
        #expect(b.plainText == " 漢 |")
    }

    @Test func overwritingHalfAWideCharacterBlanksTheOtherHalf() {
        var b = ScreenBuffer(width: 6, height: 1)
        b.put("漢字", at: .zero)
        b.put("x", at: Point(x: 1, y: 0))
        #expect(b.plainText == " x字")
        b.put("y", at: Point(x: 2, y: 0))
        #expect(b.plainText == " xy")
    }

    @Test func combiningMarksStayWithTheirBase() {
        var b = ScreenBuffer(width: 4, height: 1)
        b.put("e\u{301}x", at: .zero)
        #expect(b.plainText == "e\u{301}x")
        #expect(b[1, 0].character == "x")
    }

    @Test func boxWithTitleUnicodeAndASCII() {
        var b = ScreenBuffer(width: 12, height: 3)
        b.box(b.bounds, title: "Orders", glyphs: .unicode)
        #expect(
            b.plainText == """
                ┌ Orders ──┐
                │          │
                └──────────┘
                """
        )
        var a = ScreenBuffer(width: 10, height: 3)
        let inner = a.box(a.bounds, title: "A long title", glyphs: .ascii)
        #expect(inner == Rect(x: 1, y: 1, width: 8, height: 1))
        #expect(
            a.plainText == """
                + A lon~ +
                |        |
                +--------+
                """
        )
    }

    @Test func annotatedTextMarksStyles() {
        var b = ScreenBuffer(width: 8, height: 1)
        b.put("ok", at: .zero, style: .fg(.green))
        b.put("sel", at: Point(x: 3, y: 0), style: .reverse)
        #expect(b.annotatedText == "gg.RRR")
    }

    @Test func rectHelpers() {
        let r = Rect(x: 0, y: 0, width: 80, height: 24)
        let (header, rest) = r.splitTop(1)
        let (body, footer) = rest.splitBottom(1)
        #expect(header.height == 1 && body == Rect(x: 0, y: 1, width: 80, height: 22) && footer.y == 23)
        #expect(r.columns(weights: [1, 2], gap: 1).map(\.width) == [27, 52])
        #expect(r.centered(width: 10, height: 4) == Rect(x: 35, y: 10, width: 10, height: 4))
        #expect(r.inset(by: 1) == Rect(x: 1, y: 1, width: 78, height: 22))
    }
}

@Suite struct KeyMapTests {
    enum A: Equatable, Sendable { case quit, retry, skip, filter, help, up, open, refresh, export, details }

    static let map = KeyMap<A>(
        title: "Queues",
        bindings: [
            KeyBinding(.char("r"), label: "Retry", help: "Retry the selected orders now", action: .retry),
            KeyBinding(.char("s"), label: "Skip", action: .skip),
            KeyBinding(.char("/"), label: "Filter", action: .filter),
            KeyBinding(.enter, label: "Open", action: .open),
            KeyBinding(.char("R"), label: "Refresh", action: .refresh),
            KeyBinding(.char("e"), label: "Export", action: .export),
            KeyBinding(.char("d"), label: "Details", action: .details),
            KeyBinding([.up, .char("k")], label: "Up", action: .up, showInFooter: false),
            KeyBinding([.char("q"), .ctrl("c")], label: "Quit", action: .quit),
            KeyBinding([.char("?"), .function(1)], label: "Help", action: .help),
        ]
    )

    @Test func lookup() {
        #expect(Self.map.action(for: .char("r")) == .retry)
        #expect(Self.map.action(for: .char("k")) == .up)
        #expect(Self.map.action(for: .ctrl("C")) == .quit)
        #expect(Self.map.action(for: .function(1)) == .help)
        #expect(Self.map.action(for: .char("z")) == nil)
    }

    @Test func aFamilyOfKeysHasOneEntryAndEachKeyItsAction() {
        enum Tab: Equatable, Sendable { case first, second, third }
        let map = KeyMap<Tab>(
            title: "Tabs",
            bindings: [
                KeyBinding(
                    [(key: .char("1"), action: .first), (key: .char("2"), action: .second), (key: .char("3"), action: .third)],
                    label: "Tab",
                    keyName: "1-3"
                )
            ]
        )
        #expect(map.action(for: .char("1")) == .first && map.action(for: .char("3")) == .third && map.action(for: .char("4")) == nil)
        #expect(map.footerItems(width: 80).map(\.text) == ["1-3 Tab"])
        #expect(HelpSection(keyMap: map).rows == [HelpRow("1-3", "Tab")])
    }

    func footer(_ width: Int, ascii: Bool = false) -> String {
        var b = ScreenBuffer(width: width, height: 1)
        Footer(keyMap: Self.map).draw(into: &b, in: b.bounds, theme: Theme(glyphs: ascii ? .ascii : .unicode))
        return b.plainText
    }

    @Test func footerAt120ShowsEverything() {
        #expect(footer(120) == "r Retry  s Skip  / Filter  Enter Open  R Refresh  e Export  d Details  q/^C Quit  ?/F1 Help")
    }

    @Test func footerAt80And60TruncatesAndKeepsHelp() {
        #expect(footer(80) == "r Retry  s Skip  / Filter  Enter Open  R Refresh  e Export  …  ?/F1 Help")
        #expect(footer(60) == "r Retry  s Skip  / Filter  Enter Open  …  ?/F1 Help")
        #expect(footer(60, ascii: true) == "r Retry  s Skip  / Filter  Enter Open  ~  ?/F1 Help")
        for w in [10, 20, 40, 60, 80, 120] { #expect(DisplayWidth.of(footer(w)) <= w) }
    }

    @Test func keyNames() {
        #expect(Key.up.display == "↑")
        #expect(Key.up.display(ascii: true) == "Up")
        #expect(Key.ctrl("c").display == "^C")
        #expect(Key.escape.display == "Esc")
        #expect(Key.char(" ").display == "Space")
    }
}
