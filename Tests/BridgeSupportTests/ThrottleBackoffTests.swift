import BridgeSupport
import Foundation
import Testing

/// The shared, growing cooldown after throttle answers without `Retry-After`.
@Suite struct ThrottleBackoffTests {
    let t0 = Date(timeIntervalSince1970: 1_000)
    let policy = RatePolicy(limit: 60, window: 60)

    @Test func cooldownDoublesUpToTheCap() {
        #expect((1...6).map { ThrottleBackoff.cooldown(strike: $0, base: 5, cap: 60) } == [5, 10, 20, 40, 60, 60])
        #expect(ThrottleBackoff.cooldown(strike: 1_000, base: 5, cap: 60) == 60)
    }

    @Test func answersDuringACooldownDoNotGrowIt() {
        var backoff = ThrottleBackoff()
        #expect(backoff.throttled(now: t0, base: 5, cap: 60) == t0.addingTimeInterval(5))
        // A second caller's call was already in flight: same cooldown, same run.
        #expect(backoff.throttled(now: t0.addingTimeInterval(1), base: 5, cap: 60) == t0.addingTimeInterval(5))
        #expect(backoff.strikes == 1)
        // The first call after the cooldown is throttled again: twice as long.
        #expect(backoff.throttled(now: t0.addingTimeInterval(5), base: 5, cap: 60) == t0.addingTimeInterval(15))
        #expect(backoff.strikes == 2)
        backoff.succeeded()
        #expect(backoff == ThrottleBackoff())
        #expect(backoff.throttled(now: t0.addingTimeInterval(100), base: 5, cap: 60) == t0.addingTimeInterval(105))
    }

    @Test func aForgottenRunExpiresAfterAQuietSpell() {
        var backoff = ThrottleBackoff()
        _ = backoff.throttled(now: t0, base: 5, cap: 60)
        backoff.expire(now: t0.addingTimeInterval(100), quiet: 120)
        #expect(backoff.strikes == 1)
        backoff.expire(now: t0.addingTimeInterval(125), quiet: 120)
        #expect(backoff.strikes == 0)
    }

    /// A minute of throttle answers (another application spends the key's quota) costs a few answers, not one per
    /// caller per cooldown: everyone waits together, one call probes, the wait grows.
    @Test func aThrottledMinuteCostsAFewAnswers() {
        var window = RateWindow()
        var now = t0
        var answers = 0
        var inFlight: [UInt64] = []
        while now < t0.addingTimeInterval(60) {
            // Two callers (the list poll and the carrier list) each want a call whenever the window lets them.
            for _ in 0..<2 {
                if case .success(let slot) = window.acquire(now: now, policy: policy) { inFlight.append(slot) }
            }
            // The service throttles every call that reaches it.
            for slot in inFlight {
                window.finish(id: slot, now: now, succeeded: false)
                window.throttled(now: now, base: 5, cap: 60)
                answers += 1
            }
            inFlight = []
            now = now.addingTimeInterval(0.5)
        }
        // Two at first (both callers were let through), then one probe after each cooldown: 5, 10, 20 s.
        #expect(answers == 5, "\(answers) throttle answers in a minute")
        #expect(window.backoff.strikes == 4)
    }

    @Test func oneCallAtATimeProbesAfterAThrottle() {
        var window = RateWindow()
        window.throttled(now: t0, base: 1, cap: 60)
        let later = t0.addingTimeInterval(1)
        guard case .success(let probe) = window.acquire(now: later, policy: policy) else {
            Issue.record("no probe")
            return
        }
        guard case .failure = window.acquire(now: later, policy: policy) else {
            Issue.record("a second call while probing")
            return
        }
        window.finish(id: probe, now: later, succeeded: true)
        #expect(window.backoff.strikes == 0)
        guard case .success = window.acquire(now: later, policy: policy) else {
            Issue.record("refused after the probe succeeded")
            return
        }
        guard case .success = window.acquire(now: later, policy: policy) else {
            Issue.record("concurrency not restored")
            return
        }
    }

    @Test func theRunSurvivesTheCompactTextForm() throws {
        var window = RateWindow()
        window.throttled(now: t0, base: 5, cap: 60)
        let copy = try #require(RateWindow(compactText: window.compactText))
        #expect(copy == window)
        #expect(copy.backoff.strikes == 1)
        // The earlier form is still read.
        #expect(RateWindow(compactText: "w1 2 - 1:10.5:1")?.slots.count == 1)
    }

    @Test func governorsOfOneKeyShareTheGrowingCooldown() async throws {
        let clock = ManualClock(now: t0)
        let store = InMemoryRateBudgetStore()
        let a = RateGovernor(key: "k", policy: policy, store: store, clock: clock)
        let b = RateGovernor(key: "k", policy: policy, store: store, clock: clock)
        await a.throttled(base: 5, cap: 60)
        #expect(await b.usage().blockedUntil == t0.addingTimeInterval(5))
        clock.advance(by: 5)
        await b.throttled(base: 5, cap: 60)
        #expect(await a.usage().blockedUntil == t0.addingTimeInterval(15))
    }
}
