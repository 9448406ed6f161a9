import Foundation

/// The pure state of one sliding-window budget: the calls made in the current window and any cooldown after a
/// throttle response. `RateBudgetStore`s keep one per key; all the arithmetic lives here so it is tested once.
///
/// A call occupies its slot from when it is granted until `window` seconds after it *finished* (see `finish`), so a
/// server that counts calls when it receives them never sees more than `limit` in its own window.
public struct RateWindow: Sendable, Equatable, Codable {
    public struct Slot: Sendable, Equatable, Codable {
        public var id: UInt64
        /// When the call was granted; replaced by the time it finished.
        public var at: Date
        public var finished: Bool
    }

    public internal(set) var slots: [Slot] = []
    public internal(set) var blockedUntil: Date?
    /// The run of throttle answers this key is recovering from, if any.
    public internal(set) var backoff = ThrottleBackoff()
    var nextID: UInt64 = 1

    public init() {}

    enum CodingKeys: String, CodingKey { case slots, blockedUntil, backoff, nextID }

    /// Reads every stored form, including JSON written before `backoff` existed.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        slots = try container.decode([Slot].self, forKey: .slots)
        blockedUntil = try container.decodeIfPresent(Date.self, forKey: .blockedUntil)
        backoff = try container.decodeIfPresent(ThrottleBackoff.self, forKey: .backoff) ?? ThrottleBackoff()
        nextID = try container.decode(UInt64.self, forKey: .nextID)
    }

    /// Drops calls that left the window. A call never marked finished (its process died mid-call) is dropped once
    /// it is older than the window plus `abandonedAfter(policy)`.
    public mutating func prune(now: Date, policy: RatePolicy) {
        let abandoned = policy.window + Self.abandonedAfter(policy)
        // Calls stamped more than a window ahead mean the clock was set back: they no longer tell anything.
        slots.removeAll {
            ($0.finished ? $0.at.addingTimeInterval(policy.window) <= now : $0.at.addingTimeInterval(abandoned) <= now)
                || $0.at > now.addingTimeInterval(policy.window)
        }
        if let blocked = blockedUntil, blocked <= now || blocked > now.addingTimeInterval(max(300, policy.window * 2)) { blockedUntil = nil }
        backoff.expire(now: now, quiet: policy.window * 2)
    }

    /// How long past its window an unfinished call keeps its slot.
    public static func abandonedAfter(_ policy: RatePolicy) -> TimeInterval {
        min(120, max(5, policy.window))
    }

    /// Calls counted in the window at `now`.
    public func used(now: Date, policy: RatePolicy) -> Int {
        slots.filter { !$0.finished || $0.at.addingTimeInterval(policy.window) > now }.count
    }

    /// Grants a call (returning its slot id) or returns when to ask again.
    public mutating func acquire(now: Date, policy: RatePolicy, reserve: Int = 0) -> Result<UInt64, RetryAt> {
        prune(now: now, policy: policy)
        if let blocked = blockedUntil { return .failure(RetryAt(date: blocked)) }
        // After throttle answers, one call at a time finds out whether the quota is back.
        if backoff.isProbing, slots.contains(where: { !$0.finished }) {
            return .failure(RetryAt(date: now.addingTimeInterval(min(1, policy.window / 20))))
        }
        let allowed = max(1, policy.limit - reserve)
        if slots.count < allowed {
            let id = nextID
            nextID &+= 1
            slots.append(Slot(id: id, at: now, finished: false))
            return .success(id)
        }
        // The earliest moment a slot frees: the oldest finished call leaving the window. If every slot is still in
        // flight, look again shortly.
        let expiries = slots.filter(\.finished).map { $0.at.addingTimeInterval(policy.window) }.sorted()
        let needed = slots.count - allowed
        let retry = needed < expiries.count ? expiries[needed] : now.addingTimeInterval(min(1, policy.window / 20))
        return .failure(RetryAt(date: max(retry, now)))
    }

    /// Marks a granted call finished at `now`; its slot stays counted for one more window from here. A call that
    /// `succeeded` (was not throttled) ends a run of throttle answers.
    public mutating func finish(id: UInt64, now: Date, succeeded: Bool = false) {
        if succeeded { backoff.succeeded() }
        guard let index = slots.firstIndex(where: { $0.id == id }) else { return }
        slots[index].at = max(slots[index].at, now)
        slots[index].finished = true
    }

    /// Marks calls finished in the order they finished.
    public mutating func finish(_ calls: [FinishedCall]) {
        for call in calls { finish(id: call.slot, now: call.at, succeeded: call.succeeded) }
    }

    /// A granted call that finished, waiting to be recorded (see `RateBudgetStore.batchesFinishes`).
    public struct FinishedCall: Sendable, Equatable {
        public var slot: UInt64
        public var at: Date
        public var succeeded: Bool

        public init(slot: UInt64, at: Date, succeeded: Bool) {
            self.slot = slot
            self.at = at
            self.succeeded = succeeded
        }
    }

    /// Stops every caller until `until` (a throttle response was received).
    public mutating func block(until: Date) {
        blockedUntil = max(blockedUntil ?? until, until)
    }

    /// A throttle answer without `Retry-After` at `now`: every caller waits the run's growing cooldown.
    public mutating func throttled(now: Date, base: TimeInterval, cap: TimeInterval) {
        block(until: backoff.throttled(now: now, base: base, cap: cap))
    }

    public func usage(now: Date, policy: RatePolicy) -> RateUsage {
        RateUsage(
            used: used(now: now, policy: policy),
            limit: policy.limit,
            window: policy.window,
            blockedUntil: blockedUntil.flatMap { $0 > now ? $0 : nil }
        )
    }

    /// When to ask again.
    public struct RetryAt: Error, Sendable, Equatable {
        public var date: Date
    }
}
