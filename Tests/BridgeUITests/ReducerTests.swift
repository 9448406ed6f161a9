import Foundation
import TerminalUI
import Testing

@testable import BridgeUI
@testable import SyncEngine

@Suite struct ReducerTests {
    @Test func homeOpensDashboardAndLoadsIt() {
        var s = Fixtures.homeState()
        let effects = reduce(&s, .key(.enter))
        #expect(s.screen.kind == .dashboard)
        #expect(s.dashboard?.integrationID == 1)
        #expect(effects.contains(.loadDashboard(integrationID: 1, queue: .pending, filter: "")))
    }

    @Test func deleteAsksAndDefaultsToNo() {
        var s = Fixtures.homeState()
        _ = reduce(&s, .key(.char("d")))
        #expect(s.overlay == .confirmDelete(id: 1, name: "Demo"))
        #expect(reduce(&s, .key(.enter)).isEmpty)
        #expect(s.overlay == nil)
        _ = reduce(&s, .key(.char("d")))
        #expect(reduce(&s, .key(.char("y"))) == [.delete(integrationID: 1, name: "Demo")])
    }

    @Test func quitAsksWhileThisProcessSyncsAndNotOtherwise() {
        var s = Fixtures.homeState()
        _ = reduce(&s, .key(.char("q")))
        #expect(s.overlay == .confirmQuit)
        #expect(!s.quitRequested)
        _ = reduce(&s, .key(.escape))
        #expect(s.overlay == nil)
        _ = reduce(&s, .key(.ctrl("c")))
        _ = reduce(&s, .key(.char("y")))
        #expect(s.quitRequested)

        var viewer = AppState(env: Fixtures.env, now: Fixtures.now)
        _ = reduce(&viewer, .homeLoaded(Fixtures.homeRows, running: [], elsewhere: [1: "host:1"]))
        _ = reduce(&viewer, .key(.char("q")))
        #expect(viewer.quitRequested)
    }

    @Test func hangupStopsWithAReason() {
        var s = Fixtures.dashboardState()
        _ = reduce(&s, .signal(.hangup))
        #expect(s.quitRequested)
        #expect(s.quitReason?.contains("SIGHUP") == true)
    }

    @Test func tabsSwitchAndReload() {
        var s = Fixtures.dashboardState()
        #expect(reduce(&s, .key(.tab)) == [.loadDashboard(integrationID: 1, queue: .inWarehouse, filter: "")])
        #expect(reduce(&s, .key(.char("6"))) == [.loadDashboard(integrationID: 1, queue: .needsAttention, filter: "")])
        #expect(reduce(&s, .key(.backTab)) == [.loadDashboard(integrationID: 1, queue: .retrying, filter: "")])
    }

    @Test func theEndOfAFullListLoadsTheNextPage() {
        let page = DashboardState.pageSize
        let many = (0..<page).map { Fixtures.unit(Int64(1000 - $0), "SO-\(1000 - $0)", "Customer", .completed) }
        var s = Fixtures.dashboardState(tab: .completed, units: many)
        #expect(reduce(&s, .key(.end)) == [.loadDashboard(integrationID: 1, queue: .completed, filter: "", limit: 2 * page)])
        #expect(s.dashboard?.selection == page - 1)
        // The longer list arrives; the selection stays on the same order and moves on into the new rows.
        let more = many + (0..<page).map { Fixtures.unit(Int64(800 - $0), "SO-\(800 - $0)", "Customer", .completed) }
        _ = reduce(
            &s,
            .dashboardLoaded(
                DashboardSnapshot(integrationID: 1, counts: [.completed: 1000], units: more, status: nil, attention: [], enabled: true, name: "Demo")
            )
        )
        #expect(s.dashboard?.selectedUnit?.orderNumber == "SO-801")
        #expect(reduce(&s, .key(.down)).isEmpty)
        #expect(s.dashboard?.selectedUnit?.orderNumber == "SO-800")
        // Refreshes keep the longer list; another tab starts from one page again.
        #expect(s.refreshEffects().contains(.loadDashboard(integrationID: 1, queue: .completed, filter: "", limit: 2 * page)))
        #expect(reduce(&s, .key(.tab)) == [.loadDashboard(integrationID: 1, queue: .retrying, filter: "")])
        #expect(s.dashboard?.listLimit == page)
        // A list shorter than its limit has nothing more to load.
        var short = Fixtures.dashboardState()
        #expect(reduce(&short, .key(.end)).isEmpty)
    }

