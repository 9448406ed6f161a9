import Foundation
import Synchronization
import Testing

@testable import SyncEngine

@Suite struct WriteBatchTests {
    /// A write that fails while `failing` is set, keeping what got through.
    final class Target: Sendable {
        let failing = Mutex(false)
        let written = Mutex<[[String]]>([])

        func write(_ items: [String]) throws {
            if failing.withLock({ $0 }) { throw StoreError.locked(path: "test") }
            written.withLock { $0.append(items) }
        }
    }

    static func batch(_ target: Target, limit: Int = 100) -> WriteBatch<String, String> {
        WriteBatch(delay: .seconds(3600), retryDelay: .seconds(3600), limit: limit) { try target.write($0) }
    }

    /// The key of "a:2" is "a"; "x" has none.
    static func key(_ item: String) -> String? {
        item.contains(":") ? String(item.prefix { $0 != ":" }) : nil
    }

    @Test func aFailedWriteKeepsItsItemsAheadOfLaterOnes() throws {
        let target = Target()
        let batch = Self.batch(target)
        batch.add(["a:1", "x", "b:1"], key: Self.key)
        target.failing.withLock { $0 = true }
        #expect(throws: StoreError.self) { try batch.flush() }
        #expect(batch.waitingItem("a") == "a:1")
        batch.add(["y"], key: Self.key)
        target.failing.withLock { $0 = false }
        try batch.flush()
        #expect(target.written.withLock { $0 } == [["a:1", "x", "b:1", "y"]])
        #expect(batch.waitingItem("a") == nil)
    }

    @Test func aNewerItemUnderTheSameKeyReplacesTheFailedOne() throws {
        let target = Target()
        let batch = Self.batch(target)
        target.failing.withLock { $0 = true }
        #expect(throws: StoreError.self) { try batch.flush(with: "a:1", key: "a") }
        // A newer status arrives while the failed write is being put back: the failed one is not written after it.
        batch.add(["b:1"], key: Self.key)
        #expect(throws: StoreError.self) { try batch.flush(with: "a:2", key: "a") }
        target.failing.withLock { $0 = false }
        try batch.flush()
        #expect(target.written.withLock { $0 } == [["a:2", "b:1"]])
    }

    @Test func atMostTheLimitWaitsTheOldestGoing() throws {
        let target = Target()
        let batch = Self.batch(target, limit: 3)
        target.failing.withLock { $0 = true }
        batch.add(["1", "2", "3", "4"], key: Self.key)
        #expect(throws: StoreError.self) { try batch.flush() }
        batch.add(["5"], key: Self.key)
        target.failing.withLock { $0 = false }
        try batch.flush()
        #expect(target.written.withLock { $0 } == [["2", "3", "4", "5"]])
    }

    @Test func aFailedTimedWriteIsTriedAgain() async throws {
        let target = Target()
        target.failing.withLock { $0 = true }
        let batch = WriteBatch<String, String>(delay: .milliseconds(10), retryDelay: .milliseconds(50)) { try target.write($0) }
        batch.add(["x"], key: Self.key)
        try await Task.sleep(for: .milliseconds(30))
        target.failing.withLock { $0 = false }
        let deadline = Date().addingTimeInterval(10)
        while target.written.withLock({ $0.isEmpty }) && Date() < deadline { try await Task.sleep(for: .milliseconds(10)) }
        #expect(target.written.withLock { $0 } == [["x"]])
    }
}
