import Foundation
import SyncEngine
import TerminalUI

/// What the Integrations screen lists: every integration as loaded, and the ones shown (filtered and sorted).
public struct HomeState: Sendable, Equatable {
    /// Every integration, as loaded (by name).
    public private(set) var rows: [IntegrationHealth] = []
    /// Each integration's warehouse platform, for the filter.
    public private(set) var platforms: [Int64: WarehousePlatform] = [:]
    /// The rows shown: those matching `filter`, in `sort` order.
    public private(set) var visible: [IntegrationHealth] = []
    /// The selected row of `visible`.
    public var selection = 0
    /// The first row of `visible` on screen.
    public var scroll = 0
    public private(set) var sort: HomeSort = .health
    /// The applied filter (`/`): part of a name or a platform.
    public private(set) var filter = ""
    /// The filter being typed; `nil` when not editing.
    public var filterField: TextField?
    public var loaded = false
    /// Counts at the top of the screen, of every integration (not only those shown).
    public private(set) var tally = HealthTally([])

    public init() {}

    public var selected: IntegrationHealth? { visible.indices.contains(selection) ? visible[selection] : nil }

    /// Takes a load; the selected integration stays selected (by id) wherever it moves.
    mutating func load(_ rows: [IntegrationHealth], platforms: [Int64: WarehousePlatform]) {
        self.rows = rows
        self.platforms = platforms
        tally = HealthTally(rows)
        loaded = true
        arrange()
    }

    mutating func setSort(_ sort: HomeSort) {
        self.sort = sort
        arrange()
    }

    mutating func setFilter(_ filter: String) {
        self.filter = filter
        arrange()
    }

    /// Recomputes `visible`, keeping the selected integration selected when it is still shown.
    private mutating func arrange() {
        let selectedID = selected?.integrationID
        let needle = filter.trimmingCharacters(in: .whitespaces).lowercased()
        let shown = needle.isEmpty ? rows : rows.filter { matches($0, needle) }
        visible = sort.sorted(shown)
        if let selectedID, let i = visible.firstIndex(where: { $0.integrationID == selectedID }) { selection = i }
        selection = clamp(selection, visible.count)
    }

    private func matches(_ row: IntegrationHealth, _ needle: String) -> Bool {
        if row.name.lowercased().contains(needle) { return true }
        guard let platform = platforms[row.integrationID] else { return false }
        return platform.displayName.lowercased().contains(needle) || platform.rawValue.contains(needle)
    }
}
