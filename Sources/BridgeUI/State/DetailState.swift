import SyncEngine

/// Order detail: both sides and the audit timeline.
public struct DetailState: Sendable, Equatable {
    public var unit: ShipmentUnit
    public var timeline: [AuditEntry]
    public var scroll = 0
    public init(unit: ShipmentUnit, timeline: [AuditEntry]) {
        self.unit = unit
        self.timeline = timeline
    }
}
