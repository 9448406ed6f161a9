import BridgeSupport
import Demo
import Foundation
import Simulators
import SyncEngine

/// Figure 6: one host carrying many integrations (issue 14). Each integration has its own Cin7 account and its own
/// CartonCloud simulator, all in a simulator worker process; the engine host runs every integration in an engine
/// worker process of its own, with the product's default limits (10 s polling, 60 Cin7 calls a minute per key), so
/// its CPU time and peak memory are the engine's alone.
///
/// Idle: after every engine has started and a warm-up, the engine worker's CPU over a window, as a percentage of
/// one core. Load: sales authorised at `ordersPerMinute` on random integrations; authorised → warehouse order seen.
enum FleetBench {
    struct Plan {
        var integrations: Int
        var warmUpSeconds: Double
        var idleSeconds: Double
        var loadSeconds: Double
        var ordersPerMinute: Double
    }

    /// Parent side: starts the simulator worker, then the engine worker on its integrations, and passes figures on.
    static func run(_ plan: Plan) async throws {
        Report.note(
            "fleet: \(plan.integrations) integrations, idle \(Int(plan.idleSeconds)) s after \(Int(plan.warmUpSeconds)) s warm-up, then \(Int(plan.ordersPerMinute)) orders a minute for \(Int(plan.loadSeconds)) s"
        )
        let simulators = try WorkerProcess(arguments: ["--worker", "fleet-simulators", "--orders", String(plan.integrations)])
        var simulatorLines = simulators.lines.makeAsyncIterator()
        guard let infoPath = await simulatorLines.next(), FileManager.default.fileExists(atPath: infoPath) else {
            throw BenchError("the fleet simulator worker did not start")
        }
        defer { try? FileManager.default.removeItem(atPath: infoPath) }
        let engine = try WorkerProcess(
            arguments: [
                "--worker", "fleet-engine", "--db", infoPath, "--orders", String(plan.integrations),
                "--iterations", "\(Int(plan.warmUpSeconds)),\(Int(plan.idleSeconds))",
            ]
        )
        var engineLines = engine.lines.makeAsyncIterator()
        // The engine worker reports its idle figures, then waits while the load runs.
        while let line = await engineLines.next(), line != "loaded" { Report.forward(line) }
        simulators.send("load \(plan.ordersPerMinute) \(plan.loadSeconds)")
        while let line = await simulatorLines.next() { Report.forward(line) }
        simulators.wait()
        engine.send("stop")
        while let line = await engineLines.next() { Report.forward(line) }
        engine.wait()
    }

