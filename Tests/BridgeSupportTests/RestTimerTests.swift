import BridgeSupport
import Foundation
import Synchronization
import Testing

/// The one timer a host's resting loops share.
@Suite struct RestTimerTests {
    /// Which actions have run, in order.
    final class Fired: Sendable {
        private let names = Mutex<[String]>([])
        var list: [String] { names.withLock { $0 } }
        func action(_ name: String) -> RestTimer.Action { { self.names.withLock { $0.append(name) } } }
    }

    /// Waits (real time, briefly) for the timer's task to catch up with the manual clock.
    func settle(_ fired: Fired, count: Int) async {
        for _ in 0..<2000 where fired.list.count < count { try? await Task.sleep(nanoseconds: 1_000_000) }
    }

    @Test func deadlinesWithinATolerancePassTogetherAtTheGridMark() async {
        let clock = ManualClock(now: Date(timeIntervalSince1970: 1_000))
        let timer = RestTimer(clock: clock)
        let fired = Fired()
        timer.schedule(at: clock.now.addingTimeInterval(0.2), tolerance: 1, fired.action("a"))
        timer.schedule(at: clock.now.addingTimeInterval(0.9), tolerance: 1, fired.action("b"))
        timer.schedule(at: clock.now.addingTimeInterval(1.1), tolerance: 1, fired.action("c"))
        clock.advance(by: 0.95)
        await settle(fired, count: 1)
        #expect(fired.list.isEmpty, "nothing before the grid mark at 1 001 s")
        clock.advance(by: 0.05)
        await settle(fired, count: 2)
        #expect(fired.list == ["a", "b"])
        clock.advance(by: 1)
        await settle(fired, count: 3)
        #expect(fired.list == ["a", "b", "c"])
        #expect(timer.count == 0)
    }

    @Test func aCancelledWaitNeverFiresAndAnEarlierOneIsNotHeldUpByALaterOne() async {
        let clock = ManualClock(now: Date(timeIntervalSince1970: 1_000))
        let timer = RestTimer(clock: clock)
        let fired = Fired()
        timer.schedule(at: clock.now.addingTimeInterval(30), tolerance: 0, fired.action("late"))
        let cancelled = timer.schedule(at: clock.now.addingTimeInterval(2), tolerance: 0, fired.action("cancelled"))
        timer.schedule(at: clock.now.addingTimeInterval(5), tolerance: 0, fired.action("early"))
        timer.cancel(cancelled)
        clock.advance(by: 5)
        await settle(fired, count: 1)
        #expect(fired.list == ["early"])
        clock.advance(by: 25)
        await settle(fired, count: 2)
        #expect(fired.list == ["early", "late"])
    }

    @Test func roundingIsUpToAMultipleOfTheTolerance() {
        let t = Date(timeIntervalSince1970: 1_000.2)
        #expect(RestTimer.rounded(t, tolerance: 1) == Date(timeIntervalSince1970: 1_001))
        #expect(RestTimer.rounded(t, tolerance: 0.25) == Date(timeIntervalSince1970: 1_000.25))
        #expect(RestTimer.rounded(t, tolerance: 0) == t)
        #expect(RestTimer.rounded(Date(timeIntervalSince1970: 1_001), tolerance: 1) == Date(timeIntervalSince1970: 1_001))
    }
}
