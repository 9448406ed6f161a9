import TerminalUI

/// Where the Integrations screen's parts go in its body: the counts line, the filter line (while filtering), the
/// list, what is wrong with the selected integration, and the demo's credentials. The reducer uses it too, so a
/// page key moves by the rows on screen.
struct HomeLayout {
    var counts: Rect
    var filter: Rect?
    var list: Rect
    var detail: Rect
    var demo: Rect
    let demoHeight: Int

    init(home: HomeState, demo: DemoInfo?, body: Rect) {
        demoHeight = demo.map { min($0.credentials.count + 2, max(0, body.height - 8)) } ?? 0
        let (top, demoRect) = body.splitBottom(demoHeight)
        self.demo = demoRect
        let (counts, rest) = top.splitTop(1)
        self.counts = counts
        var listArea = rest
        if home.filterField != nil || !home.filter.isEmpty {
            let (filterRow, remaining) = rest.splitTop(1)
            filter = filterRow
            listArea = remaining
        }
        let (list, detail) = listArea.splitBottom(min(5, max(0, listArea.height - 4)))
        self.list = list
        self.detail = detail
    }

    init(_ app: AppState, body: Rect) {
        self.init(home: app.home, demo: app.env.demo, body: body)
    }

    /// Rows of integrations the list shows (below its header).
    var listRows: Int { max(0, list.height - 1) }
}

/// The screen's body at a terminal size: below the header line, above the message and footer lines.
func bodyRect(_ size: Size) -> Rect {
    Rect(x: 0, y: 1, width: size.width, height: max(0, size.height - 3))
}
