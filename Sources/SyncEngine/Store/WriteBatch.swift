import Foundation
import Synchronization

/// Writes waiting to be made together: hundreds of engines on one host, each publishing its status after every poll
/// and recording its calls, cost one write transaction per `delay` rather than one each. An item added with a key
/// replaces the one waiting with the same key (a newer status); items are written in the order they came, one batch
/// at a time, so a later item is never overwritten by an earlier one.
final class WriteBatch<Key: Hashable & Sendable, Item: Sendable>: Sendable {
    private struct Waiting {
        var items: [(key: Key?, item: Item)] = []
        var positions: [Key: Int] = [:]
        var flushing = false

        mutating func add(_ item: Item, key: Key?) {
            if let key, let position = positions[key] {
                items[position].item = item
            } else {
                if let key { positions[key] = items.count }
                items.append((key, item))
            }
        }

        /// Marks a timed write as scheduled; true when none was, so the caller schedules it.
        mutating func scheduleFlush() -> Bool {
            defer { flushing = true }
            return !flushing
        }

        /// Puts back, ahead of what came since, the items of a write that failed; an item replaced meanwhile under
        /// its key stays replaced. At most `limit` wait: beyond, the oldest go.
        mutating func putBack(_ failed: [(key: Key?, item: Item)], limit: Int) {
            let kept = failed.filter { $0.key.map { positions[$0] == nil } ?? true } + items
            items = Array(kept.suffix(limit))
            positions = [:]
            for (index, entry) in items.enumerated() { if let key = entry.key { positions[key] = index } }
        }
    }

    private let waiting = Mutex(Waiting())
    private let writing = Mutex(())
    private let delay: DispatchTimeInterval
    private let retryDelay: DispatchTimeInterval
    private let limit: Int
    private let write: @Sendable ([Item]) throws -> Void
    /// Where the timed writes run: a write may block for the database's busy timeout (another process holding the
    /// lock), which must not take one of the few threads every engine's tasks share.
    private let queue = DispatchQueue(label: "cin7bridge.write-batch")

    /// A failed write is tried again after `retryDelay`, its items kept (at most `limit` in all, the oldest dropped
    /// beyond: hours of idle call records while the database cannot be written).
    init(
        delay: DispatchTimeInterval = .milliseconds(250),
        retryDelay: DispatchTimeInterval = .seconds(5),
        limit: Int = 20_000,
        write: @escaping @Sendable ([Item]) throws -> Void
    ) {
        self.delay = delay
        self.retryDelay = retryDelay
        self.limit = limit
        self.write = write
    }

    /// Writes `items` within `delay`, with the others waiting then; each replaces the one waiting under its key.
    func add(_ items: [Item], key: (Item) -> Key?) {
        let start = waiting.withLock { waiting -> Bool in
            for item in items { waiting.add(item, key: key(item)) }
            return waiting.scheduleFlush()
        }
        if start { schedule(after: delay) }
    }

    /// Writes every waiting item now (with `item`, when given). When the write fails its items wait for the next
    /// one, which is scheduled.
    func flush(with item: Item? = nil, key: Key? = nil) throws {
        try writing.withLock { _ in
            let items = waiting.withLock { waiting -> [(key: Key?, item: Item)] in
                if let item { waiting.add(item, key: key) }
                defer { waiting = Waiting() }
                return waiting.items
            }
            guard !items.isEmpty else { return }
            do {
                try write(items.map(\.item))
            } catch {
                let start = waiting.withLock { waiting -> Bool in
                    waiting.putBack(items, limit: limit)
                    return waiting.scheduleFlush()
                }
                if start { schedule(after: retryDelay) }
                throw error
            }
        }
    }

    /// The item waiting under `key`, newer than the stored one.
    func waitingItem(_ key: Key) -> Item? {
        waiting.withLock { waiting in waiting.positions[key].map { waiting.items[$0].item } }
    }

    private func schedule(after delay: DispatchTimeInterval) {
        queue.asyncAfter(deadline: .now() + delay) { try? self.flush() }
    }
}