    @Test func retryTheSelectionOrTheMarkedOrders() {
        let units = [
            Fixtures.unit(11, "SO-1011", "Harbour Outdoor Ltd", .retrying), Fixtures.unit(12, "SO-1012", "Alpine", .needsAttention),
            Fixtures.unit(13, "SO-1013", "Bush", .inWarehouse),
        ]
        var s = Fixtures.dashboardState(tab: .retrying, units: units)
        _ = reduce(&s, .key(.down))
        let one = reduce(&s, .key(.char("r")))
        #expect(one == [.command(.retry, integrationID: 1, unitIDs: [12], argument: nil, description: "Retrying SO-1012")])
        _ = reduce(&s, .key(.home))
        _ = reduce(&s, .key(.char(" ")))  // marks 11, moves down
        _ = reduce(&s, .key(.char(" ")))  // marks 12, moves down
        _ = reduce(&s, .key(.char(" ")))  // marks 13 (in the warehouse: retry does not apply to it)
        #expect(s.dashboard?.marked == [11, 12, 13])
        let two = reduce(&s, .key(.char("r")))
        #expect(two == [.command(.retry, integrationID: 1, unitIDs: [11, 12], argument: nil, description: "Retrying 2 orders")])
        #expect(s.dashboard?.marked.isEmpty == true)
    }

    @Test func theReasonAnOrderIsHeldForCanRuleAKeyOut() {
        var voided = Fixtures.unit(14, "SO-1014", "Bush", .needsAttention)
        voided.reasonCode = .voidedAfterDispatch
        var s = Fixtures.dashboardState(units: [voided])
        #expect(reduce(&s, .key(.char("r"))).isEmpty)
        #expect(s.flash?.text == "Retry does not apply here: " + ReasonCode.voidedAfterDispatch.advice)
        let enabled = KeyAvailability.dashboard(s.dashboard!)
        #expect(!enabled(.retry) && enabled(.skip))
    }

    @Test func keysThatCannotApplyAreRefusedWithTheReasonAndDimmedInTheFooter() {
        var s = Fixtures.dashboardState(units: [Fixtures.unit(13, "SO-1013", "Bush", .inWarehouse)])
        #expect(reduce(&s, .key(.char("s"))).isEmpty)
        #expect(s.overlay == nil)
        #expect(s.flash?.text == "Only orders not yet in the warehouse, or that failed, can be skipped.")
        #expect(reduce(&s, .key(.char("r"))).isEmpty)
        #expect(s.flash?.text == "Retry applies to orders that need attention, are retrying or were skipped.")
        let enabled = KeyAvailability.dashboard(s.dashboard!)
        #expect(!enabled(.skip) && !enabled(.retry) && enabled(.pollNow) && enabled(.filter))
        let items = KeyMaps.dashboard(demo: false).footerItems(width: 200, isEnabled: enabled)
        #expect(items.first { $0.label == "Skip" }?.enabled == false)
        #expect(items.first { $0.label == "Filter" }?.enabled == true)

        // Paused: re-sync says how to resume instead of queueing a poll nobody carries out.
        s.screen.modifyDashboard { $0.enabled = false }
        #expect(reduce(&s, .key(.char("y"))).isEmpty)
        #expect(s.flash?.text == "This integration is paused: press p to resume it, then it polls at once.")
    }

    @Test func aDashboardOpensOnTheTabWithSomethingToDo() {
        var s = Fixtures.homeState()
        s.screen = .dashboard(DashboardState(integrationID: 1, name: "Demo"))
        let snapshot = { (counts: [Queue: Int]) in
            DashboardSnapshot(integrationID: 1, counts: counts, units: [], status: nil, attention: [], enabled: true, name: "Demo")
        }
        #expect(
            reduce(&s, .dashboardLoaded(snapshot([.pending: 2, .needsAttention: 1]))) == [
                .loadDashboard(integrationID: 1, queue: .needsAttention, filter: "")
            ]
        )
        #expect(s.dashboard?.tab == .needsAttention)
        // Only the first load chooses; afterwards the person's tab stays.
        _ = reduce(&s, .key(.char("1")))
        #expect(reduce(&s, .dashboardLoaded(snapshot([.pending: 2, .needsAttention: 1]))).isEmpty)
        #expect(s.dashboard?.tab == .pending)

