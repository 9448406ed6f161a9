import BridgeSupport
import Foundation

/// What the engine that owns an integration publishes about it (in the database, so viewers in other processes,
/// `cin7bridge status` and health checks read the same thing).
public struct IntegrationStatus: Sendable, Codable, Equatable {
    public var integrationID: Int64
    public var name: String
    /// `host:pid` of the owning engine.
    public var owner: String?
    public var lastPollAt: Date?
    public var nextPollAt: Date?
    public var lastWarehousePollAt: Date?
    /// Set while the engine cannot work (storage full, credentials rejected…), saying what to do.
    public var pausedReason: String?
    public var lastError: String?
    public var lastErrorAt: Date?
    public var cin7Budget: RateUsage?
    public var warehouseBudget: RateUsage?
    /// Units waiting for a create or a writeback.
    public var backlog: Int
    /// Seconds the backlog needs at the current budget.
    public var backlogETA: TimeInterval?
    /// Units done since the engine started (for the progress bar).
    public var drained: Int
    public var cin7Connected: Bool
    /// Why Cin7 is not answering, when it is not.
    public var cin7Message: String?
    public var warehouseConnected: Bool
    public var warehouseMessage: String?
    /// Cin7 calls made per completed order since the engine started (intake and writeback).
    public var cin7CallsIntake: Int
    public var cin7CallsWriteback: Int
    public var cin7CallsOther: Int
    public var updatedAt: Date

    public init(integrationID: Int64, name: String, now: Date) {
        self.integrationID = integrationID
        self.name = name
        backlog = 0
        drained = 0
        cin7Connected = false
        warehouseConnected = false
        cin7CallsIntake = 0
        cin7CallsWriteback = 0
        cin7CallsOther = 0
        updatedAt = now
    }
}
