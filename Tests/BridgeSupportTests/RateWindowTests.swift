import BridgeSupport
import Foundation
import Testing

@Suite struct RateWindowTests {
    let policy = RatePolicy(limit: 3, window: 10)
    let t0 = Date(timeIntervalSince1970: 1_000)

    @Test func grantsUpToTheLimitThenSaysWhenASlotFrees() {
        var window = RateWindow()
        var slots: [UInt64] = []
        for _ in 0..<3 {
            guard case .success(let slot) = window.acquire(now: t0, policy: policy) else {
                Issue.record("refused early")
                return
            }
            slots.append(slot)
        }
        for slot in slots { window.finish(id: slot, now: t0.addingTimeInterval(1)) }
        guard case .failure(let retry) = window.acquire(now: t0.addingTimeInterval(2), policy: policy) else {
            Issue.record("granted over the limit")
            return
        }
        // A slot counts for a full window from when its call finished.
        #expect(retry.date == t0.addingTimeInterval(11))
        #expect(window.used(now: t0.addingTimeInterval(2), policy: policy) == 3)
        #expect(window.used(now: t0.addingTimeInterval(11), policy: policy) == 0)
        guard case .success = window.acquire(now: t0.addingTimeInterval(11), policy: policy) else {
            Issue.record("not freed")
            return
        }
    }

    @Test func reserveKeepsBudgetForHigherPriorities() {
        var window = RateWindow()
        let policy = RatePolicy(limit: 8, window: 10)
        let reserve = CallPriority.background.reserve(in: policy)
        #expect(reserve == 2)
        var granted = 0
        while case .success = window.acquire(now: t0, policy: policy, reserve: reserve) { granted += 1 }
        #expect(granted == 6)
        guard case .success = window.acquire(now: t0, policy: policy, reserve: 0) else {
            Issue.record("high priority refused")
            return
        }
    }

    @Test func blockStopsEveryoneUntilTheCooldownEnds() {
        var window = RateWindow()
        window.block(until: t0.addingTimeInterval(5))
        guard case .failure(let retry) = window.acquire(now: t0, policy: policy) else {
            Issue.record("granted while blocked")
            return
        }
        #expect(retry.date == t0.addingTimeInterval(5))
        guard case .success = window.acquire(now: t0.addingTimeInterval(5), policy: policy) else {
            Issue.record("still blocked")
            return
        }
    }

    @Test func abandonedInFlightSlotsExpire() {
        var window = RateWindow()
        for _ in 0..<3 { _ = window.acquire(now: t0, policy: policy) }
        let later = t0.addingTimeInterval(policy.window + RateWindow.abandonedAfter(policy) + 0.1)
        guard case .success = window.acquire(now: later, policy: policy) else {
            Issue.record("a dead process's slots never freed")
            return
        }
    }

    @Test func survivesACodableRoundTrip() throws {
        var window = RateWindow()
        _ = window.acquire(now: t0, policy: policy)
        let copy = try JSONDecoder().decode(RateWindow.self, from: JSONEncoder().encode(window))
        #expect(copy == window)
    }

    @Test func survivesTheCompactTextRoundTrip() throws {
        var window = RateWindow()
        for index in 0..<5 {
            if case .success(let id) = window.acquire(now: t0.addingTimeInterval(Double(index) * 0.123456789), policy: policy), index % 2 == 0 {
                window.finish(id: id, now: t0.addingTimeInterval(Double(index) * 0.2 + 1e-7))
            }
        }
        window.block(until: t0.addingTimeInterval(30.5))
        let copy = try #require(RateWindow(compactText: window.compactText))
        #expect(copy == window)
        #expect(RateWindow(compactText: RateWindow().compactText) == RateWindow())
        #expect(RateWindow(compactText: "{\"slots\":[]}") == nil)
        #expect(RateWindow(compactText: "w1 2 - 1:x:1") == nil)
    }
}

@Suite struct RateGovernorTests {
    @Test func pacesCallersOnAManualClockWithoutRealWaiting() async throws {
        let clock = ManualClock()
        let governor = RateGovernor(key: "k", policy: RatePolicy(limit: 2, window: 60), clock: clock)
        _ = try await governor.withSlot { 1 }
        _ = try await governor.withSlot { 2 }
        let third = Task { try await governor.withSlot { 3 } }
        while clock.sleeperCount == 0 { await Task.yield() }
        #expect(await governor.usage().used == 2)
        clock.advance(by: 61)
        #expect(try await third.value == 3)
    }