        s.screen = .dashboard(DashboardState(integrationID: 1, name: "Demo"))
        #expect(reduce(&s, .dashboardLoaded(snapshot([.completed: 5]))) == [.loadDashboard(integrationID: 1, queue: .completed, filter: "")])
        s.screen = .dashboard(DashboardState(integrationID: 1, name: "Demo"))
        #expect(reduce(&s, .dashboardLoaded(snapshot([:]))).isEmpty)
        #expect(s.dashboard?.tab == .pending)

        // A tab the person chose before the first counts arrived stays.
        s.screen = .dashboard(DashboardState(integrationID: 1, name: "Demo"))
        _ = reduce(&s, .key(.char("4")))
        #expect(reduce(&s, .dashboardLoaded(snapshot([.inWarehouse: 5]))).isEmpty)
        #expect(s.dashboard?.tab == .completed)
    }

    @Test func helpScrollsByLinePageAndEnds() {
        var s = Fixtures.dashboardState()
        s.viewport = Size(width: 80, height: 24)
        _ = reduce(&s, .key(.char("?")))
        let last = helpMaxScroll(s, size: s.viewport)
        #expect(last > 20)
        _ = reduce(&s, .key(.end))
        #expect(s.overlay == .help(scroll: last))
        _ = reduce(&s, .key(.down))
        #expect(s.overlay == .help(scroll: last))
        _ = reduce(&s, .key(.up))
        #expect(s.overlay == .help(scroll: last - 1))
        _ = reduce(&s, .key(.home))
        #expect(s.overlay == .help(scroll: 0))
        _ = reduce(&s, .key(.pageDown))
        #expect(s.overlay == .help(scroll: 18))
        _ = reduce(&s, .key(.pageUp))
        #expect(s.overlay == .help(scroll: 0))
    }

    @Test func aTimelineLineOpensInFull() {
        var s = Fixtures.detailState()
        _ = reduce(&s, .key(.down))
        _ = reduce(&s, .key(.enter))
        #expect(s.overlay == .timelineEntry(1))
        let screen = render(s, size: Size(width: 80, height: 24), theme: .standard).plainText
        #expect(screen.contains("Timeline line"))
        _ = reduce(&s, .key(.escape))
        #expect(s.overlay == nil && s.screen.kind == .detail)
    }

    @Test func narrowDashboardsShowTheReasonWhereItMatters() {
        let s = Fixtures.dashboardState(tab: .needsAttention, units: [Fixtures.attentionUnit])
        let screen = render(s, size: Size(width: 80, height: 24), theme: .standard).plainText
        #expect(screen.contains("Reason") && !screen.contains("Location → Warehouse"))
        #expect(screen.contains("Rejected by the warehou…"))
    }

    @Test func theEnginesAnswerReplacesTheQueuedMessage() {
        var s = Fixtures.dashboardState()
        _ = reduce(&s, .commandsAnswered([.refused("Not possible now: cannot skip an order that is in warehouse.")], unanswered: 0))
        #expect(s.flash?.text == "Refused: Not possible now: cannot skip an order that is in warehouse.")
        #expect(s.flash?.level == .error)
        _ = reduce(&s, .commandsAnswered([.done("Retrying SO-1.")], unanswered: 0))
        #expect(s.flash?.text == "Retrying SO-1." && s.flash?.level == .ok)
        _ = reduce(&s, .commandsAnswered([.done("Re-evaluated 3 skipped sales: none now routed.")], unanswered: 0))
        #expect(s.flash?.text == "Re-evaluated 3 skipped sales: none now routed.")
        _ = reduce(&s, .commandsAnswered([], unanswered: 2))
        #expect(s.flash?.level == .warning)
        #expect(
            s.flash?.text == "2 queued, but no engine has answered yet: it is carried out when this integration runs (`cin7bridge run` or the TUI)."
        )
    }

    @Test func retryAllWithTheSameReasonConfirmsFirst() {
        var s = Fixtures.dashboardState(tab: .needsAttention, units: [Fixtures.attentionUnit])
        #expect(reduce(&s, .key(.char("R"))).isEmpty)
        guard case .confirmRetryReason(let code, _, let count) = s.overlay else {
            Issue.record("no confirmation")
            return
        }
        #expect(code == .unknownSKU && count == 1)
        let effects = reduce(&s, .key(.char("y")))
        guard case .command(.retryReason, 1, [], "unknown_sku", _) = effects.first else {
            Issue.record("\(effects)")
            return
        }
    }

    @Test func skipTakesANote() {
        var s = Fixtures.dashboardState()
        _ = reduce(&s, .key(.char("s")))
        for c in "dup" { _ = reduce(&s, .key(.char(c))) }
        let effects = reduce(&s, .key(.enter))
        #expect(effects == [.command(.skip, integrationID: 1, unitIDs: [11], argument: "dup", description: "Skipping 1 order")])
    }

    @Test func skipRefusesAnEmptyNote() {
        var s = Fixtures.dashboardState()
        _ = reduce(&s, .key(.char("s")))
        _ = reduce(&s, .key(.char(" ")))
        #expect(reduce(&s, .key(.enter)).isEmpty)
        guard case .skipNote = s.overlay else {
            Issue.record("the note prompt closed: \(String(describing: s.overlay))")
            return
        }
        #expect(s.flash?.text == "Say why the order is skipped: the note stays in its timeline.")
    }

    @Test func pauseTogglesTheSelectedIntegrationFromHomeAndDashboard() {
        var home = Fixtures.homeState()
        #expect(reduce(&home, .key(.char("p"))) == [.setEnabled(integrationID: 1, enabled: false, name: "Demo")])
        _ = reduce(&home, .key(.up))  // by health then name: the stopped one, Acme (paused), Demo
        #expect(reduce(&home, .key(.char("p"))) == [.setEnabled(integrationID: 2, enabled: true, name: "Acme \u{1B}[31mRed\u{1B}[0m — Brisbane")])
        var dashboard = Fixtures.dashboardState()
        #expect(reduce(&dashboard, .key(.char("p"))) == [.setEnabled(integrationID: 1, enabled: false, name: "Demo")])
    }

    @Test func reevaluateAndSyncNowQueueTheirCommands() {
        var s = Fixtures.dashboardState()
        #expect(
            reduce(&s, .key(.char("e"))) == [
                .command(.reevaluate, integrationID: 1, unitIDs: [], argument: nil, description: "Re-evaluating skipped orders")
            ]
        )
        #expect(
            reduce(&s, .key(.char("y"))) == [
                .command(.pollNow, integrationID: 1, unitIDs: [], argument: nil, description: "Asking the engine to poll now")
            ]
        )
        #expect(s.overlay == nil)
    }

    @Test func retrySkipAndRetryReasonWithNothingToActOnSaySo() {
        var s = Fixtures.dashboardState(units: [])
        #expect(reduce(&s, .key(.char("r"))).isEmpty)
        #expect(s.flash?.text == "Nothing selected to retry.")
        #expect(reduce(&s, .key(.char("s"))).isEmpty)
        #expect(s.flash?.text == "Nothing selected to skip.")
        #expect(s.overlay == nil)
        var none = Fixtures.dashboardState(units: [])
        none.screen.modifyDashboard { $0.attention = [] }
        #expect(reduce(&none, .key(.char("R"))).isEmpty)
        #expect(none.flash?.text == "No orders need attention.")
        #expect(none.overlay == nil)
    }

    @Test func addMissingProductIsADemoOnlyKey() {
        var s = Fixtures.dashboardState()
        #expect(reduce(&s, .key(.char("M"))).isEmpty)
        var demo = Fixtures.homeState(demo: true)
        demo.screen = .dashboard(DashboardState(integrationID: 1, name: "Demo"))
        #expect(reduce(&demo, .key(.char("M"))) == [.addMissingProduct])
    }

    @Test func filterTypesThenEscClearsInstantly() {
        var s = Fixtures.dashboardState()
        _ = reduce(&s, .key(.char("/")))
        _ = reduce(&s, .key(.char("q")))  // typed, not quit
        #expect(!s.quitRequested)
        #expect(s.dashboard?.filter == "q")
        let effects = reduce(&s, .key(.escape))
        #expect(s.dashboard?.filter == "" && s.dashboard?.filterField == nil)
        #expect(effects == [.loadDashboard(integrationID: 1, queue: .pending, filter: "")])
    }

    @Test func detailOpensAndRetries() {
        var s = Fixtures.detailState()
        #expect(s.screen.kind == .detail)
        let effects = reduce(&s, .key(.char("r")))
        #expect(effects == [.command(.retry, integrationID: 1, unitIDs: [21], argument: nil, description: "Retrying SO-1005")])
        _ = reduce(&s, .key(.escape))
        #expect(s.screen.kind == .dashboard)
    }

    @Test func wizardValidatesInlineBeforeNext() {
        var s = Fixtures.homeState()
        _ = reduce(&s, .key(.char("n")))
        _ = reduce(&s, .key(.ctrl("n")))
        #expect(s.wizard?.step == 0)
        #expect(s.wizard?.showProblems.contains(0) == true)
        for c in "Acme" { _ = reduce(&s, .key(.char(c))) }
        _ = reduce(&s, .key(.ctrl("n")))
        #expect(s.wizard?.step == 1)
        #expect(s.wizard?.focus == .cin7Account)
    }

    /// Step 2 asks for the platform first and then only its credentials; the base URL follows the platform while it
    /// is still a platform's default.
    @Test func wizardChoosesThePlatformAndAsksOnlyForItsCredentials() throws {
        var s = Fixtures.wizardState(step: 1)
        s.screen.modifyWizard { $0.focus = .platform }
        _ = reduce(&s, .key(.char(" ")))
        var w = try #require(s.wizard)
        #expect(w.platform == .shipStation)
        #expect(w.fields(step: 1).suffix(5) == [.warehouseBaseURL, .platformKey, .platformSecret, .storeID, .testWarehouse])
        // The demo's CartonCloud URL was typed, so it stays; a platform default follows the platform.
        #expect(w.text(.warehouseBaseURL) == "http://127.0.0.1:40002")
        s.screen.modifyWizard {
            $0.texts[.warehouseBaseURL] = TextField(text: WarehousePlatform.shipStation.defaultBaseURL)
            $0.focus = .platform
        }
        _ = reduce(&s, .key(.char(" ")))
        w = try #require(s.wizard)
        #expect(w.platform == .starshipit && w.text(.warehouseBaseURL) == WarehousePlatform.starshipit.defaultBaseURL)
        #expect(w.fields(step: 1).contains(.productionTier) && !w.fields(step: 1).contains(.ccTenant))
        s.screen.modifyWizard {
            $0.texts[.platformKey] = TextField(text: "sp-key")
            $0.texts[.platformSecret] = TextField(text: "sp-subscription")
            $0.productionTier = true
            $0.writebackOn = .manifested
        }
        let config = try #require(s.wizard?.config)
        #expect(config.warehouse.kind == .starshipit)
        #expect(config.warehouse.apiKey.reveal() == "sp-key" && config.warehouse.apiSecret.reveal() == "sp-subscription")
        #expect(config.warehouse.productionTier && config.fulfilment.writebackOn == .manifested)
        #expect(s.wizard?.fields(step: 3).contains(.writebackOn) == true)
        #expect(s.wizard?.problems(step: 1).isEmpty == true)
        s.screen.modifyWizard { $0.texts[.platformSecret] = TextField(text: "") }
        #expect(s.wizard?.problems(step: 1).map(\.field) == [.platformSecret])
    }

    @Test func aShipStationAccountsWarehousesFillAnEmptyList() throws {
        var w = WizardState(editing: nil, config: IntegrationConfig(name: "Acme", warehouse: .init(kind: .shipStation)), now: Date())
        w.previewLoaded(summaries: [], locations: LocationIndex(), warehouses: [.init(id: "456789", name: "Main Warehouse")])
        #expect(w.text(.warehouses) == "Main Warehouse=456789")
        #expect(w.warehouseRefs == [.init(id: "456789", name: "Main Warehouse")])
        w.texts[.warehouses] = TextField(text: "East Coast DC")
        w.previewLoaded(summaries: [], locations: LocationIndex(), warehouses: [.init(id: "456789", name: "Main Warehouse")])
        #expect(w.text(.warehouses) == "East Coast DC")
    }

    @Test func wizardWalksToFinishAndSaves() throws {
        var s = Fixtures.wizardState(step: 3)
        #expect(s.wizard?.step == 3)
        let config = try #require(s.wizard?.config)
        // Typed key by key, the escape character is refused and the printable rest is kept as typed.
        #expect(config.name == "Acme [31mSydney")
        #expect(!config.name.contains("\u{1B}"))
        #expect(config.cin7.applicationKey.reveal() == "7c2d9e4f-1a3b-4c5d-8e9f-0a1b2c3d4e5f")
        #expect(config.orderCreation.defaultWarehouse == nil)
        #expect(config.orderCreation.locationMappings.map(\.locationName) == ["Main Warehouse", "Northside 3PL"])
        #expect(config.orderCreation.locationMappings.map(\.warehouse.name) == ["Sydney DC", "Brisbane DC"])
        let effects = reduce(&s, .key(.ctrl("n")))
        #expect(effects == [.save(config, id: nil)])
        _ = reduce(&s, .saved(id: 9, name: config.name, isNew: true))
        #expect(s.screen.kind == .dashboard && s.dashboard?.integrationID == 9 && s.wizard == nil)
    }

    /// Pressing the digit of the queue already shown re-reads it without emptying it: a retry pressed right after
    /// still has its order (it said "Nothing selected" until the read came back).
    @Test func theShownQueuesDigitKeepsItsRowsWhileReloading() {
        var s = Fixtures.dashboardState(tab: .needsAttention, units: [Fixtures.attentionUnit])
        let effects = reduce(&s, .key(.char("6")))
        #expect(s.dashboard?.units.count == 1 && s.dashboard?.tab == .needsAttention)
        #expect(effects.contains { if case .loadDashboard = $0 { true } else { false } })
        let retry = reduce(&s, .key(.char("r")))
        #expect(retry.contains { if case .command(.retry, _, let ids, _, _) = $0 { ids == [Fixtures.attentionUnit.id] } else { false } })
    }

    /// Correcting a warehouse name (clear the list, type it again) keeps every location's choice by position.
    @Test func retypingTheWarehouseListKeepsTheMappings() throws {
        var s = Fixtures.wizardState(step: 2)
        let before = try #require(s.wizard?.config.orderCreation)
        #expect(before.locationMappings.map(\.warehouse.display) == ["Sydney DC", "Brisbane DC"])
        s.screen.modifyWizard { $0.focus = .warehouses }
        for _ in 0..<40 { _ = reduce(&s, .key(.backspace)) }
        #expect(s.wizard?.config.orderCreation.locationMappings.isEmpty == true)
        for c in "Sydney DX, Brisbane DC" { _ = reduce(&s, .key(.char(c))) }
        let after = try #require(s.wizard?.config.orderCreation)
        #expect(after.locationMappings.map(\.warehouse.display) == ["Sydney DX", "Brisbane DC"])
        #expect(after.locationMappings.map(\.locationName) == before.locationMappings.map(\.locationName))
    }

    /// Names are checked against the warehouses of the customer's recent orders; one not among them is named.
    @Test func aWarehouseNameNotOnRecentOrdersIsNamedWithThoseSeen() throws {
        var s = Fixtures.wizardState(step: 2)
        var w = try #require(s.wizard)
        #expect(warehouseCheck(w)?.1 == .ok)
        s.screen.modifyWizard { $0.focus = .warehouses }
        for _ in 0..<40 { _ = reduce(&s, .key(.backspace)) }
        for c in "Sydney DX, Brisbane DC" { _ = reduce(&s, .key(.char(c))) }
        w = try #require(s.wizard)
        let (line, level) = try #require(warehouseCheck(w))
        #expect(level == .warning)
        #expect(line.hasPrefix("Not on any of this customer's recent orders: “Sydney DX” (seen: Sydney DC, Brisbane DC)"), "\(line)")
        s.screen.modifyWizard { $0.knownWarehouses = nil }
        #expect(try #require(s.wizard).knownWarehouses == nil && warehouseCheck(try #require(s.wizard))?.0.hasPrefix("Names not checked") == true)
    }

    @Test func previewFollowsTheMappingAndGoLive() {
        var s = Fixtures.wizardState(step: 2)
        let w = s.wizard!
        #expect(w.locations.map(\.name) == ["Main Warehouse", "Northside 3PL", "Showroom"])
        let byNumber = Dictionary(uniqueKeysWithValues: w.previewRows.map { ($0.orderNumber, $0) })
        #expect(byNumber["SO-1001"]?.destination == "Sydney DC")  // a bin routes by its parent
        #expect(byNumber["SO-1002"]?.destination == "Brisbane DC")
        #expect(byNumber["SO-1003"]?.destination == nil)  // Showroom unmapped, no default
        #expect(byNumber["SO-0999"]?.skipReason != nil)  // before go-live
        #expect(w.goLiveCount == 2)
        // Go live from a date a month back brings the old sale in.
        s.screen.modifyWizard { $0.focus = .goLive }
        _ = reduce(&s, .key(.char(" ")))
        s.screen.modifyWizard { $0.focus = .goLiveDate }
        for _ in 0..<12 { _ = reduce(&s, .key(.backspace)) }
        for c in "2026-01-01" { _ = reduce(&s, .key(.char(c))) }
        #expect(s.wizard?.goLiveCount == 3)
    }

    @Test func leavingTheWizardWithChangesAsks() {
        var s = Fixtures.homeState()
        _ = reduce(&s, .key(.char("n")))
        _ = reduce(&s, .key(.escape))
        #expect(s.screen.kind == .home)  // nothing typed: leaves at once
        _ = reduce(&s, .key(.char("n")))
        _ = reduce(&s, .key(.char("x")))
        _ = reduce(&s, .key(.escape))
        #expect(s.overlay == .confirmDiscardWizard)
        _ = reduce(&s, .key(.char("n")))
        #expect(s.screen.kind == .wizard)
        _ = reduce(&s, .key(.escape))
        _ = reduce(&s, .key(.char("y")))
        #expect(s.screen.kind == .home && s.wizard == nil)
    }

    @Test func reconfigureOpensTheWizardFilledIn() {
        var s = Fixtures.homeState()
        let effects = reduce(&s, .key(.char("c")))
        #expect(effects == [.loadConfig(integrationID: 1)])
        var config = IntegrationConfig(name: "Demo")
        config.cin7.accountID = "0b6f3c1e-2f4d-4b8e-9a1c-5d7e8f901234"
        config.orderCreation.locationMappings = [
            .init(locationID: "L2", locationName: "Northside 3PL", warehouse: .init(id: "w2", name: "Brisbane DC"))
        ]
        _ = reduce(&s, .configLoaded(id: 1, config))
        #expect(s.screen.kind == .wizard)
        #expect(s.wizard?.editingID == 1)
        #expect(s.wizard?.text(.name) == "Demo")
        #expect(s.wizard?.text(.warehouses) == "Brisbane DC=w2")
        #expect(s.wizard?.hasChanges == false)
        #expect(s.wizard?.config.orderCreation.locationMappings == config.orderCreation.locationMappings)
    }

    @Test func helpListsEveryKeyTableAndFiles() {
        var s = Fixtures.dashboardState()
        _ = reduce(&s, .key(.char("?")))
        let sections = helpSections(s, theme: .standard)
        let titles = sections.map(\.title)
        for map in KeyMaps.all(demo: false) { #expect(titles.contains(map.title)) }
        #expect(titles.contains("Order states"))
        #expect(sections.flatMap(\.rows).contains { $0.text == Fixtures.env.logFile })
        _ = reduce(&s, .key(.escape))
        #expect(s.overlay == nil)
    }

    @Test func tickExpiresFlashAndLeavesAScreenThisProcessSyncsToTheEngine() {
        var s = Fixtures.dashboardState()
        s.flash = Flash("hello", expiresAtTick: 1)
        let effects = reduce(&s, .tick(Fixtures.now)) + reduce(&s, .tick(Fixtures.now))
        #expect(s.flash == nil)
        #expect(effects.isEmpty)  // integration 1 runs here: its events say when to re-read
    }
}
