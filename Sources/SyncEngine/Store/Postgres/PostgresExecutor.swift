import Foundation

/// One thread that runs the PostgreSQL client's tasks, so a store method can block its caller while the query runs
/// without waiting on Swift's cooperative pool. The engine calls the store from that pool's threads (as it did with
/// GRDB); were the query's continuations queued there too, a few blocked callers on a 2-core host would starve it
/// and deadlock. Its jobs only move bytes between NIO and the caller, so one thread serves every store.
final class PostgresExecutor: TaskExecutor, @unchecked Sendable {
    static let shared = PostgresExecutor()

    private let condition = NSCondition()
    private var jobs: [UnownedJob] = []

    private init() {
        let thread = Thread { [unowned self] in self.loop() }
        thread.name = "cin7bridge.postgres"
        thread.start()
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
            let batch = jobs
            jobs.removeAll(keepingCapacity: true)
            condition.unlock()
            for job in batch { job.runSynchronously(on: asUnownedTaskExecutor()) }
        }
    }
}
