import Foundation
import SyncEngine

/// What the Integrations screen reads on each refresh: every integration's health and warehouse platform, from one
/// `integrationOverviews` read (a fixed number of queries), so a refresh does not grow by several queries per
/// integration.
public enum HomeLoad {
    /// Every integration (by name) whose configuration can be read.
    public static func load(store: BridgeStore, now: Date = Date()) throws -> (rows: [IntegrationHealth], platforms: [Int64: WarehousePlatform]) {
        try load(now: now) { try store.integrationOverviews(flowingStates: IntegrationHealth.flowingStates) }
    }

    /// The same from `overviews`, the one store read a refresh makes (tests count it).
    static func load(
        now: Date,
        overviews: () throws -> [IntegrationOverview]
    ) throws -> (rows: [IntegrationHealth], platforms: [Int64: WarehousePlatform]) {
        var rows: [IntegrationHealth] = []
        var platforms: [Int64: WarehousePlatform] = [:]
        for overview in try overviews() {
            guard let config = try? overview.record.decodedConfig(), let health = IntegrationHealth.evaluate(overview, config: config, now: now)
            else {
                continue
            }
            rows.append(health)
            platforms[health.integrationID] = config.warehouse.kind
        }
        return (rows, platforms)
    }
}
