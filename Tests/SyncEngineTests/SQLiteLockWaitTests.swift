import Foundation
import Testing

@testable import SyncEngine

@Suite struct SQLiteLockWaitTests {
    @Test func theWaitGrowsFromTwoMillisecondsToATenthOfASecond() {
        #expect(SQLiteLockWait.delay(beforeTry: 0) == 0.002)
        #expect(SQLiteLockWait.delay(beforeTry: 3) == 0.016)
        #expect(SQLiteLockWait.delay(beforeTry: 6) == 0.1)
        #expect(SQLiteLockWait.delay(beforeTry: 500) == 0.1)
        #expect(SQLiteLockWait.waited(beforeTry: 0) == 0)
        #expect(abs(SQLiteLockWait.waited(beforeTry: 3) - 0.014) < 1e-9)
        // Ten seconds is about a hundred tries.
        let tries = (0...).first { SQLiteLockWait.waited(beforeTry: $0) >= 10 } ?? 0
        #expect((100...110).contains(tries))
    }

    @Test func onceAWaitRunsOutLaterWaitsLastOnlyTheGraceUntilAWriteGetsThrough() {
        let wait = SQLiteLockWait(timeout: 10, grace: 1)
        let withinGrace = 8  // 0.326 s waited
        let beyondGrace = 20  // 1.626 s waited
        #expect(wait.retry(afterTries: withinGrace))
        #expect(wait.retry(afterTries: beyondGrace))
        #expect(!wait.isHeld)
        // The full timeout runs out: the lock is held for good.
        #expect(!wait.retry(afterTries: 1000))
        #expect(wait.isHeld)
        #expect(wait.retry(afterTries: withinGrace))
        #expect(!wait.retry(afterTries: beyondGrace))
        // A write got through: the full timeout again.
        wait.wrote()
        #expect(!wait.isHeld)
        #expect(wait.retry(afterTries: beyondGrace))
    }
}
