import Testing

@testable import TerminalUI

/// Draws into a fresh buffer and returns it.
func render(_ width: Int, _ height: Int, _ draw: (inout ScreenBuffer) -> Void) -> ScreenBuffer {
    var b = ScreenBuffer(width: width, height: height)
    draw(&b)
    return b
}

@Suite struct TableTests {
    static let columns = [
        TableColumn("Order", width: .fixed(8)), TableColumn("Customer"),
        TableColumn("Qty", width: .fixed(3), alignment: .right),
    ]
    static let rows = (1...10).map { ["SO-\($0)", $0 == 2 ? "漢字 Trading Company" : "Customer \($0)", "\($0)"] }

    @Test func scrollsToKeepSelectionVisibleWithMarks() {
        let b = render(30, 5) {
            Table(columns: Self.columns, rows: Self.rows, selection: 6, marked: [5, 6], multiSelect: true)
                .draw(into: &$0, in: $0.bounds, theme: .standard)
        }
        #expect(
            b.plainText == """
                  Order    Customer       Qty
                  SO-4     Customer 4       4↑
                  SO-5     Customer 5       5
                 ✓SO-6     Customer 6       6
                ▶✓SO-7     Customer 7       7↓
                """
        )
        #expect(b.annotatedText.split(separator: "\n", omittingEmptySubsequences: false)[4].hasPrefix("RRRRRRRRRRRRRRRRRRRR"))
    }

    @Test func wideCharactersAreTruncatedInColumns() {
        let b = render(30, 3) {
            Table(columns: Self.columns, rows: Self.rows, selection: 0).draw(into: &$0, in: $0.bounds, theme: .plainASCII)
        }
        #expect(
            b.plainText == """
                 Order    Customer        Qty
                >SO-1     Customer 1        1
                 SO-2     漢字 Trading C~   2v
                """
        )
    }

    @Test func scrollOffsetRules() {
        #expect(Table.scrollOffset(selection: 0, current: 5, visibleRows: 4, rowCount: 10) == 0)
        #expect(Table.scrollOffset(selection: 9, current: 0, visibleRows: 4, rowCount: 10) == 6)
        #expect(Table.scrollOffset(selection: 5, current: 3, visibleRows: 4, rowCount: 10) == 3)
        #expect(Table.scrollOffset(selection: nil, current: 50, visibleRows: 4, rowCount: 10) == 6)
        for sel in 0..<10 {
            var offset = 0
            offset = Table.scrollOffset(selection: sel, current: offset, visibleRows: 3, rowCount: 10)
            #expect((offset..<offset + 3).contains(sel))
        }
    }

    @Test func emptyState() {
        let b = render(30, 4) {
            Table(columns: Self.columns, rows: [], emptyMessage: "No orders").draw(into: &$0, in: $0.bounds, theme: .plainASCII)
        }
        #expect(
            b.plainText == """
                 Order    Customer         Qty

                          No orders

                """
        )
    }
}

@Suite struct WidgetSnapshotTests {
    let tabs = Tabs([.init("Pending", count: 3), .init("In warehouse", count: 12), .init("Needs attention", count: 2)], active: 1)

    @Test func tabsMarkTheActiveTabWithoutColour() {
        let got1 = render(60, 1) { tabs.draw(into: &$0, in: $0.bounds, theme: .standard) }.plainText

        #expect(
            got1
                == " Pending 3  │ [In warehouse 12] │  Needs attention 2"
        )
        var narrow = tabs
        narrow.active = 0
        let got2 = render(30, 1) { narrow.draw(into: &$0, in: $0.bounds, theme: .plainASCII) }.plainText

