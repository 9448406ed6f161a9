import Foundation

/// Wall-clock time and sleeping, injected wherever retry, rate or poll logic waits, so that logic can be tested
/// without real time passing.
public protocol BridgeClock: Sendable {
    /// The current time.
    var now: Date { get }
    /// Suspends until `deadline` (returns at once when it has passed). Throws `CancellationError` when cancelled.
    func sleep(until deadline: Date) async throws
}

extension BridgeClock {
    /// Suspends for `seconds` from now.
    public func sleep(seconds: TimeInterval) async throws {
        try await sleep(until: now.addingTimeInterval(seconds))
    }
}

/// The real clock.
public struct SystemClock: BridgeClock {
    public init() {}

    public var now: Date { Date() }

    public func sleep(until deadline: Date) async throws {
        let interval = deadline.timeIntervalSinceNow
        if interval > 0 {
            try await Task.sleep(nanoseconds: UInt64(interval * 1_000_000_000))
        } else {
            try Task.checkCancellation()
        }
    }
}
