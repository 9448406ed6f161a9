import SyncEngine

extension DashboardSnapshot {
    /// Reads what the dashboard shows of one integration: queue counts, the newest `limit` units of `queue`, status and
    /// the reasons orders need attention. nil when the integration is gone.
    public static func load(
        store: BridgeStore,
        integrationID id: Int64,
        queue: Queue,
        filter: String,
        limit: Int = DashboardState.pageSize
    ) throws -> DashboardSnapshot? {
        guard let record = try store.integration(id: id) else { return nil }
        let counts = try store.queueCounts(integrationID: id)
        let units = try store.units(integrationID: id, queue: queue, filter: filter.isEmpty ? nil : filter, offset: 0, limit: limit)
        let attention = try store.attentionReasons(integrationID: id).map { AttentionGroup(code: $0.code, reason: $0.reason, count: $0.count) }
        return DashboardSnapshot(
            integrationID: id,
            counts: counts,
            units: units,
            status: try store.status(integrationID: id),
            attention: attention,
            enabled: record.enabled,
            name: record.name,
            reconciliation: try store.lastReconciliation(integrationID: id),
            query: Query(queue: queue, filter: filter, limit: limit)
        )
    }
}
