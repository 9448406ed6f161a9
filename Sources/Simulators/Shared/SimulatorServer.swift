import Hummingbird
import Logging
import Synchronization

/// The Hummingbird application a simulator serves on loopback: started once, stopped once. Both simulators run
/// through it, so starting, reporting the bound port and failing on a busy port behave the same for both.
final class SimulatorServer: Sendable {
    private let label: String
    private let running = Mutex<Task<Void, any Error>?>(nil)

    init(label: String) {
        self.label = label
    }

    /// Serves `router` on `host:port` (port 0 picks a free one) and returns the port it listens on. Throws when the
    /// server cannot listen (a port in use) instead of waiting for it.
    func start(_ router: Router<BasicRequestContext>, host: String, port: Int) async throws -> Int {
        let (ports, continuation) = AsyncStream<Int>.makeStream()
        var logger = Logger(label: label)
        logger.logLevel = .critical
        let app = Application(
            router: router,
            configuration: .init(address: .hostname(host, port: port), serverName: nil),
            onServerRunning: { channel in
                continuation.yield(channel.localAddress?.port ?? port)
                continuation.finish()
            },
            logger: logger
        )
        let task = Task {
            // When the server cannot start, the stream ends without a port and the error surfaces below.
            defer { continuation.finish() }
            try await app.runService(gracefulShutdownSignals: [])
        }
        var bound: Int?
        for await value in ports { bound = value }
        guard let bound else {
            task.cancel()
            try await task.value
            throw SimulatorStartError(message: "the \(label) could not listen on \(host):\(port)")
        }
        running.withLock { $0 = task }
        return bound
    }

    /// Stops serving and waits until the server has shut down.
    func stop() async {
        let task = running.withLock { current in
            defer { current = nil }
            return current
        }
        task?.cancel()
        _ = try? await task?.value
    }
}

struct SimulatorStartError: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}
