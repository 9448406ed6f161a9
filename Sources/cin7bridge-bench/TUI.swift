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
        try homeFigures(integrations: 500, iterations: iterations)
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

    /// The Integrations screen of a host with `integrations` integrations (one per client of a 3PL), in a store of
    /// its own: 40 orders each in every state, a lease and a published status for most. `refresh` is the runtime's
    /// home read (`HomeLoad.load`: one `integrationOverviews` read and the health verdicts); `frame` is reducing it
    /// into the state and rendering at 200x60, at 80x24 too. The per-integration path it replaces is timed beside
    /// it (`beforeP50`).
    static func homeFigures(integrations: Int, iterations: Int) throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("cin7bridge-bench-home-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = try SQLiteStore(directory: directory)
        let t0 = Date()
        var units: [ShipmentUnit] = []
        for i in 0..<integrations {
            var config = IntegrationConfig(name: String(format: "Client %03d", i))
            config.enabled = i % 40 != 0
            config.warehouse.kind = WarehousePlatform.allCases[i % WarehousePlatform.allCases.count]
            let id = try store.saveIntegration(config, actor: "bench")
            if i % 10 != 0 { _ = try store.acquireLease(integrationID: id, holder: "bench", host: "bench", pid: 1, now: t0, timeout: 3600) }
            var status = IntegrationStatus(integrationID: id, name: config.name, now: t0)
            status.lastPollAt = t0
            status.cin7Connected = true
            status.warehouseConnected = true
            try store.saveStatus(status)
            for k in 0..<40 {
                let state = ShipmentState.allCases[(i + k) % ShipmentState.allCases.count]
                var unit = ShipmentUnit(
                    integrationID: id,
                    saleID: "S\(i)-\(k)",
                    orderNumber: "SO-\(i)-\(k)",
                    reference: "R\(k)",
                    customerName: "Customer \(k)",
                    cin7Location: "Main",
                    state: state,
                    now: t0.addingTimeInterval(-Double(k * 30))
                )
                if state == .needsAttention && i % 7 == 0 { unit.reason = "Rejected by the warehouse: unknown product" }
                if state == .retrying { unit.attempts = k % 6 }
                if state == .needsAttention && i % 7 != 0 { unit.state = .completed }
                units.append(unit)
            }
        }
        _ = try store.insertUnits(units)
        let refreshes = max(20, iterations / 5)
        var refresh: [Double] = []
        var before: [Double] = []
        var frame: [Double] = []
        var frameSmall: [Double] = []
        var state = AppState(env: AppEnvironment(dataDirectory: "/bench", logFile: "/bench/cin7bridge.log", actor: "bench"))
        var loaded = try HomeLoad.load(store: store)
        for index in 0..<refreshes {
            let t = now()
            loaded = try HomeLoad.load(store: store)
            refresh.append((now() - t) * 1000)
            if index < 10 {
                let b = now()
                // The per-integration path the home used before (several queries per integration).
                for record in try store.integrations() {
                    guard let id = record.id, let config = try? record.decodedConfig() else { continue }
                    _ = try IntegrationHealth.evaluate(id: id, config: config, store: store, now: Date())
                }
                before.append((now() - b) * 1000)
            }
        }
        for index in 0..<iterations {
            let t = now()
            _ = reduce(&state, .homeLoaded(loaded.rows, running: [], elsewhere: [:], platforms: loaded.platforms))
            if index % 3 == 1 { _ = reduce(&state, .key(.pageDown)) }
            _ = render(state, size: size, theme: .standard)
            frame.append((now() - t) * 1000)
            let s = now()
            _ = render(state, size: Size(width: 80, height: 24), theme: .standard)
            frameSmall.append((now() - s) * 1000)
        }
        let common: [(String, JSONValue)] = [
            ("integrations", .int(integrations)), ("ordersPerIntegration", .int(40)), ("refreshes", .int(refreshes)), ("frames", .int(iterations)),
            ("storeReadsPerRefresh", .int(1)), ("queriesPerRefresh", .int(6)),
        ]
        let refreshScope: (String, JSONValue) = (
            "scope", "HomeLoad.load: one integrationOverviews read (6 SQLite statements in one snapshot) + health verdicts + config decoding"
        )
        Report.figure(
            "tui.home500.refresh.p50",
            percentile(refresh, 50),
            "ms",
            common + [refreshScope, ("beforeP50", .double(percentile(before, 50)))]
        )
        Report.figure(
            "tui.home500.refresh.p99",
            percentile(refresh, 99),
            "ms",
            common + [refreshScope, ("beforeP99", .double(percentile(before, 99)))]
        )
        let frameScope: (String, JSONValue) = ("scope", "reduce .homeLoaded (filter, health sort, selection by id) + render")
        let sizes: (String, JSONValue) = ("size", .string("\(size.width)x\(size.height)"))
        Report.figure(
            "tui.home500.frame.p50",
            percentile(frame, 50),
            "ms",
            common + [frameScope, sizes, ("target", .double(16)), ("render80x24P50", .double(percentile(frameSmall, 50)))]
        )
        Report.figure(
            "tui.home500.frame.p99",
            percentile(frame, 99),
            "ms",
            common + [frameScope, sizes, ("target", .double(16)), ("render80x24P99", .double(percentile(frameSmall, 99)))]
        )
    }
}
