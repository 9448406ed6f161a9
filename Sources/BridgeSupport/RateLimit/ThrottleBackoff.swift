import Foundation

/// The shared cooldown of one API key after throttle answers that carry no `Retry-After`. Every caller of the key
/// waits it out together (the key's quota may be spent by other applications too: Cin7 counts 60 calls per 60 s per
/// API application, cin7-core-api-v2.apib ~L124). Each throttle answer that comes after a cooldown ended doubles the
/// next one, up to `cap`; answers to calls already in flight during a cooldown add nothing; a call that succeeds
/// ends the run. While a run lasts, one call at a time probes the service, so a throttled minute costs a few answers,
/// not one per caller per cooldown.
public struct ThrottleBackoff: Sendable, Equatable, Codable {
    /// Throttle answers in the current run (0: not throttled).
    public internal(set) var strikes: Int = 0
    /// When the current cooldown ends.
    public internal(set) var until: Date?

    public init() {}

    public init(strikes: Int, until: Date?) {
        self.strikes = max(0, strikes)
        self.until = until
    }

    /// The wait after the `strike`-th throttle answer of a run: `base`, doubling, at most `cap`.
    public static func cooldown(strike: Int, base: TimeInterval, cap: TimeInterval) -> TimeInterval {
        let doublings = Double(min(max(strike - 1, 0), 30))
        return max(0, min(cap, base * pow(2, doublings)))
    }

    /// Records a throttle answer at `now`; returns when the cooldown ends.
    public mutating func throttled(now: Date, base: TimeInterval, cap: TimeInterval) -> Date {
        if let until, until > now { return until }
        strikes += 1
        let end = now.addingTimeInterval(Self.cooldown(strike: strikes, base: base, cap: cap))
        until = end
        return end
    }

    /// A call succeeded: the service answers again, the run is over.
    public mutating func succeeded() {
        strikes = 0
        until = nil
    }

    /// Forgets a run nobody ended (its process stopped) once it has been quiet for `quiet` seconds.
    public mutating func expire(now: Date, quiet: TimeInterval) {
        if let until, until.addingTimeInterval(quiet) <= now { succeeded() }
    }

    /// Whether callers are recovering from throttle answers: only one call at a time should be in flight.
    public var isProbing: Bool { strikes > 0 }
}
