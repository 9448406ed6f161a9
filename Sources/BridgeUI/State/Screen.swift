/// The screen under any overlay, carrying its state: an order detail always has its order, and the dashboard it
/// returns to; the wizard has the screen it returns to on cancel.
public indirect enum Screen: Sendable, Equatable {
    case home
    case dashboard(DashboardState)
    case detail(DetailState, dashboard: DashboardState)
    case wizard(WizardState, returnTo: Screen)

    /// Which screen, without its state (footer, header and tests ask this).
    public enum Kind: Sendable, Equatable {
        case home, dashboard, detail, wizard
    }

    public var kind: Kind {
        switch self {
        case .home: .home
        case .dashboard: .dashboard
        case .detail: .detail
        case .wizard: .wizard
        }
    }

    /// The dashboard shown, or the one the order detail returns to.
    public var dashboard: DashboardState? {
        switch self {
        case .dashboard(let d), .detail(_, let d): d
        case .home, .wizard: nil
        }
    }

    /// The order detail shown.
    public var detail: DetailState? {
        if case .detail(let detail, _) = self { detail } else { nil }
    }

    /// The wizard shown.
    public var wizard: WizardState? {
        if case .wizard(let w, _) = self { w } else { nil }
    }

    /// Changes the dashboard shown (or under the order detail); nothing on other screens.
    public mutating func modifyDashboard(_ body: (inout DashboardState) -> Void) {
        switch self {
        case .dashboard(var d):
            body(&d)
            self = .dashboard(d)
        case .detail(let detail, var d):
            body(&d)
            self = .detail(detail, dashboard: d)
        case .home, .wizard: break
        }
    }

    /// Changes the order detail shown; nothing on other screens.
    public mutating func modifyDetail(_ body: (inout DetailState) -> Void) {
        guard case .detail(var detail, let d) = self else { return }
        body(&detail)
        self = .detail(detail, dashboard: d)
    }

    /// Changes the wizard shown; nothing on other screens.
    public mutating func modifyWizard(_ body: (inout WizardState) -> Void) {
        guard case .wizard(var w, let back) = self else { return }
        body(&w)
        self = .wizard(w, returnTo: back)
    }
}
