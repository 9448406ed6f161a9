import SyncEngine
import TerminalUI

/// The integration dashboard: queue tabs, the list of the active queue, status.
public struct DashboardState: Sendable, Equatable {
    public var integrationID: Int64
    public var name: String
    public var tab: Queue = .pending
    public var counts: [Queue: Int] = [:]
    public var units: [ShipmentUnit] = []
    public var selection = 0
    public var scroll = 0
    /// Marked unit ids (space).
    public var marked: Set<Int64> = []
    /// The applied filter (`/`).
    public var filter = ""
    /// The filter being typed; `nil` when not editing.
    public var filterField: TextField?
    public var status: IntegrationStatus?
    public var attention: [AttentionGroup] = []
    public var enabled = true
    /// The integration's last reconciliation (nil: never reconciled).
    public var reconciliation: ReconciliationReport?
    /// Rows the list loads: a page, growing by a page each time the selection reaches the end of a full list.
    public var listLimit = DashboardState.pageSize
    /// Rows per page of the list.
    public static let pageSize = 200
    /// Whether the tab is settled: the first counts arrived (the dashboard then opens on the tab that has something
    /// to do) or the person chose a tab before they did.
    public var loaded = false

    public init(integrationID: Int64, name: String) {
        self.integrationID = integrationID
        self.name = name
    }

    /// The tab a newly opened dashboard shows: Needs attention when anything needs a person, else the current tab
    /// when it has orders, else the first tab that has some.
    static func openingTab(counts: [Queue: Int], current: Queue) -> Queue? {
        if (counts[.needsAttention] ?? 0) > 0 { return .needsAttention }
        if (counts[current] ?? 0) > 0 { return current }
        return Queue.allCases.first { (counts[$0] ?? 0) > 0 }
    }

    public var selectedUnit: ShipmentUnit? { units.indices.contains(selection) ? units[selection] : nil }
    /// What order keys act on: the marked orders, or the selected one.
    var targetUnits: [ShipmentUnit] {
        marked.isEmpty ? [selectedUnit].compactMap { $0 } : units.filter { marked.contains($0.id ?? -1) }
    }

    /// Loads the list as it stands: this queue and filter, `listLimit` rows.
    var loadList: AppEffect { .loadDashboard(integrationID: integrationID, queue: tab, filter: filter, limit: listLimit) }

    /// Whether a loaded snapshot is of the list as it stands now (a read started before a tab or filter change
    /// may finish after it).
    func isCurrent(_ snapshot: DashboardSnapshot) -> Bool {
        guard snapshot.integrationID == integrationID else { return false }
        guard let query = snapshot.query else { return true }
        return query.queue == tab && query.filter == filter && query.limit == listLimit
    }

    /// Back to one page (another queue or filter), then loads it.
    mutating func firstPage() -> AppEffect {
        listLimit = Self.pageSize
        return loadList
    }

    /// At the end of a full list, one more page of older orders (the selection stays where it is); nil otherwise.
    mutating func nextPageAtEnd() -> AppEffect? {
        guard selection >= units.count - 1, units.count >= listLimit else { return nil }
        listLimit += Self.pageSize
        return loadList
    }
}