    @Test func aSharedStoreGetsFinishedCallsWithTheNextGrant() async throws {
        let clock = ManualClock()
        let store = CountingBudgetStore()
        let policy = RatePolicy(limit: 10, window: 0.4)
        let governor = RateGovernor(key: "k", policy: policy, store: store, clock: clock)
        for value in 0..<3 { _ = try await governor.withSlot { value } }
        // Three grants, each carrying the call before it: one change per call, not two.
        #expect(store.changes == 3)
        #expect(store.finished == 2)
        // The last is recorded on its own once it has waited `finishDelay` (real time).
        try await Task.sleep(for: .seconds(RateGovernor.finishDelay(policy) * 10))
        #expect(store.finished == 3)
        #expect(store.changes == 4)
        // A failed call (perhaps throttled) is recorded at once.
        _ = try? await governor.withSlot { () throws -> Int in throw CancellationError() }
        #expect(store.finished == 4)
    }

    @Test func throttledCooldownIsShared() async throws {
        let clock = ManualClock()
        let store = InMemoryRateBudgetStore()
        let a = RateGovernor(key: "shared", policy: RatePolicy(limit: 60, window: 60), store: store, clock: clock)
        let b = RateGovernor(key: "shared", policy: RatePolicy(limit: 60, window: 60), store: store, clock: clock)
        await a.throttled(cooldown: 5)
        let waiting = Task { try await b.withSlot { "b" } }
        while clock.sleeperCount == 0 { await Task.yield() }
        #expect(await b.usage().blockedUntil != nil)
        clock.advance(by: 5)
        #expect(try await waiting.value == "b")
    }
}

@Suite struct BackoffTests {
    @Test func growsExponentiallyWithinTheCap() {
        let backoff = Backoff(base: 1, cap: 30)
        #expect(backoff.delay(forAttempt: 1, jitter: 1) == 1)
        #expect(backoff.delay(forAttempt: 3, jitter: 1) == 4)
        #expect(backoff.delay(forAttempt: 10, jitter: 1) == 30)
        #expect(backoff.delay(forAttempt: 3, jitter: 0) == 2)
        for attempt in 1...20 {
            let delay = backoff.delay(forAttempt: attempt)
            #expect(delay > 0 && delay <= 30)
        }
    }

    @Test func minimumElapsedAddsTheShortestDelays() {
        let backoff = Backoff(base: 2, cap: 10)
        #expect(backoff.minimumElapsed(afterAttempts: 0) == 0)
        #expect(backoff.minimumElapsed(afterAttempts: 1) == 1)
        #expect(backoff.minimumElapsed(afterAttempts: 4) == 1 + 2 + 4 + 5)
        #expect(backoff.minimumElapsed(afterAttempts: 6) == 1 + 2 + 4 + 5 + 5 + 5)
    }

    @Test func retryPolicyStopsOnPermanentErrors() async throws {
        struct Permanent: Error {}
        let clock = ManualClock()
        let attempts = Counter()
        await #expect(throws: Permanent.self) {
            try await RetryPolicy(maxAttempts: 5).run(clock: clock, shouldRetry: { _, _ in nil }) { _ in
                attempts.increment()
                throw Permanent()
            }
        }
        #expect(attempts.value == 1)
    }
}

@Suite struct SafetyTests {
    @Test func plainHTTPOnlyToLoopbackUnlessAllowed() throws {
        try URLSafety.check(URL(string: "https://inventory.dearsystems.com/ExternalApi/v2/")!, allowInsecureHTTP: false)
        try URLSafety.check(URL(string: "http://127.0.0.1:8080/")!, allowInsecureHTTP: false)
        try URLSafety.check(URL(string: "http://[::1]:8080/")!, allowInsecureHTTP: false)
        #expect(throws: TransportError.self) { try URLSafety.check(URL(string: "http://example.com/")!, allowInsecureHTTP: false) }
        try URLSafety.check(URL(string: "http://example.com/")!, allowInsecureHTTP: true)
    }

    @Test func secretsNeverPrint() {
        let secret = Secret("3f1c2b9e-8d41-4c7a-9a55-0c2d6e1f7a10")
        #expect("\(secret)" == "<secret>")
        #expect(String(reflecting: secret) == "<secret>")
        #expect(!secret.masked.contains("7a10"))
        #expect(secret.reveal().hasSuffix("7a10"))
    }
}

final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0
    func increment() {
        lock.lock()
        count += 1
        lock.unlock()
    }
    var value: Int {
        lock.lock()
        defer { lock.unlock() }
        return count
    }
}
