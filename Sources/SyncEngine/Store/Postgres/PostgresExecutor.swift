import Foundation

/// A few threads of its own that run the PostgreSQL client's tasks, so a store method can block its caller while the
/// query runs without waiting on Swift's cooperative pool. The engine calls the store from that pool's threads (as it
/// did with GRDB); were the query's continuations queued there too, a few blocked callers on a 2-core host would
/// starve it and deadlock. Its jobs move rows between NIO and the caller and decode them (JSON), so it has one thread
/// per core (at least two), shared by every store in the process.
final class PostgresExecutor: TaskExecutor, @unchecked Sendable {
    static let shared = PostgresExecutor()

    private let condition = NSCondition()
    private var jobs: [UnownedJob] = []

    private init() {
        for index in 0..<max(2, ProcessInfo.processInfo.activeProcessorCount) {
            let thread = Thread { [unowned self] in self.loop() }
            thread.name = "cin7bridge.postgres.\(index)"
            thread.start()
        }
    }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        condition.lock()
        jobs.append(job)
        condition.signal()
        condition.unlock()
    }

    private func loop() {
        while true {
            condition.lock()
            while jobs.isEmpty { condition.wait() }
            let job = jobs.removeFirst()
            condition.unlock()
            job.runSynchronously(on: asUnownedTaskExecutor())
        }
    }
}

extension PostgresExecutor {
    /// Runs `body` on the executor's threads and waits for it without blocking: for the store's async callers (the
    /// rate budget), whose transactions must not wait for a thread of the cooperative pool between statements.
    static func run<T: Sendable>(_ body: @escaping @Sendable () async throws -> T) async throws -> T {
        try await Task(executorPreference: shared) { try await body() }.value
    }
}
