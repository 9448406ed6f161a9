import SyncEngine

extension AppState {
    mutating func flash(_ text: String, _ level: Flash.Level) {
        flash = Flash(text, level: level, expiresAtTick: tick + flashTicks)
    }

    /// What to re-read for the screen on show.
    func refreshEffects() -> [AppEffect] {
        var effects: [AppEffect] = [.loadHome]
        if let d = screen.dashboard { effects.append(d.loadList) }
        if let id = screen.detail?.unit.id { effects.append(.loadDetail(unitID: id)) }
        return effects
    }

    /// What an engine's change to one order makes stale on screen: the integrations' counts, and the order's
    /// dashboard list and detail when they are shown.
    func refreshEffects(integrationID: Int64, unitID: Int64) -> [AppEffect] {
        var effects: [AppEffect] = [.loadHome]
        if let d = screen.dashboard, d.integrationID == integrationID { effects.append(d.loadList) }
        if let id = screen.detail?.unit.id, id == unitID { effects.append(.loadDetail(unitID: id)) }
        return effects
    }

    /// Shows an integration's dashboard: the one on screen or last left when it is the same integration, else a
    /// new one.
    mutating func openDashboard(id: Int64, name: String) {
        if let d = screen.dashboard, d.integrationID == id {
            screen = .dashboard(d)
        } else if let d = lastDashboard, d.integrationID == id {
            screen = .dashboard(d)
        } else {
            screen = .dashboard(DashboardState(integrationID: id, name: name))
        }
    }

    /// Back to the Integrations screen from `dashboard`, which is kept for when its integration is opened again.
    mutating func leave(_ dashboard: DashboardState) {
        lastDashboard = dashboard
        screen = .home
    }

    /// From the order detail back to its dashboard.
    mutating func closeDetail() {
        if case .detail(_, let d) = screen { screen = .dashboard(d) }
    }

    /// Opens the wizard; `config` is the stored configuration when reconfiguring.
    mutating func openWizard(id: Int64?, config: IntegrationConfig?) -> [AppEffect] {
        var base = config ?? IntegrationConfig(name: "")
        if config == nil, let limits = env.newIntegrationLimits { base.limits = limits }
        let back: Screen = if case .wizard = screen { .home } else { screen }
        screen = .wizard(WizardState(editing: id, config: base, now: now), returnTo: back)
        return []
    }

    /// Leaves the wizard for the screen it was opened from.
    mutating func closeWizard() {
        if case .wizard(_, let back) = screen { screen = back }
    }

    /// `q`/Ctrl-C: quits at once unless this process is syncing (then asks, saying syncing stops).
    mutating func requestQuit() -> [AppEffect] {
        if !running.isEmpty || (wizard?.hasChanges ?? false) {
            overlay = .confirmQuit
        } else {
            quitRequested = true
        }
        return []
    }

    /// Shows another queue of the dashboard on screen, from its first page.
    mutating func switchTab(to queue: Queue) -> [AppEffect] {
        var load: [AppEffect] = []
        screen.modifyDashboard { d in load = [d.switchTab(to: queue)] }
        return load
    }
}
