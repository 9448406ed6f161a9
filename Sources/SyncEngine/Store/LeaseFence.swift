import Foundation

/// The lease an engine writes under. An engine's work runs with its fence as `LeaseFence.current`, and every write
/// the store makes for it first checks, in the same transaction, that the integration's lease still has this
/// generation: a process that lost its lease while it was frozen or cut off (another host took over and the
/// generation moved on) finishes nothing that the new owner now does, however far it had got.
///
/// Some writes are not fenced: taking and giving up the lease itself; the facts of calls already made (the audit
/// log's call lines and the shared Cin7 budget), which stay true whoever owns the integration now; and, on SQLite,
/// the published status (written in batches for every engine of a host; a stale one is replaced by the owner's next
/// within seconds, and no order's state depends on it).
public struct LeaseFence: Sendable, Equatable, CustomStringConvertible {
    public var integrationID: Int64
    /// Moves on each time the lease passes to another holder (never when its holder renews it).
    public var generation: Int64

    public init(integrationID: Int64, generation: Int64) {
        self.integrationID = integrationID
        self.generation = generation
    }

    /// The fence of the engine whose work is running (nil outside an engine: commands, viewers, the host).
    @TaskLocal public static var current: LeaseFence?

    public var description: String { "integration \(integrationID), lease generation \(generation)" }
}

/// A write refused because the lease it was made under has passed to another holder.
public struct LeaseLost: Error, Equatable, CustomStringConvertible {
    public var fence: LeaseFence
    /// The generation the lease has now (nil: nobody holds it).
    public var current: Int64?

    public var description: String {
        "Another cin7bridge process took over this integration (lease generation \(current.map(String.init) ?? "none") after \(fence.generation)); this one stops and changes nothing."
    }
}
