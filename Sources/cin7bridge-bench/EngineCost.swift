import BridgeSupport
import Demo
import Foundation
import Simulators
import SyncEngine

/// Figure 3: what the engine itself costs with rate limits off and zero-latency simulators. The engine runs in a
/// worker process of its own and the simulators in another, so CPU time and peak memory are the engine's alone.
enum EngineCostBench {
    static func limitsOff() -> IntegrationConfig.Limits {
        IntegrationConfig.Limits(
            cin7CallsPerWindow: 1_000_000,
            cin7Window: 1,
            warehouseCreatesPerWindow: 1_000_000,
            warehouseWindow: 1,
            pollInterval: 0.1,
            pollOverlap: 5,
            stuckAfter: 3600,
            retryBase: 0.1,
            retryCap: 1,
            requestTimeout: 10
        )
    }

    /// Parent side: runs the engine worker and passes its figures on.
    static func run(orders: Int) async throws {
        Report.note("engine cost: \(orders) orders, rate limits off, in a worker process")
        let worker = try WorkerProcess(arguments: ["--worker", "engine-cost", "--orders", String(orders)])
        for await line in worker.lines { Report.forward(line) }
        worker.wait()
    }

    /// Worker: the engine, in process; the simulators in a second worker.
    static func engineWorker(orders: Int) async throws {
        let simulators = try WorkerProcess(arguments: ["--worker", "simulators", "--orders", String(orders)])
        var iterator = simulators.lines.makeAsyncIterator()
        guard let first = await iterator.next(), let info = try JSONSerialization.jsonObject(with: Data(first.utf8)) as? [String: String] else {
            throw BenchError("the simulator worker did not start")
        }
        let config = try BenchWorld.makeConfig(info: info, limits: limitsOff())
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("cin7bridge-bench-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = try SQLiteStore(directory: directory)
        let integrationID = try store.saveIntegration(config, actor: "bench")
        let host = EngineHost(store: store, reconcileInterval: 0.2)

        let cpuBefore = ProcessMeter.cpuSeconds()
        let threadsBefore = ProcessMeter.cpuByThreadName()
        let started = now()
        let task = Task { await host.run() }
        var completed = 0
        let deadline = started + 600
        while now() < deadline {
            completed = ((try? store.stateCounts(integrationID: integrationID)) ?? [:])[.completed] ?? 0
            if completed >= orders { break }
            try await Task.sleep(nanoseconds: 20_000_000)
        }
        let elapsed = now() - started
        let cpu = ProcessMeter.cpuSeconds() - cpuBefore
        let threadsAfter = ProcessMeter.cpuByThreadName()
        let peak = ProcessMeter.peakRSSMiB()
        let status = try? store.status(integrationID: integrationID)
        let auditRows = (try? store.auditCount()) ?? -1
        host.stop()
        await task.value
        simulators.send("stop")
        var simulatorCPU = Double.nan
        while let line = await iterator.next() {
            if let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Double], let value = object["cpuSeconds"] {
                simulatorCPU = value
            }
        }
        simulators.wait()

        var profile = threadsAfter.map { ($0.key, $0.value - (threadsBefore[$0.key] ?? 0)) }.filter { $0.1 > 0.005 }
        profile.sort { $0.1 > $1.1 }
        let profileText = profile.map { "\($0.0)=\(String(format: "%.2f", $0.1))s" }.joined(separator: " ")
        var common: [(String, JSONValue)] = [
            ("orders", .int(orders)), ("completed", .int(completed)), ("rateLimits", "off"), ("simulatorLatency", .double(0)),
            ("process", "engine worker (simulators in a separate process)"),
        ]
        if completed < orders { common.append(("timedOut", .bool(true))) }
        Report.figure(
            "engine.orders_per_second",
            Double(completed) / elapsed,
            "orders/s",
            common + [
                ("elapsedSeconds", .double(elapsed)),
                ("cin7Calls", .int((status?.cin7CallsIntake ?? 0) + (status?.cin7CallsWriteback ?? 0) + (status?.cin7CallsOther ?? 0))),
                ("auditRows", .int(auditRows)),
            ]
        )
        Report.figure(
            "engine.cpu_seconds_per_1000_orders",
            cpu / Double(max(1, completed)) * 1000,
            "cpu-s",
            common + [
                ("cpuSeconds", .double(cpu)), ("cpuByThread", .string(profileText)),
                ("simulatorProcessCPUSecondsPer1000", .double(simulatorCPU / Double(max(1, completed)) * 1000)),
            ]
        )
        Report.figure("engine.peak_memory", peak, "MiB", common + [("source", "VmHWM of the engine worker")])
    }

    /// Worker: both simulators, limits off, `orders` sales authorised, every warehouse order dispatched at once.
    static func simulatorWorker(orders: Int) async throws {
        var cin7 = Cin7SimulatorConfiguration()
        cin7.rateLimitEnabled = false
        var cartonCloud = CartonCloudSimulatorConfiguration()
        cartonCloud.createRateLimit = 1_000_000
        cartonCloud.createRateWindow = 1
        let world = try await DemoWorld.start(cin7: cin7, cartonCloud: cartonCloud, host: "127.0.0.1")
        for index in 0..<orders { world.authoriseSale(.normal, index: index) }
        var info = world.connectionInfo
        info["warehouse"] = world.warehouses[DemoWorld.mainWarehouse]
        let data = try JSONSerialization.data(withJSONObject: info, options: [.sortedKeys])
        Report.line(String(decoding: data, as: UTF8.self))
        let dispatcher = AutoDispatcher(cartonCloud: world.cartonCloud, interval: 0.01)
        dispatcher.start()
        // Until the parent says stop (or goes away).
        await Task.detached { _ = readLine() }.value
        await dispatcher.stop()
        await world.stop()
        Report.line("{\"cpuSeconds\":\(ProcessMeter.cpuSeconds())}")
    }
}

struct BenchError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// This benchmark binary started again as a worker, with its standard output read line by line.
final class WorkerProcess: Sendable {
    let process: Process
    let input: Pipe
    let lines: AsyncStream<String>

    init(arguments: [String]) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        process.arguments = arguments
        let output = Pipe()
        let input = Pipe()
        process.standardOutput = output
        process.standardInput = input
        process.standardError = FileHandle.standardError
        let (stream, continuation) = AsyncStream.makeStream(of: String.self)
        let reader = output.fileHandleForReading
        try process.run()
        Thread.detachNewThread {
            var buffer = Data()
            while true {
                let chunk = reader.availableData
                if chunk.isEmpty { break }
                buffer.append(chunk)
                while let newline = buffer.firstIndex(of: 0x0A) {
                    let line = String(decoding: buffer[buffer.startIndex..<newline], as: UTF8.self)
                    buffer.removeSubrange(buffer.startIndex...newline)
                    continuation.yield(line)
                }
            }
            if !buffer.isEmpty { continuation.yield(String(decoding: buffer, as: UTF8.self)) }
            continuation.finish()
        }
        self.process = process
        self.input = input
        self.lines = stream
    }

    func send(_ line: String) {
        input.fileHandleForWriting.write(Data((line + "\n").utf8))
    }

    func wait() {
        try? input.fileHandleForWriting.close()
        process.waitUntilExit()
    }
}
