import Foundation
import SyncEngine
import TerminalUI

/// Where the app runs and what to tell the user about it (help screen, demo credentials).
public struct AppEnvironment: Sendable, Equatable {
    public var dataDirectory: String
    public var logFile: String
    /// Login name (+ SSH client) recorded with operator actions.
    public var actor: String
    /// Present in `cin7bridge demo`: simulator credentials to type into the wizard, and the demo-only keys.
    public var demo: DemoInfo?
    /// Limits a new integration starts with (the demo compresses time); `nil`: the defaults.
    public var newIntegrationLimits: IntegrationConfig.Limits?

    public init(dataDirectory: String, logFile: String, actor: String, demo: DemoInfo? = nil, newIntegrationLimits: IntegrationConfig.Limits? = nil) {
        self.newIntegrationLimits = newIntegrationLimits
        self.dataDirectory = dataDirectory
        self.logFile = logFile
        self.actor = actor
        self.demo = demo
    }
}

/// What demo mode shows so a newcomer can walk the wizard against the simulators.
public struct DemoInfo: Sendable, Equatable {
    public struct Credential: Sendable, Equatable {
        public var label: String
        public var value: String
        public init(_ label: String, _ value: String) {
            self.label = label
            self.value = value
        }
    }

    public var credentials: [Credential]
    public init(credentials: [Credential]) { self.credentials = credentials }
}

/// A one-line message at the bottom of the screen.
public struct Flash: Sendable, Equatable {
    public enum Level: Sendable, Equatable { case info, ok, warning, error }
    public var text: String
    public var level: Level
    public var expiresAtTick: Int

    public init(_ text: String, level: Level = .info, expiresAtTick: Int) {
        self.text = text
        self.level = level
        self.expiresAtTick = expiresAtTick
    }
}

/// The screen under any overlay.
public enum Screen: Sendable, Equatable {
    case home, dashboard, detail, wizard
}

/// What the Integrations screen lists.
public struct HomeState: Sendable, Equatable {
    public var rows: [IntegrationHealth] = []
    public var selection = 0
    public var loaded = false
    public init() {}
}

/// One attention reason with its count (retry-all-with-this-reason).
public struct AttentionGroup: Sendable, Equatable {
    public var code: ReasonCode
    public var reason: String
    public var count: Int
    public init(code: ReasonCode, reason: String, count: Int) {
        self.code = code
        self.reason = reason
        self.count = count
    }
}

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

/// A dialog over the current screen.
public enum Overlay: Sendable, Equatable {
    case help(scroll: Int)
    case confirmQuit
    case confirmDelete(id: Int64, name: String)
    case confirmDiscardWizard
    case confirmRetryReason(code: ReasonCode, reason: String, count: Int)
    case skipNote(unitIDs: [Int64], field: TextField)
    /// One timeline line of the order detail, in full.
    case timelineEntry(Int)
}

/// Everything the UI shows; `render` is a pure function of it.
public struct AppState: Sendable, Equatable {
    public var env: AppEnvironment
    public var screen: Screen = .home
    public var home = HomeState()
    public var dashboard: DashboardState?
    public var detail: DetailState?
    public var wizard: WizardState?
    /// Where the wizard returns on cancel or finish.
    public var wizardReturn: Screen = .home
    public var overlay: Overlay?
    public var flash: Flash?
    /// The terminal's size at the last event, for keys whose effect depends on what fits (End in the help).
    public var viewport = Size(width: 80, height: 24)
    /// Integrations whose engine runs in this process.
    public var running: Set<Int64> = []
    /// Integrations another process (a headless `cin7bridge run`) owns: id → host:pid.
    public var ownedElsewhere: [Int64: String] = [:]
    public var tick = 0
    public var now: Date
    /// Set when the app should stop; the loop ends after the engine finished its call in flight.
    public var quitRequested = false
    /// Why it stopped (shown after the terminal is restored).
    public var quitReason: String?

    public init(env: AppEnvironment, now: Date = Date()) {
        self.env = env
        self.now = now
    }

    /// Orders in flight across integrations this process syncs.
    public var inFlightHere: Int {
        home.rows.filter { running.contains($0.integrationID) }.reduce(0) { $0 + $1.inFlight }
    }

    public var isDemo: Bool { env.demo != nil }
}
