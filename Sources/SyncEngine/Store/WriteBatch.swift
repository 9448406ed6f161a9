import Foundation
import Synchronization

/// Writes waiting to be made together: hundreds of engines on one host, each publishing its status after every poll
/// and recording its calls, cost one write transaction per `delay` rather than one each. An item added with a key
/// replaces the one waiting with the same key (a newer status); items are written in the order they came, one batch
/// at a time, so a later item is never overwritten by an earlier one.
final class WriteBatch<Key: Hashable & Sendable, Item: Sendable>: Sendable {
    private struct Waiting {
        var items: [Item] = []
        var positions: [Key: Int] = [:]
        var flushing = false

        mutating func add(_ item: Item, key: Key?) {
            if let key, let position = positions[key] {
                items[position] = item
            } else {
                if let key { positions[key] = items.count }
                items.append(item)
            }
        }
    }

    private let waiting = Mutex(Waiting())
    private let writing = Mutex(())
    private let delay: DispatchTimeInterval
    private let write: @Sendable ([Item]) throws -> Void
    /// Where the timed writes run: a write may block for the database's busy timeout (another process holding the
    /// lock), which must not take one of the few threads every engine's tasks share.
    private let queue = DispatchQueue(label: "cin7bridge.write-batch")

    init(delay: DispatchTimeInterval = .milliseconds(250), write: @escaping @Sendable ([Item]) throws -> Void) {
        self.delay = delay
        self.write = write
    }

    /// Writes `items` within `delay`, with the others waiting then; each replaces the one waiting under its key.
    func add(_ items: [Item], key: (Item) -> Key?) {
        let start = waiting.withLock { waiting -> Bool in
            for item in items { waiting.add(item, key: key(item)) }
            defer { waiting.flushing = true }
            return !waiting.flushing
        }
        guard start else { return }
        queue.asyncAfter(deadline: .now() + delay) { try? self.flush() }
    }

    /// Writes every waiting item now (with `item`, when given).
    func flush(with item: Item? = nil, key: Key? = nil) throws {
        try writing.withLock { _ in
            let items = waiting.withLock { waiting -> [Item] in
                if let item { waiting.add(item, key: key) }
                defer { waiting = Waiting() }
                return waiting.items
            }
            if !items.isEmpty { try write(items) }
        }
    }

    /// The item waiting under `key`, newer than the stored one.
    func waitingItem(_ key: Key) -> Item? {
        waiting.withLock { waiting in waiting.positions[key].map { waiting.items[$0] } }
    }
}
