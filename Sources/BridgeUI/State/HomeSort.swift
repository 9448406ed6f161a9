import Foundation
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

    /// Whether `a` comes before `b`.
    func precedes(_ a: IntegrationHealth, _ b: IntegrationHealth) -> Bool {
        if self == .health {
            let (ra, rb) = (Self.rank(a.level), Self.rank(b.level))
            if ra != rb { return ra < rb }
        }
        let order = a.name.localizedCaseInsensitiveCompare(b.name)
        return order == .orderedSame ? a.integrationID < b.integrationID : order == .orderedAscending
    }

    private static func rank(_ level: IntegrationHealth.Level) -> Int {
        switch level {
        case .warning: 0
        case .error: 1
        case .ok, .paused: 2
        }
    }
}
