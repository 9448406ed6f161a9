import Demo
import Foundation
import Simulators
import SyncEngine

/// Figure 7: several hosts on one PostgreSQL database, and what losing one costs (issue 14). Three `cin7bridge run`
/// processes (the real binary, built beside the bench) share a fresh schema holding N integrations, each with its
/// own Cin7 account and CartonCloud simulator (in this process, which also dispatches every order as it appears).
/// Sales are authorised across the integrations at an even pace; every `killEvery` seconds the host owning the most
/// integrations with work in hand is killed with SIGKILL and a new one started in its place.
///
/// A killed host stays unreaped until every integration it held has passed to a live host, so its pid answers as a
/// dead host's would from another machine: takeover rests on its heartbeat going stale (`--lease-timeout`), not on
/// the same-machine shortcut for a dead pid. Takeover: from the kill until each of its integrations has a lease held
/// by a live host, sampled every 0.1 s.
enum FailoverBench {
    struct Plan {
        var integrations: Int
        var sales: Int
        var killEvery: Double
        var kills: Int
        var leaseTimeout: Int
        /// 1 = real time (60 Cin7 calls a minute, the default 10 s polls); smaller compresses every window and poll.
        var scale: Double
    }

    /// The figures' names, for the smoke run's check.
    static let names = [
        "failover.takeover_seconds.max", "failover.lost", "failover.duplicated", "failover.double_writebacks", "failover.cin7_throttle_responses",
    ]

    /// The cin7bridge executable beside this one (`swift build` builds both; a release measure needs
    /// `swift build -c release --product cin7bridge` too).
    static var binary: URL {
        URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().deletingLastPathComponent().appendingPathComponent("cin7bridge")
    }

