import Foundation
import SyncEngine
import TerminalUI

/// Everything the UI shows; `render` is a pure function of it.
public struct AppState: Sendable, Equatable {
    public var env: AppEnvironment
    public var screen: Screen = .home
    /// The Integrations list; kept loaded on every screen (the quit question counts the orders in flight).
    public var home = HomeState()
    /// The dashboard last left for the Integrations screen: opening its integration again shows it as it was.
    public var lastDashboard: DashboardState?
    public var overlay: Overlay?
    public var flash: Flash?
    /// The terminal's size at the last event, for keys whose effect depends on what fits (End in the help).
    public var viewport = Size(width: 80, height: 24)
    /// Integrations whose engine runs in this process.
    public var running: Set<Int64> = []
    /// Integrations another process (a headless `cin7bridge run`) owns: id → host:pid.
    public var ownedElsewhere: [Int64: String] = [:]
    /// The store's data version at the last change check: a viewer re-reads only when it moved.
    public var storeVersion: Int?
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

    /// The dashboard shown, or the one under the order detail.
    public var dashboard: DashboardState? { screen.dashboard }
    /// The order detail shown.
    public var detail: DetailState? { screen.detail }
    /// The wizard shown.
    public var wizard: WizardState? { screen.wizard }

    /// Whether the screen shows an integration this process does not sync: another process's engine (or none)
    /// changes it without telling this one, so the store's data version says when to re-read.
    var watchesOtherProcesses: Bool {
        switch screen {
        case .home: home.rows.isEmpty || home.rows.contains { !running.contains($0.integrationID) }
        case .dashboard(let d), .detail(_, let d): !running.contains(d.integrationID)
        case .wizard: false
        }
    }
}
