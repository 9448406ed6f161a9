import BridgeSupport
import Foundation
import Synchronization

/// A clock that never waits: sleeping moves its time to the deadline (retry and rate logic run instantly).
final class VirtualClock: BridgeClock {
    private let current = Mutex(Date(timeIntervalSince1970: 1_767_225_600))
    var now: Date { current.withLock { $0 } }
    func sleep(until deadline: Date) async throws {
        try Task.checkCancellation()
        current.withLock { $0 = max($0, deadline) }
        await Task.yield()
    }
}

/// The real clock plus an offset that a test can jump forwards or backwards.
final class JumpClock: BridgeClock {
    private let offset = Mutex<TimeInterval>(0)
    var now: Date { Date().addingTimeInterval(offset.withLock { $0 }) }
    func jump(by seconds: TimeInterval) { offset.withLock { $0 += seconds } }
    func sleep(until deadline: Date) async throws {
        // Like `SystemClock`: the wait is measured when it starts and then runs on a monotonic clock, so setting the
        // wall clock during a sleep neither cuts it short nor stretches it.
        let remaining = deadline.timeIntervalSince(now)
        if remaining <= 0 {
            try Task.checkCancellation()
            return
        }
        try await Task.sleep(nanoseconds: UInt64(remaining * 1_000_000_000))
    }
}
