import Foundation

/// Capped exponential backoff with jitter: attempt 1 waits about `base`, each later attempt about `multiplier`
/// times longer, never more than `cap`. Half of each delay is fixed and half random, so callers that failed together
/// spread out without any of them retrying immediately.
public struct Backoff: Sendable, Equatable, Codable {
    public var base: TimeInterval
    public var cap: TimeInterval
    public var multiplier: Double

    public init(base: TimeInterval = 1, cap: TimeInterval = 300, multiplier: Double = 2) {
        self.base = base
        self.cap = cap
        self.multiplier = multiplier
    }

    /// The delay before retry number `attempt` (1-based), with `jitter` in `0...1`.
    public func delay(forAttempt attempt: Int, jitter: Double) -> TimeInterval {
        let exponent = Double(max(0, attempt - 1))
        let full = min(cap, base * pow(multiplier, exponent))
        let unit = min(max(jitter, 0), 1)
        return full / 2 + full / 2 * unit
    }

    /// The least time `attempts` retries in a row can have taken (every delay at its shortest): how long a unit that
    /// has failed that often has been failing, at least.
    public func minimumElapsed(afterAttempts attempts: Int) -> TimeInterval {
        attempts < 1 ? 0 : (1...attempts).reduce(0) { $0 + delay(forAttempt: $1, jitter: 0) }
    }

    /// The delay before retry number `attempt`, with jitter from `generator`.
    public func delay<G: RandomNumberGenerator>(forAttempt attempt: Int, using generator: inout G) -> TimeInterval {
        delay(forAttempt: attempt, jitter: Double.random(in: 0...1, using: &generator))
    }

    /// The delay before retry number `attempt`, with system randomness.
    public func delay(forAttempt attempt: Int) -> TimeInterval {
        var generator = SystemRandomNumberGenerator()
        return delay(forAttempt: attempt, using: &generator)
    }
}
