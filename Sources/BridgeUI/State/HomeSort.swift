import SyncEngine

/// The order of the Integrations list (`s` switches).
public enum HomeSort: String, Sendable, Equatable, CaseIterable {
    /// Worst first: orders needing attention, then down (not syncing, lagging, stuck, failing), then the rest; by
    /// name within each.
    case health
    case name

    public var title: String {
        switch self {
        case .health: "health"
        case .name: "name"
        }
    }

    var next: HomeSort { self == .health ? .name : .health }

    /// `rows` in this order; each name is folded once, not at every comparison (500 rows sort on every load).
    func sorted(_ rows: [IntegrationHealth]) -> [IntegrationHealth] {
        let keyed = rows.map { row in (row: row, rank: self == .health ? Self.rank(row.level) : 0, name: row.name.lowercased()) }
        return keyed.sorted { a, b in
            if a.rank != b.rank { return a.rank < b.rank }
            if a.name != b.name { return a.name < b.name }
            return a.row.integrationID < b.row.integrationID
        }.map(\.row)
    }

    private static func rank(_ level: IntegrationHealth.Level) -> Int {
        switch level {
        case .warning: 0
        case .error: 1
        case .ok, .paused: 2
        }
    }
}
