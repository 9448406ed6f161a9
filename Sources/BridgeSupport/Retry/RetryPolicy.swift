import Foundation

/// How often and how patiently a client retries a call that failed for a transient reason.
public struct RetryPolicy: Sendable, Equatable {
    /// Total tries including the first.
    public var maxAttempts: Int
    public var backoff: Backoff

    public init(maxAttempts: Int = 4, backoff: Backoff = Backoff(base: 0.5, cap: 30)) {
        self.maxAttempts = maxAttempts
        self.backoff = backoff
    }

    /// One try only.
    public static let none = RetryPolicy(maxAttempts: 1)

    /// Runs `operation`, retrying while `shouldRetry` says so and attempts remain. `shouldRetry` returns the minimum
    /// wait it wants (for example a throttle cooldown), or nil to give up with that error.
    public func run<T: Sendable>(
        clock: any BridgeClock,
        shouldRetry: @Sendable (any Error, Int) -> TimeInterval?,
        _ operation: @Sendable (Int) async throws -> T
    ) async throws -> T {
        var attempt = 1
        while true {
            do {
                return try await operation(attempt)
            } catch {
                if error is CancellationError { throw error }
                guard attempt < maxAttempts, let minimum = shouldRetry(error, attempt) else { throw error }
                let wait = max(minimum, backoff.delay(forAttempt: attempt))
                try await clock.sleep(seconds: wait)
                attempt += 1
            }
        }
    }
}