    /// Engine worker: every integration in one `EngineHost`, as `cin7bridge run` would run them.
    static func engineWorker(infoPath: String, integrations: Int, windows: String) async throws {
        let seconds = windows.split(separator: ",").compactMap { Double($0) }
        let (warmUp, idle) = (seconds.first ?? 20, seconds.last ?? 60)
        let infos = try JSONDecoder().decode([[String: String]].self, from: Data(contentsOf: URL(fileURLWithPath: infoPath)))
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("cin7bridge-fleet-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = try SQLiteStore(directory: directory)
        for (index, info) in infos.enumerated() {
            var config = try BenchWorld.makeConfig(info: info, limits: IntegrationConfig.Limits())
            config.name = String(format: "Client %04d", index + 1)
            try store.saveIntegration(config, actor: "bench")
        }
        let host = EngineHost(store: store)
        let task = Task { await host.run() }
        let started = now()
        while host.runningIDs.count < integrations, now() - started < 120 { try await Task.sleep(nanoseconds: 100_000_000) }
        let startSeconds = now() - started
        try await Task.sleep(nanoseconds: UInt64(warmUp * 1e9))
        let cpuBefore = ProcessMeter.cpuSeconds()
        let threadsBefore = ProcessMeter.cpuByThreadName()
        let idleStarted = now()
        try await Task.sleep(nanoseconds: UInt64(idle * 1e9))
        let cpu = ProcessMeter.cpuSeconds() - cpuBefore
        let elapsed = now() - idleStarted
        var profile = ProcessMeter.cpuByThreadName().map { ($0.key, $0.value - (threadsBefore[$0.key] ?? 0)) }.filter { $0.1 > 0.005 }
        profile.sort { $0.1 > $1.1 }
        let common: [(String, JSONValue)] = [
            ("integrations", .int(integrations)), ("running", .int(host.runningIDs.count)), ("pollIntervalSeconds", .double(10)),
            ("process", "engine worker (simulators in a separate process)"),
        ]
        Report.figure(
            "fleet.idle_cpu_percent",
            cpu / elapsed * 100,
            "% of one core",
            common + [
                ("target", .double(5)), ("windowSeconds", .double(elapsed)), ("warmUpSeconds", .double(warmUp)),
                ("allStartedAfterSeconds", .double(startSeconds)),
                ("cpuByThread", .string(profile.prefix(8).map { "\($0.0)=\(String(format: "%.2f", $0.1))s" }.joined(separator: " "))),
            ]
        )
        Report.figure(
            "fleet.idle_memory",
            ProcessMeter.currentRSSMiB(),
            "MiB",
            common + [("source", "VmRSS of the engine worker after the idle window")]
        )
        Report.line("loaded")
        // The load runs in the simulator worker; this process only syncs until told to stop.
        await Task.detached { _ = readLine() }.value
        host.stop()
        await task.value
        Report.figure(
            "fleet.peak_memory",
            ProcessMeter.peakRSSMiB(),
            "MiB",
            common + [("target", .double(300)), ("source", "VmHWM of the engine worker, idle and load")]
        )
    }

    /// Simulator worker: a Cin7 and a CartonCloud simulator per integration; on `load R S`, sales at R a minute for
    /// S seconds on random integrations, and the time from each authorisation to its warehouse order.
    static func simulatorWorker(integrations: Int) async throws {
        var worlds: [DemoWorld] = []
        var infos: [[String: String]] = []
        for _ in 0..<integrations {
            let world = try await DemoWorld.start(host: "127.0.0.1")
            var info = world.connectionInfo
            info["warehouse"] = world.warehouses[DemoWorld.mainWarehouse]
            worlds.append(world)
            infos.append(info)
        }
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("cin7bridge-fleet-\(UUID().uuidString).json").path
        try JSONEncoder().encode(infos).write(to: URL(fileURLWithPath: path))
        Report.line(path)
        let command = await Task.detached { readLine() }.value ?? ""
        let words = command.split(separator: " ")
        if words.first == "load", words.count == 3, let rate = Double(words[1]), let duration = Double(words[2]) {
            try await load(worlds, ordersPerMinute: rate, seconds: duration)
        }
        for world in worlds { await world.stop() }
    }

    static func load(_ worlds: [DemoWorld], ordersPerMinute: Double, seconds: Double) async throws {
        var generator = SystemRandomNumberGenerator()
        var pending: [(world: Int, reference: String, at: Double)] = []
        var latencies: [Double] = []
        var sequence = [Int](repeating: 0, count: worlds.count)
        let interval = 60 / ordersPerMinute
        let start = now()
        var next = start
        let throttledBefore = worlds.reduce(0) { $0 + $1.cin7.stats.throttledResponses }
        var sent = 0
        while now() < start + seconds + 60 {
            if now() >= next, now() < start + seconds {
                let index = Int.random(in: 0..<worlds.count, using: &generator)
                let ref = worlds[index].authoriseSale(.normal, index: sequence[index])
                sequence[index] += 1
                pending.append((index, ref.orderNumber, now()))
                sent += 1
                next += interval
            }
            var waiting: [(world: Int, reference: String, at: Double)] = []
            let byWorld = Dictionary(grouping: pending, by: \.world)
            for (index, items) in byWorld {
                let references = Set(worlds[index].cartonCloud.orders().map(\.reference))
                for item in items {
                    if references.contains(item.reference) { latencies.append(now() - item.at) } else { waiting.append(item) }
                }
            }
            pending = waiting
            if now() >= start + seconds && pending.isEmpty { break }
            try await Task.sleep(nanoseconds: 100_000_000)
        }
        let throttled = worlds.reduce(0) { $0 + $1.cin7.stats.throttledResponses } - throttledBefore
        let common: [(String, JSONValue)] = [
            ("integrations", .int(worlds.count)), ("ordersPerMinute", .double(ordersPerMinute)), ("loadSeconds", .double(seconds)),
            ("authorised", .int(sent)), ("reachedWarehouse", .int(latencies.count)), ("neverReached", .int(pending.count)),
            ("cin7ThrottleResponses", .int(throttled)), ("resolutionSeconds", .double(0.1)),
        ]
        Report.figure(
            "fleet.latency_p95",
            percentile(latencies, 95),
            "s",
            common + [("target", .double(15)), ("p50", .double(percentile(latencies, 50)))]
        )
        Report.figure("fleet.cin7_throttle_responses", Double(throttled), "responses", common + [("target", .double(0))])
    }
}
