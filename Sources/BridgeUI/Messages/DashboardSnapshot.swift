import SyncEngine

/// What a dashboard refresh reads.
public struct DashboardSnapshot: Sendable, Equatable {
    /// Which list a load read: a result for another tab, filter or page than the one shown now is dropped.
    public struct Query: Sendable, Equatable {
        public var queue: Queue
        public var filter: String
        public var limit: Int

        public init(queue: Queue, filter: String, limit: Int) {
            self.queue = queue
            self.filter = filter
            self.limit = limit
        }
    }

    public var integrationID: Int64
    public var counts: [Queue: Int]
    public var units: [ShipmentUnit]
    public var status: IntegrationStatus?
    public var attention: [AttentionGroup]
    public var enabled: Bool
    public var name: String
    /// The integration's last reconciliation.
    public var reconciliation: ReconciliationReport?
    /// The list read; `nil`: the list shown, whatever it is.
    public var query: Query?

    public init(
        integrationID: Int64,
        counts: [Queue: Int],
        units: [ShipmentUnit],
        status: IntegrationStatus?,
        attention: [AttentionGroup],
        enabled: Bool,
        name: String,
        reconciliation: ReconciliationReport? = nil,
        query: Query? = nil
    ) {
        self.reconciliation = reconciliation
        self.integrationID = integrationID
        self.counts = counts
        self.units = units
        self.status = status
        self.attention = attention
        self.enabled = enabled
        self.name = name
        self.query = query
    }
}
