import Foundation
import Simulators
import SyncEngine

/// Figure 1: a backlog of authorised sales drained at Cin7's rate limit, time compressed (the same 60 calls per
/// window, the window 60 s × `scale`). On SQLite by default; with `database` (a PostgreSQL URL) the same drain on
/// PostgreSQL, its figures named `drain.postgres.…` so the SQLite names stay comparable from run to run.
enum DrainBench {
    static func run(orders: Int, scale: Double, database: String? = nil) async throws {
        let name = { (figure: String) in database == nil ? "drain.\(figure)" : "drain.postgres.\(figure)" }
        let location = try database.map { StoreLocation.postgres(try PostgresLocation(parsing: $0)) }
        let limit = 60
        let window = 60 * scale
        var cin7 = Cin7SimulatorConfiguration()
        cin7.rateLimit = limit
        cin7.rateWindow = window
        var cartonCloud = CartonCloudSimulatorConfiguration()
        cartonCloud.createRateLimit = 30
        cartonCloud.createRateWindow = window
        let bench = try await BenchWorld(
            cin7: cin7,
            cartonCloud: cartonCloud,
            limits: BenchWorld.limits(scale: scale, cin7Calls: limit),
            database: location
        )
        for index in 0..<orders { bench.world.authoriseSale(.normal, index: index) }
        bench.world.cin7.resetStats()
        // The simulated warehouse scans every order per sweep: sweep every 0.1 s so it does not compete for CPU.
        let dispatcher = AutoDispatcher(cartonCloud: bench.world.cartonCloud, interval: 0.1)
        dispatcher.start()

        let listPages = (orders + 999) / 1000
        let minimalCalls = orders * 4 + listPages
        // The rate limit alone: no `limit + 1` calls within one window, so call i + limit comes at least a window after
        // call i and the last of M calls at least ⌊(M − 1) / limit⌋ windows after the first (reached by bursts).
        let minimalSeconds = Double((minimalCalls - 1) / limit) * window
        // The first session's bound (the first `limit` calls at once, then one every `window / limit`) is up to one
        // window lower than any client can reach under a sliding window; kept for comparison.
        let evenlySpacedSeconds = Double(max(0, minimalCalls - limit)) * window / Double(limit)
        let timeout = minimalSeconds * 3 + 60
        Report.note(
            "drain (\(location == nil ? "SQLite" : "PostgreSQL")): \(orders) orders, \(limit) calls per \(window) s; at least \(String(format: "%.1f", minimalSeconds)) s"
        )

        let started = Date()
        bench.startEngine()
        let finished = await bench.wait(timeout: timeout, every: 0.02) { bench.completedCount() >= orders }
        let ended = Date()
        let measured = ended.timeIntervalSince(started)
        let stats = bench.world.cin7.stats
        let warehouseStats = bench.world.cartonCloud.stats
        await dispatcher.stop()
        let status = bench.status()
        let counts = bench.counts()
        await bench.shutdown()

        let intake = stats.count("GET", "saleList") + stats.count("GET", "sale")
        let writeback = stats.requestsByEndpoint.filter { $0.key.contains("sale/fulfilment") }.values.reduce(0, +)
        let total = stats.totalRequests
        let completed = counts[.completed] ?? 0
        var common: [(String, JSONValue)] = [
            ("store", location == nil ? "sqlite" : "postgres"), ("orders", .int(orders)), ("completed", .int(completed)), ("limit", .int(limit)),
            ("windowSeconds", .double(window)),
            ("timeScale", .string("60 s window compressed to \(window) s")), ("governorBudget", .int(limit)),
        ]
        if !finished { common.append(("timedOut", .bool(true))) }
        let efficiency = finished ? minimalSeconds / measured : 0
        Report.figure(
            name("efficiency"),
            efficiency,
            "ratio",
            common + [
                ("target", .double(0.95)), ("measuredSeconds", .double(measured)), ("minimalSeconds", .double(minimalSeconds)),
                ("minimalCalls", .int(minimalCalls)), ("cin7Calls", .int(total)),
                ("steadyStateEfficiency", .double(Double(minimalCalls) * window / Double(limit) / measured)),
                ("evenlySpacedBoundEfficiency", .double(finished ? evenlySpacedSeconds / measured : 0)),
                ("ordersPerHourAt60per60", .double(Double(completed) / measured * scale * 3600)),
                // Time not spent at the rate limit: before the first Cin7 call, and after the last one until the last order completed.
                ("firstCallAfterSeconds", .double(stats.firstRequestAt.map { $0.timeIntervalSince(started) } ?? -1)),
                ("completedAfterLastCallSeconds", .double(stats.lastRequestAt.map { ended.timeIntervalSince($0) } ?? -1)),
            ]
        )
        Report.figure(
            name("cin7_calls_per_order.intake"),
            Double(intake) / Double(max(1, completed)),
            "calls/order",
            common + [
                ("minimum", .double(1 + Double(listPages) / Double(max(1, orders)))), ("saleListCalls", .int(stats.count("GET", "saleList"))),
                ("saleCalls", .int(stats.count("GET", "sale"))), ("engineCountedIntake", .int(status?.cin7CallsIntake ?? -1)),
            ]
        )
        Report.figure(
            name("cin7_calls_per_order.writeback"),
            Double(writeback) / Double(max(1, completed)),
            "calls/order",
            common + [
                ("minimum", .double(3)), ("engineCountedWriteback", .int(status?.cin7CallsWriteback ?? -1)),
                ("otherCin7Calls", .int(total - intake - writeback)), ("engineCountedOther", .int(status?.cin7CallsOther ?? -1)),
            ]
        )
        // Every CartonCloud request (token, create, the polls' order searches, the batched consignment searches…) per
        // completed order; the minimum is the create, and the polls' searches shrink per order as the backlog grows.
        let warehouseCalls = warehouseStats.byEndpoint.values.reduce(0, +)
        Report.figure(
            name("cartoncloud_calls_per_order"),
            Double(warehouseCalls) / Double(max(1, completed)),
            "calls/order",
            common + [
                ("target", .double(1.5)), ("cartonCloudCalls", .int(warehouseCalls)),
            ] + warehouseStats.byEndpoint.sorted { $0.key < $1.key }.map { ("calls \($0.key)", JSONValue.int($0.value)) }
        )
        Report.figure(name("throttle_responses"), Double(stats.throttledResponses), "responses", common + [("target", .int(0))])
    }
}
