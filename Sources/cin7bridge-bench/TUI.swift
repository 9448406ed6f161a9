import Foundation
import SyncEngine
import TerminalUI

/// Figure 5: the cost of one dashboard frame at 200x60 over a large store, and the peak memory of a process doing
/// it. Runs in a worker process so its peak memory is the TUI's alone.
///
/// `BridgeUI` (the dashboard's `render(state, size)`) has not landed on `main` yet, so `tuiFigures` renders the
/// dashboard's data path with the `TerminalUI` widgets the dashboard is built from: the queue counts, the first page
/// of the selected queue, tabs, a table of the orders and a status bar, into a 200x60 `ScreenBuffer`. When
/// `BridgeUI` exposes its render, replace `renderFrame` with it.
enum TUIBench {
    static let size = Size(width: 200, height: 60)

    static func run(databasePath: String, orders: Int, iterations: Int) async throws {
        Report.note("tui: \(iterations) frames at \(size) in a worker process")
        let worker = try WorkerProcess(arguments: ["--worker", "tui", "--db", databasePath, "--orders", String(orders), "--iterations", String(iterations)])
        for await line in worker.lines { Report.forward(line) }
        worker.wait()
    }

    static func worker(databasePath: String, orders: Int, iterations: Int) throws {
        let store = try BridgeStore(path: databasePath)
        guard let integrationID = try store.integrations().first?.id else { throw BenchError("no integration in \(databasePath)") }
        try tuiFigures(store: store, integrationID: integrationID, orders: orders, iterations: iterations)
    }

    static func tuiFigures(store: BridgeStore, integrationID: Int64, orders: Int, iterations: Int) throws {
        var times: [Double] = []
        var renderOnly: [Double] = []
        var lastText = ""
        for index in 0..<iterations {
            let t = now()
            let queues = Queue.allCases
            let selected = index % 4 == 0 ? queues[(index / 4) % queues.count] : .completed  // mostly the largest queue
            let counts = try store.queueCounts(integrationID: integrationID)
            let tableHeight = size.height - 3
            let units = try store.units(integrationID: integrationID, queue: selected, offset: 0, limit: tableHeight - 1)
            let r = now()
            let buffer = renderFrame(counts: counts, selected: selected, units: units, selection: index % max(1, units.count))
            renderOnly.append((now() - r) * 1000)
            times.append((now() - t) * 1000)
            if index == 0 { lastText = buffer.line(1) }
        }
        _ = lastText
        let common: [(String, JSONValue)] = [
            ("orders", .int(orders)), ("size", .string("\(size.width)x\(size.height)")), ("frames", .int(iterations)),
            ("scope", "stand-in: store queries + TerminalUI Tabs/Table/StatusBar; BridgeUI dashboard render not merged yet"),
        ]
        Report.figure("tui.frame.p50", percentile(times, 50), "ms", common + [("target", .double(16)), ("renderOnlyP50", .double(percentile(renderOnly, 50)))])
        Report.figure("tui.frame.p99", percentile(times, 99), "ms", common + [("target", .double(16)), ("renderOnlyP99", .double(percentile(renderOnly, 99)))])
        Report.figure("tui.peak_memory", ProcessMeter.peakRSSMiB(), "MiB", common + [("target", .double(150)), ("source", "VmHWM of the TUI worker process")])
    }

    static func renderFrame(counts: [Queue: Int], selected: Queue, units: [ShipmentUnit], selection: Int) -> ScreenBuffer {
        var buffer = ScreenBuffer(size: size)
        let theme = Theme.standard
        let (header, rest) = buffer.bounds.splitTop(1)
        let (tabsRect, body) = rest.splitTop(1)
        let (tableRect, statusRect) = body.splitBottom(1)
        let total = counts.values.reduce(0, +)
        StatusBar(left: [.init("Cin7Bridge — Scale")], right: [.init("\(total) orders"), .init("running")]).draw(into: &buffer, in: header, theme: theme)
        let queues = Queue.allCases
        Tabs(queues.map { Tabs.Item($0.title, count: counts[$0] ?? 0) }, active: queues.firstIndex(of: selected) ?? 0)
            .draw(into: &buffer, in: tabsRect, theme: theme)
        let formatter = Date.ISO8601FormatStyle().year().month().day().time(includingFractionalSeconds: false)
        let rows = units.map { unit in
            [
                TextSanitizer.clean(unit.orderNumber), TextSanitizer.clean(unit.reference), TextSanitizer.clean(unit.customerName),
                TextSanitizer.clean(unit.cin7Location), TextSanitizer.clean(unit.warehouse ?? ""), unit.state.label,
                unit.stateChangedAt.formatted(formatter), TextSanitizer.clean(unit.reason ?? ""),
            ]
        }
        Table(
            columns: [
                TableColumn("Order", width: .fixed(12)), TableColumn("Reference", width: .fixed(14)), TableColumn("Customer", width: .flex(weight: 2)),
                TableColumn("Location", width: .flex()), TableColumn("Warehouse", width: .fixed(12)), TableColumn("State", width: .fixed(16)),
                TableColumn("Changed", width: .fixed(20)), TableColumn("Reason", width: .flex(weight: 2)),
            ], rows: rows, selection: rows.isEmpty ? nil : selection
        ).draw(into: &buffer, in: tableRect, theme: theme)
        StatusBar(left: [.init("Cin7 60/60 budget")], right: [.init("q quit  r retry  / filter")]).draw(into: &buffer, in: statusRect, theme: theme)
        return buffer
    }
}
