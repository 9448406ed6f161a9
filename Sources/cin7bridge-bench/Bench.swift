import ArgumentParser
import Foundation

@main
struct Bench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cin7bridge-bench",
        abstract: "Benchmarks: the real engine against the real simulators over loopback. One JSON object per line per figure."
    )

    @Flag(help: "Smaller workloads (under two minutes); figures count only from a release build.")
    var quick = false

    @Flag(help: "Exit non-zero unless every figure was emitted (CI).")
    var smoke = false

    @Option(help: "Run only these figures (comma separated: drain,latency,engine,store,tui,fleet,failover).")
    var only: String?

    @Option(help: "Orders for the backlog drain (default 2000; quick 200).")
    var drainOrders: Int?

    @Option(help: "Seconds the drain's 60-second rate window is compressed to (default 1).")
    var drainWindow: Double = 1

    @Option(help: "Integrations on the one host of the fleet figures (default 500; quick 20).")
    var fleetIntegrations: Int?

    @Option(help: "Seconds a killed host's leases live in the failover figure (default 30; quick 4).")
    var failoverLeaseTimeout: Int?

    @Option(help: ArgumentHelp("Internal: run as a worker process.", visibility: .private))
    var worker: String?
    @Option(help: ArgumentHelp("Internal.", visibility: .private))
    var orders: Int = 0
    @Option(help: ArgumentHelp("Internal.", visibility: .private))
    var db: String = ""
    @Option(help: ArgumentHelp("Internal.", visibility: .private))
    var iterations: String = "0"

    static let expected =
        [
            "drain.efficiency", "drain.cin7_calls_per_order.intake", "drain.cin7_calls_per_order.writeback", "drain.throttle_responses",
            "latency.authorised_to_warehouse.p50", "latency.authorised_to_warehouse.p95", "latency.dispatch_to_cin7_shipped.p50",
            "latency.dispatch_to_cin7_shipped.p95", "engine.orders_per_second", "engine.cpu_seconds_per_1000_orders", "engine.peak_memory",
            "store.queue_counts.p50", "store.queue_counts.p99", "store.first_page_all_queues.p50", "store.first_page_all_queues.p99",
            "store.timeline.p50", "store.timeline.p99", "tui.frame.p50", "tui.frame.p99", "tui.peak_memory", "fleet.idle_cpu_percent",
            "fleet.idle_memory", "fleet.peak_memory", "fleet.latency_p95", "fleet.cin7_throttle_responses", "drain.postgres.efficiency",
            "drain.postgres.cin7_calls_per_order.intake", "drain.postgres.cin7_calls_per_order.writeback", "drain.postgres.throttle_responses",
            "tui.home500.refresh.p50", "tui.home500.refresh.p99", "tui.home500.frame.p50", "tui.home500.frame.p99",
        ] + FailoverBench.names

    func run() async throws {
        if let worker {
            switch worker {
            case "engine-cost": try await EngineCostBench.engineWorker(orders: orders)
            case "simulators": try await EngineCostBench.simulatorWorker(orders: orders)
            case "tui": try TUIBench.worker(databasePath: db, orders: orders, iterations: Int(iterations) ?? 0)
            case "fleet-engine": try await FleetBench.engineWorker(infoPath: db, integrations: orders, windows: iterations)
            case "fleet-simulators": try await FleetBench.simulatorWorker(integrations: orders)
            default: throw ValidationError("unknown worker \(worker)")
            }
            return
        }
        let selected = Set(
            (only ?? "drain,latency,engine,store,tui,fleet,failover").split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) }
        )
        #if DEBUG
        Report.note("debug build: figures are for smoke testing only; use `swift run -c release cin7bridge-bench`")
        #endif
        let started = now()
        defer { BenchPostgres.stop() }
        // Figures skipped for want of a PostgreSQL server (outside CI only), left out of the smoke check.
        var skipped: [String] = []
        if selected.contains("drain") {
            try await DrainBench.run(orders: drainOrders ?? (quick ? 200 : 2000), scale: drainWindow / 60)
            if let database = BenchPostgres.freshDatabase(prefix: "bench_drain") {
                // Quick: a smaller backlog, enough to show the figures (the PostgreSQL drain is slower, see BENCHMARKS.md).
                try await DrainBench.run(orders: drainOrders ?? (quick ? 60 : 2000), scale: drainWindow / 60, database: database)
            } else if BenchPostgres.required {
                throw BenchError("drain on PostgreSQL: no server, and CI needs this figure")
            } else {
                Report.note("drain on PostgreSQL: skipped, no server")
                skipped.append("drain.postgres.")
            }
        }
        if selected.contains("latency") {
            try await LatencyBench.run(orders: quick ? 10 : 50, arrivalInterval: quick ? 2 : 6, quick: quick)
        }
        if selected.contains("engine") {
            try await EngineCostBench.run(orders: quick ? 300 : 2000)
        }
        if selected.contains("store") || selected.contains("tui") {
            let orders = quick ? 50_000 : 1_000_000
            let auditRows = quick ? 500_000 : 10_000_000
            if let built = try StoreScaleBench.build(orders: orders, auditRows: auditRows, baseDirectory: FileManager.default.temporaryDirectory) {
                defer { try? FileManager.default.removeItem(at: built.directory) }
                if selected.contains("store") {
                    try StoreScaleBench.measure(built, orders: orders, auditRows: auditRows, iterations: quick ? 50 : 200)
                }
                if selected.contains("tui") { try await TUIBench.run(databasePath: built.store.path, orders: orders, iterations: quick ? 100 : 500) }
            }
        }
        if selected.contains("fleet") {
            try await FleetBench.run(
                .init(
                    integrations: fleetIntegrations ?? (quick ? 20 : 500),
                    warmUpSeconds: quick ? 8 : 30,
                    idleSeconds: quick ? 10 : 60,
                    loadSeconds: quick ? 20 : 180,
                    ordersPerMinute: 60
                )
            )
        }
        if selected.contains("failover") {
            // Quick: a tenth of real time (6 s Cin7 windows, 1 s polls). Full: the issue's scale in real time.
            let plan =
                quick
                ? FailoverBench.Plan(integrations: 4, sales: 24, killEvery: 8, kills: 2, leaseTimeout: failoverLeaseTimeout ?? 4, scale: 0.1)
                : FailoverBench.Plan(integrations: 20, sales: 300, killEvery: 20, kills: 15, leaseTimeout: failoverLeaseTimeout ?? 30, scale: 1)
            if try await !FailoverBench.run(plan) { skipped.append("failover.") }
        }
        Report.note("done in \(String(format: "%.0f", now() - started)) s")
        if smoke {
            let emitted = Set(Report.names)
            let wanted = Self.expected.filter { name in
                selected.contains(String(name.prefix { $0 != "." })) && !skipped.contains { name.hasPrefix($0) }
            }
            let missing = wanted.filter { !emitted.contains($0) }
            if !missing.isEmpty {
                Report.note("missing figures: \(missing.joined(separator: ", "))")
                throw ExitCode(1)
            }
        }
    }
}