        #expect(got2 == "[Pending 3] ~")
    }

    @Test func gaugeUnicodeAndASCII() {
        let g = Gauge(label: "Sync", fraction: 0.55, text: "55%")
        let got3 = render(30, 1) { g.draw(into: &$0, in: $0.bounds, theme: .standard) }.plainText

        #expect(
            got3
                == "Sync ███████████▌░░░░░░░░░ 55%"
        )
        let got4 = render(30, 1) { g.draw(into: &$0, in: $0.bounds, theme: .plainASCII) }.plainText

        #expect(
            got4
                == "Sync [##########---------] 55%"
        )
    }

    @Test func progressBarWithETA() {
        let p = ProgressBar(label: "Push", completed: 12, total: 30, elapsed: .seconds(24))
        let got5 = render(50, 1) { p.draw(into: &$0, in: $0.bounds, theme: .plainASCII) }.plainText

        #expect(
            got5
                == "Push [##########---------------] 12/30 40% ETA 36s"
        )
        #expect(ProgressBar(completed: 30, total: 30).statusText == "30/30 100% done")
        #expect(ProgressBar.eta(completed: 0, total: 10, elapsed: .seconds(5)) == nil)
    }

    @Test func checkboxAndRadio() {
        let b = render(30, 2) {
            Checkbox("Send reference", isOn: true).draw(into: &$0, in: Rect(x: 0, y: 0, width: 30, height: 1), theme: .standard, focused: true)
            Checkbox("Contact as company", isOn: false).draw(
                into: &$0,
                in: Rect(x: 0, y: 1, width: 30, height: 1),
                theme: .plainASCII,
                focused: false
            )
        }
        #expect(b.plainText == "▶ [x] Send reference\n  [ ] Contact as company")
        var radio = RadioGroup(["Company", "Contact", "Both"], selected: 0)
        do {
            let handled = radio.handle(key: .down)
            #expect(handled)
        }
        let got6 = render(20, 3) { radio.draw(into: &$0, in: $0.bounds, theme: .plainASCII, focused: true) }.plainText

        #expect(
            got6
                == "  (*) Company\n> ( ) Contact\n  ( ) Both"
        )
        do {
            let handled = radio.handle(key: .char(" "))
            #expect(handled && radio.selected == 1)
        }
        var box = Checkbox("x", isOn: false)
        do {
            let handled = box.handle(key: .char(" "))
            #expect(handled && box.isOn)
        }
        do {
            let handled = box.handle(key: .enter)
            #expect(!handled)
        }
    }

    @Test func helpViewFromKeyMapsAndLegend() {
        let help = HelpView(sections: [
            HelpSection(keyMap: KeyMapTests.map),
            HelpSection(title: "Status", rows: [HelpRow("✓", "synced"), HelpRow("!", "retrying, will try again later")]),
        ])
        let top = render(44, 12) { help.draw(into: &$0, in: $0.bounds, theme: .standard) }
        #expect(
            top.plainText == """
                ┌ Help ────────────────────────────────────┐
                │ Queues                                   │
                │ r      Retry the selected orders now     │
                │ s      Skip                              │
                │ /      Filter                            │
                │ Enter  Open                              │
                │ R      Refresh                           │
                │ e      Export                            │
                │ d      Details                           │
                │ ↑/k    Up                                │
                │ q/^C   Quit                              │
                └─────────────────────────────────────────↓┘
                """
        )
        var scrolled = help
        scrolled.scroll = help.maxScroll(for: Rect(x: 0, y: 0, width: 44, height: 12))
        let bottom = render(44, 12) { scrolled.draw(into: &$0, in: $0.bounds, theme: .standard) }
        #expect(bottom.plainText.contains("│ Status"))
        #expect(bottom.plainText.contains("│ !      retrying, will try again later    │"))
    }

    @Test func confirmDialogIsCentred() {
        let b = render(50, 9) {
            ConfirmDialog(
                title: "Cancel orders",
                message: "Cancel 3 orders in CartonCloud? This cannot be undone.",
                isDestructive: true
            ).draw(into: &$0, in: $0.bounds, theme: .standard)
        }
        #expect(
            b.plainText == """

                ┌ Cancel orders ─────────────────────────────────┐
                │ Cancel 3 orders in CartonCloud? This cannot be │
                │ undone.                                        │
                │                                                │
                │ y Yes   n/Esc No                               │
                └────────────────────────────────────────────────┘


                """
        )
    }

    @Test func paragraphWrapsAndScrolls() {
        let p = Paragraph("Leave at the back door, beside the blue bin please", scroll: 1)
        let got7 = render(16, 3) { p.draw(into: &$0, in: $0.bounds, theme: .plainASCII) }.plainText

        #expect(
            got7
                == "back door,     ^\nbeside the blue\nbin please"
        )
        #expect(p.maxScroll(in: Rect(x: 0, y: 0, width: 16, height: 3)) == 1)
    }

    @Test func statusBarAndTooSmall() {
        let s = StatusBar(left: [.init("Cin7Bridge"), .init("acme-au")], right: [.init("✓ synced 12s ago"), .init("14:02")])
        let b = render(50, 1) { s.draw(into: &$0, in: $0.bounds, theme: .standard) }
        #expect(b.plainText == " Cin7Bridge │ acme-au    ✓ synced 12s ago │ 14:02")
        #expect(b.annotatedText == String(repeating: "R", count: 50))
        let small = TooSmallView(actual: Size(width: 30, height: 5))
        #expect(small.isNeeded)
        #expect(small.message == "Terminal too small: need at least 60x20, have 30x5")
        #expect(small.render().plainText == "\n Terminal too small: need at\n    least 60x20, have 30x5\n\n")
        #expect(!TooSmallView(actual: Size(width: 80, height: 24)).isNeeded)
    }
}

