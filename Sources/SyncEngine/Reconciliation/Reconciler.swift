import BridgeSupport
import Cin7Core
import Foundation

/// Gathers what `Reconciliation` compares and keeps the report: Cin7's sales changed in the window (one `saleList`
/// call per page, at the lowest priority of the shared budget), the warehouse's orders changed in the window (one
/// list per page), and the integration's units from the store. Never one call per order.
public struct Reconciler: Sendable {
    /// The window `cin7bridge reconcile` and the daily run compare unless told otherwise: the last 7 days.
    public static let defaultWindow: TimeInterval = 7 * 86_400

    public let store: BridgeStore
    public let clock: any BridgeClock
    /// How long a change is left to the engine before it is judged (see `Reconciliation.Options.settle`).
    public var settle: TimeInterval

    public init(store: BridgeStore, clock: any BridgeClock = SystemClock(), settle: TimeInterval = Reconciliation.defaultSettle) {
        self.store = store
        self.clock = clock
        self.settle = settle
    }

    /// Reconciles integration `integrationID` over `since` … now through `connectors` (best a set of its own, so
    /// the calls counted are this run's alone), saves the report and returns it. Throws a classified `Failure` when
    /// Cin7 or the warehouse cannot be read.
    public func run(integrationID: Int64, config: IntegrationConfig, connectors: Connectors, since: Date) async throws -> ReconciliationReport {
        let now = clock.now
        _ = connectors.ledger.drain()
        let sales: [SaleSummary]
        let orders: [WarehouseOrder]
        do {
            sales = try await connectors.cin7.saleList(SaleListFilter(updatedSince: since), priority: .background).map(SaleSummary.init)
            orders = try await connectors.warehouse.ordersForReconciliation(since: since)
        } catch {
            throw Failure.classify(error)
        }
        let calls = connectors.ledger.drain()
        let units = try store.reconciliationUnits(integrationID: integrationID, since: since)
        let comparison = Reconciliation(
            options: Reconciliation.Options(config, settle: settle),
            since: since,
            now: now,
            sales: sales,
            units: units,
            warehouseOrders: orders
        )
        let report = ReconciliationReport(
            integrationID: integrationID,
            integrationName: config.name,
            platform: connectors.warehouse.displayName,
            ranAt: now,
            since: since,
            until: now,
            cin7Calls: calls.filter { $0.service == "cin7" }.count,
            warehouseCalls: calls.filter { $0.service != "cin7" }.count,
            salesCompared: sales.count,
            unitsCompared: units.count,
            warehouseOrdersCompared: orders.count,
            findings: comparison.findings()
        )
        try store.saveReconciliation(report)
        return report
    }
}
