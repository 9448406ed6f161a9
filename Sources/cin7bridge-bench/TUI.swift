import BridgeUI
import Foundation
import SyncEngine
import TerminalUI

/// Figure 5: the cost of one dashboard frame at 200x60 over a large store, and the peak memory of a process doing
/// it. Runs in a worker process so its peak memory is the TUI's alone. A frame is what the TUI does on every
/// refresh: load the dashboard snapshot from the store, reduce it into the state, render the state.
enum TUIBench {
    static let size = Size(width: 200, height: 60)

    static func run(databasePath: String, orders: Int, iterations: Int) async throws {
        Report.note("tui: \(iterations) frames at \(size) in a worker process")
        let worker = try WorkerProcess(arguments: [
            "--worker", "tui", "--db", databasePath, "--orders", String(orders), "--iterations", String(iterations),
        ])
        for await line in worker.lines { Report.forward(line) }
        worker.wait()
    }

    static func worker(databasePath: String, orders: Int, iterations: Int) throws {
        let store = try SQLiteStore(path: databasePath)
        guard let integrationID = try store.integrations().first?.id else { throw BenchError("no integration in \(databasePath)") }
        try tuiFigures(store: store, integrationID: integrationID, orders: orders, iterations: iterations)
    }

    static func tuiFigures(store: BridgeStore, integrationID: Int64, orders: Int, iterations: Int) throws {
        var times: [Double] = []
        var renderOnly: [Double] = []
        // The real dashboard: the same load the TUI's runtime does, the reducer, and BridgeUI's render.
        var state = AppState(env: AppEnvironment(dataDirectory: "/bench", logFile: "/bench/cin7bridge.log", actor: "bench"))
        state.screen = .dashboard(DashboardState(integrationID: integrationID, name: "Scale"))
        for index in 0..<iterations {
            let t = now()
            let queues = Queue.allCases
            let selected = index % 4 == 0 ? queues[(index / 4) % queues.count] : .completed  // mostly the largest queue
            state.screen.modifyDashboard { $0.tab = selected }
            guard let snapshot = try DashboardSnapshot.load(store: store, integrationID: integrationID, queue: selected, filter: "") else {
                throw BenchError("no integration \(integrationID)")
            }
            _ = reduce(&state, .dashboardLoaded(snapshot))
            let r = now()
            _ = render(state, size: size, theme: .standard)
            renderOnly.append((now() - r) * 1000)
            times.append((now() - t) * 1000)
        }
        let common: [(String, JSONValue)] = [
            ("orders", .int(orders)), ("size", .string("\(size.width)x\(size.height)")), ("frames", .int(iterations)),
            ("scope", "BridgeUI dashboard: DashboardSnapshot.load (counts, first page, status, attention) + reduce + render"),
        ]
        Report.figure(
            "tui.frame.p50",
            percentile(times, 50),
            "ms",
            common + [("target", .double(16)), ("renderOnlyP50", .double(percentile(renderOnly, 50)))]
        )
        Report.figure(
            "tui.frame.p99",
            percentile(times, 99),
            "ms",
            common + [("target", .double(16)), ("renderOnlyP99", .double(percentile(renderOnly, 99)))]
        )
        Report.figure(
            "tui.peak_memory",
            ProcessMeter.peakRSSMiB(),
            "MiB",
            common + [("target", .double(150)), ("source", "VmHWM of the TUI worker process")]
        )
    }
}