@Suite struct TextFieldTests {
    @Test func editing() {
        var t = TextField(text: "helo")
        do {
            let handled = t.handle(key: .left)
            #expect(handled)
        }
        do {
            let handled = t.handle(key: .char("l"))
            #expect(handled)
        }
        #expect(t.text == "hello" && t.cursor == 4)
        do {
            let handled = t.handle(key: .home)
            #expect(handled)
        }
        do {
            let handled = t.handle(key: .delete)
            #expect(handled)
        }
        #expect(t.text == "ello")
        do {
            let handled = t.handle(key: .end)
            #expect(handled)
        }
        do {
            let handled = t.handle(key: .backspace)
            #expect(handled)
        }
        #expect(t.text == "ell")
        do {
            let handled = t.handle(key: .ctrl("u"))
            #expect(handled)
        }
        #expect(t.text == "" && t.cursor == 0)
        do {
            let handled = t.handle(key: .enter)
            #expect(!handled)
        }
        do {
            let handled = t.handle(key: .tab)
            #expect(!handled)
        }
        t.insert("a\u{1b}[2Jb\nc")
        #expect(t.text == "ab c")
        var limited = TextField(maxLength: 3)
        limited.insert("abcdef")
        #expect(limited.text == "abc")
    }

    @Test func maskedWithValidationMessage() {
        var t = TextField(text: "secret", isMasked: true)
        t.validationMessage = "Too short"
        let b = render(20, 2) { t.draw(into: &$0, in: $0.bounds, theme: .standard, focused: true) }
        #expect(b.plainText == "••••••\n! Too short")
        #expect(b.annotatedText.hasPrefix("UUUUUUR"))  // the cursor is a reverse cell after the text
        let a = render(20, 1) { t.draw(into: &$0, in: $0.bounds, theme: .plainASCII, focused: false) }
        #expect(a.plainText == "******")
        #expect(!b.plainText.contains("secret"))
    }

    @Test func placeholderAndHorizontalScroll() {
        let got8 = render(20, 1) { TextField(placeholder: "API key").draw(into: &$0, in: $0.bounds, theme: .standard, focused: false) }.plainText

        #expect(got8 == "API key")
        var t = TextField(text: "abcdefghijkl")
        t.moveLeft()
        let b = render(8, 1) { t.draw(into: &$0, in: $0.bounds, theme: .standard, focused: true) }
        #expect(b.plainText == "efghijkl")
        #expect(b.annotatedText == "UUUUUUUR")
    }
}

@Suite struct RunAppTests {
    @Test @MainActor func backgroundWorkIsLookedForBetweenTicks() async {
        let term = VirtualTerminal(size: Size(width: 20, height: 2), capabilities: .init(unicode: false, colorEnabled: false))
        var due = 3
        let final = await runApp(
            terminal: term,
            initial: Model(),
            tick: .seconds(60),
            backgroundWork: { due > 0 },
            update: { state, event in
                switch event {
                case .background:
                    state.background += 1
                    due -= 1
                    if due == 0 { term.enqueue(signal: .hangup) }
                case .signal(let s):
                    state.stopped = s
                    return .quit
                case .key, .tick: state.ticks += 1
                }
                return .continue
            },
            render: { _, size, _ in ScreenBuffer(size: size) }
        )
        #expect(final.background == 3 && final.ticks == 0 && final.stopped == .hangup)
    }

    struct Model {
        var count = 0
        var ticks = 0
        var background = 0
        var stopped: TerminalSignal?
    }

    @Test @MainActor func loopWithVirtualTerminal() async {
        let term = VirtualTerminal(size: Size(width: 20, height: 2), capabilities: .init(unicode: false, colorEnabled: false))
        term.enqueue(.char("+"), .char("+"))
        term.enqueueTick()
        term.resize(to: Size(width: 12, height: 2))
        term.enqueue(signal: .hangup)
        let final = await runApp(
            terminal: term,
            initial: Model(),
            update: { state, event in
                switch event {
                case .key(.char("+")): state.count += 1
                case .key: break
                case .tick: state.ticks += 1
                case .signal(let s):
                    state.stopped = s
                    return .quit
                case .background: state.background += 1
                }
                return .continue
            },
            render: { state, size, caps in
                var b = ScreenBuffer(size: size)
                b.put("count \(state.count) \(caps.glyphs.check)", at: .zero)
                return b
            }
        )
        #expect(final.count == 2 && final.ticks == 1 && final.background == 0 && final.stopped == .hangup)
        #expect(term.lastFrame?.plainText == "count 2 +\n")
        #expect(term.lastFrame?.size == Size(width: 12, height: 2))
        #expect(term.drawCount == 5)
    }
}