    /// Runs the figure; false when it was skipped (no PostgreSQL server or no cin7bridge executable, outside CI).
    static func run(_ plan: Plan) async throws -> Bool {
        guard let database = BenchPostgres.freshDatabase(prefix: "bench_failover") else {
            if BenchPostgres.required { throw BenchError("failover: no PostgreSQL server, and CI needs this figure") }
            Report.note("failover: skipped, no PostgreSQL server (set CIN7BRIDGE_TEST_POSTGRES_URL or install postgresql)")
            return false
        }
        guard FileManager.default.isExecutableFile(atPath: binary.path) else {
            if BenchPostgres.required { throw BenchError("failover: no cin7bridge executable at \(binary.path)") }
            Report.note("failover: skipped, no cin7bridge executable at \(binary.path) (swift build --product cin7bridge)")
            return false
        }
        Report.note(
            "failover: 3 hosts, \(plan.integrations) integrations, \(plan.sales) sales, SIGKILL every \(Int(plan.killEvery)) s (\(plan.kills) kills), --lease-timeout \(plan.leaseTimeout)"
        )
        let store = try BridgeStores.open(.postgres(try PostgresLocation(parsing: database)))
        var worlds: [DemoWorld] = []
        var ids: [Int64] = []
        var dispatchers: [AutoDispatcher] = []
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("cin7bridge-bench-failover-\(UUID().uuidString)")
        var hosts: [HostProcess] = []
        var zombies: [HostProcess] = []
        defer {
            for host in hosts + zombies { host.signal(SIGKILL) }
            for host in hosts + zombies { host.reap(timeout: 10) }
            // `CIN7BRIDGE_BENCH_KEEP=1` keeps each host's data directory and output, to read after a bad run.
            if ProcessInfo.processInfo.environment["CIN7BRIDGE_BENCH_KEEP"] == nil {
                try? FileManager.default.removeItem(at: directory)
            } else {
                Report.note("failover: hosts' data and output kept in \(directory.path)")
            }
        }
        for index in 0..<plan.integrations {
            // A configuration per integration: each its own Cin7 account and application key, and its own CartonCloud
            // API client, so each has its own budgets as the clients would (one shared value gave all twenty
            // one Cin7 budget of 60 calls a minute, and the full run could not finish).
            var cin7 = Cin7SimulatorConfiguration()
            cin7.rateWindow = 60 * plan.scale
            var cartonCloud = CartonCloudSimulatorConfiguration()
            cartonCloud.clientID = String(format: "client-%02d", index + 1)
            cartonCloud.createRateWindow = 60 * plan.scale
            // Off: a second create would be a second order (counted), not a refusal that hides it.
            cartonCloud.duplicateReferenceCheck = false
            let world = try await DemoWorld.start(cin7: cin7, cartonCloud: cartonCloud, host: "127.0.0.1")
            worlds.append(world)
            var config = BenchWorld.makeConfig(
                cin7URL: world.cin7URL,
                cartonCloudURL: world.cartonCloudURL,
                cin7: cin7,
                cartonCloud: cartonCloud,
                tenantID: world.cartonCloud.tenantID,
                customerID: world.cartonCloud.customerID,
                warehouseID: world.warehouses[DemoWorld.mainWarehouse] ?? "",
                limits: BenchWorld.limits(scale: plan.scale)
            )
            config.name = String(format: "Client %02d", index + 1)
            ids.append(try store.saveIntegration(config, actor: "bench"))
            let dispatcher = AutoDispatcher(cartonCloud: world.cartonCloud, interval: 0.2)
            dispatcher.start()
            dispatchers.append(dispatcher)
        }
        var started = 0
        func startHost() throws -> HostProcess {
            started += 1
            let dataDir = directory.appendingPathComponent("host-\(started)")
            try FileManager.default.createDirectory(at: dataDir, withIntermediateDirectories: true)
            return try HostProcess(
                binary,
                arguments: [
                    "run", "--data-dir", dataDir.path, "--database", database, "--lease-timeout", String(plan.leaseTimeout), "--reconcile-every", "0",
                ],
                output: dataDir.appendingPathComponent("output.txt")
            )
        }

        struct Kill {
            var at: Double
            var victim: HostProcess
            var held: Set<Int64>
            var takenAt: [Int64: Double] = [:]
            var done: Bool { takenAt.count == held.count }
            var seconds: Double { (takenAt.values.max() ?? at) - at }
        }
        func owners() -> [Int64: Int32] {
            var owners: [Int64: Int32] = [:]
            for id in ids { if let lease = try? store.lease(integrationID: id) { owners[id] = lease.pid } }
            return owners
        }
        let settledStates: Set<ShipmentState> = [.completed, .skipped, .cancelled]
        func busy() -> Set<Int64> {
            Set(
                ids.filter { id in
                    ((try? store.stateCounts(integrationID: id)) ?? [:]).contains { !settledStates.contains($0.key) && $0.value > 0 }
                }
            )
        }

        var sales: [(world: Int, ref: SimSaleRef)] = []
        var killed: [Kill] = []
        var mostHeld = 0
        var allUpAt: Double?
        let began = now()
        for _ in 0..<3 { hosts.append(try startHost()) }
        let salesEnd = Double(plan.kills) * plan.killEvery + plan.killEvery / 2
        let interval = salesEnd / Double(plan.sales)
        var nextSale = began
        var nextKill = began + plan.killEvery
        let giveUp = began + salesEnd + Double(plan.leaseTimeout) * 3 + 30
        while sales.count < plan.sales || killed.count < plan.kills || killed.contains(where: { !$0.done }), now() < giveUp {
            let time = now()
            let owners = owners()
            let live = Set(hosts.map(\.pid))
            let held = Dictionary(grouping: owners.filter { live.contains($0.value) }, by: \.value).mapValues(\.count)
            // Up: every integration held by a running host. Spread is sampled after the first kill interval (at the
            // start one host may take everything before the others register, then hands the excess back).
            if allUpAt == nil, ids.allSatisfy({ owners[$0].map(live.contains) ?? false }) { allUpAt = time }
            if allUpAt != nil, time >= began + plan.killEvery { mostHeld = max(mostHeld, held.values.max() ?? 0) }
            for index in killed.indices where !killed[index].done {
                for id in killed[index].held where killed[index].takenAt[id] == nil {
                    if let owner = owners[id], live.contains(owner) { killed[index].takenAt[id] = time }
                }
            }
            for zombie in zombies where killed.first(where: { $0.victim === zombie })?.done ?? true { zombie.reap(timeout: 5) }
            zombies.removeAll(where: \.reaped)
            while sales.count < plan.sales, time >= nextSale {
                let index = sales.count % plan.integrations
                sales.append((index, worlds[index].authoriseSale(.normal, index: sales.count / plan.integrations)))
                nextSale += interval
            }
            if killed.count < plan.kills, time >= nextKill, allUpAt != nil {
                nextKill = time + plan.killEvery
                let busy = busy()
                let victim = hosts.max { a, b in
                    let work = { (pid: Int32) in owners.filter { $0.value == pid && busy.contains($0.key) }.count }
                    return (work(a.pid), held[a.pid] ?? 0) < (work(b.pid), held[b.pid] ?? 0)
                }!
                victim.signal(SIGKILL)
                killed.append(Kill(at: now(), victim: victim, held: Set(owners.filter { $0.value == victim.pid }.keys)))
                zombies.append(victim)
                hosts.removeAll { $0 === victim }
                hosts.append(try startHost())
            }
            try await Task.sleep(nanoseconds: 100_000_000)
        }
        for zombie in zombies { zombie.reap(timeout: 5) }
        zombies.removeAll(where: \.reaped)
        // Every sale completes under the hosts left running (or the wait gives up: those are lost).
        func incomplete() -> [(world: Int, ref: SimSaleRef)] {
            sales.filter { sale in
                let units = (try? store.units(integrationID: ids[sale.world], saleID: sale.ref.saleID)) ?? []
                return units.isEmpty || !units.allSatisfy { $0.state == .completed }
            }
        }
        let settleDeadline = now() + max(60, 180 * plan.scale)
        var lost = incomplete()
        while !lost.isEmpty, now() < settleDeadline {
            try await Task.sleep(nanoseconds: 500_000_000)
            lost = incomplete()
        }
        let elapsed = now() - began
        for dispatcher in dispatchers { await dispatcher.stop() }
        for host in hosts { host.stop() }
        hosts.removeAll()

        // Counted at the simulators: warehouse orders beyond one per reference, and pick/pack/ship writes beyond one
        // per task and step.
        var duplicated = 0
        var doubleWritebacks = 0
        var throttles = 0
        var creates = 0
        for world in worlds {
            let orders = world.cartonCloud.orders()
            creates += orders.count
            duplicated += orders.count - Set(orders.map(\.reference)).count
            let stats = world.cin7.stats
            doubleWritebacks += stats.fulfilmentWrites.values.flatMap { $0.filter { $0.key.hasPrefix("POST") }.values }.map { max(0, $0 - 1) }.reduce(
                0,
                +
            )
            throttles += stats.throttledResponses
        }
        for world in worlds { await world.stop() }
        // A kill whose integrations were not all taken over has no takeover time: it is counted in `neverTakenOver`.
        let takeovers = killed.filter(\.done).map(\.seconds)
        let common: [(String, JSONValue)] = [
            ("store", "postgres"), ("hosts", .int(3)), ("integrations", .int(plan.integrations)), ("sales", .int(sales.count)),
            ("kills", .int(killed.count)), ("killEverySeconds", .double(plan.killEvery)), ("leaseTimeoutSeconds", .int(plan.leaseTimeout)),
            ("timeScale", .double(plan.scale)), ("warehouseCreates", .int(creates)), ("seconds", .double(elapsed)),
        ]
        Report.figure(
            "failover.takeover_seconds.max",
            takeovers.max() ?? .nan,
            "s",
            common + [
                ("target", .double(Double(plan.leaseTimeout) + 5)),
                ("takeovers", .string(killed.map { $0.done ? String(format: "%.1f", $0.seconds) : "never" }.joined(separator: " "))),
                ("integrationsPerKill", .string(killed.map { String($0.held.count) }.joined(separator: " "))),
                ("neverTakenOver", .int(killed.map { $0.held.count - $0.takenAt.count }.reduce(0, +))),
                ("mostIntegrationsOnOneHost", .int(mostHeld)), ("resolutionSeconds", .double(0.1)),
            ]
        )
        Report.figure(
            "failover.lost",
            Double(lost.count),
            "sales",
            common + [("target", .int(0)), ("examples", .string(lost.prefix(5).map(\.ref.orderNumber).joined(separator: " ")))]
        )
        Report.figure("failover.duplicated", Double(duplicated), "warehouse orders", common + [("target", .int(0))])
        Report.figure("failover.double_writebacks", Double(doubleWritebacks), "Cin7 writes", common + [("target", .int(0))])
        Report.figure("failover.cin7_throttle_responses", Double(throttles), "responses", common + [("target", .int(0))])
        return true
    }
}
