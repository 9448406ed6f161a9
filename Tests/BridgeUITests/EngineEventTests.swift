import Foundation
import TerminalUI
import Testing

@testable import BridgeUI
@testable import SyncEngine

/// The screen follows the engine by its events, and a viewer of another process's engine re-reads the store only
/// when its data version moved.
@Suite struct EngineEventTests {
    @Test func aStatusEventUpdatesTheDashboardWithoutReadingTheStore() throws {
        var s = Fixtures.dashboardState()
        var status = IntegrationStatus(integrationID: 1, name: "Demo", now: Fixtures.now)
        status.lastPollAt = Fixtures.now
        status.backlog = 42
        let action = try #require(AppAction(EngineEvent.status(status)))
        #expect(reduce(&s, action).isEmpty)
        #expect(s.dashboard?.status == status)
        let screen = render(s, size: Size(width: 80, height: 24), theme: .standard).plainText
        #expect(screen.contains("42 left"))
        // Another integration's status leaves this dashboard as it is.
        let other = IntegrationStatus(integrationID: 2, name: "Other", now: Fixtures.now)
        #expect(reduce(&s, .statusChanged(other)).isEmpty)
        #expect(s.dashboard?.status == status)
    }

    @Test func aChangedOrderReadsOnlyWhatShowsIt() throws {
        var s = Fixtures.dashboardState()
        let action = try #require(AppAction(EngineEvent.unitChanged(integrationID: 1, unitID: 11, state: .inWarehouse)))
        #expect(reduce(&s, action) == [.loadHome, .loadDashboard(integrationID: 1, queue: .pending, filter: "")])
        #expect(reduce(&s, .unitChanged(integrationID: 2, unitID: 99)) == [.loadHome])

        var detail = Fixtures.detailState()
        #expect(
            reduce(&detail, .unitChanged(integrationID: 1, unitID: 21))
                == [.loadHome, .loadDashboard(integrationID: 1, queue: .needsAttention, filter: ""), .loadDetail(unitID: 21)]
        )
        #expect(reduce(&detail, try #require(AppAction(EngineEvent.timeline(integrationID: 1, unitIDs: [21, 22])))) == [.loadDetail(unitID: 21)])
        #expect(reduce(&detail, .timelineChanged(integrationID: 1, unitIDs: [22])).isEmpty)
        #expect(AppAction(EngineEvent.commandFinished(integrationID: 1, commandID: 1, report: .done("ok"))) == nil)
    }

    @Test func aRunningEventShowsAtOnce() throws {
        var s = Fixtures.homeState()
        #expect(!s.running.contains(3))
        #expect(reduce(&s, try #require(AppAction(EngineEvent.running(integrationID: 3, isRunning: true)))) == [.loadHome])
        #expect(s.running.contains(3))
        _ = reduce(&s, .runningChanged(integrationID: 3, isRunning: false))
        #expect(!s.running.contains(3))
    }

    @Test func aReadStartedBeforeATabChangeIsDropped() {
        var s = Fixtures.dashboardState()
        _ = reduce(&s, .key(.char("4")))
        let stale = DashboardSnapshot(
            integrationID: 1,
            counts: Fixtures.counts,
            units: Fixtures.units,
            status: nil,
            attention: [],
            enabled: true,
            name: "Demo",
            query: .init(queue: .pending, filter: "", limit: DashboardState.pageSize)
        )
        #expect(reduce(&s, .dashboardLoaded(stale)).isEmpty)
        #expect(s.dashboard?.units.isEmpty == true && s.dashboard?.tab == .completed)
        var current = stale
        current.query?.queue = .completed
        current.units = [Fixtures.completedUnit]
        _ = reduce(&s, .dashboardLoaded(current))
        #expect(s.dashboard?.units == [Fixtures.completedUnit])
    }

    @Test func anIdleViewerChecksTheDataVersionAndReReadsOnlyWhenItMoved() {
        // Integration 2 is synced by another process: this screen is a viewer of it.
        var s = Fixtures.homeState()
        s.screen = .dashboard(DashboardState(integrationID: 2, name: "Acme"))
        let ticks = (0..<(2 * storeCheckEveryTicks)).flatMap { _ in reduce(&s, .tick(Fixtures.now)) }
        #expect(ticks == [.checkStoreVersion, .checkStoreVersion])
        let refresh: [AppEffect] = [.loadHome, .loadDashboard(integrationID: 2, queue: .pending, filter: "")]
        #expect(reduce(&s, .storeVersion(7)) == refresh)
        #expect(reduce(&s, .storeVersion(7)).isEmpty)
        #expect(reduce(&s, .storeVersion(7)).isEmpty)
        #expect(reduce(&s, .storeVersion(8)) == refresh)
    }

    @Test @MainActor func theRuntimeSeesAnotherProcesssWritesAndNothingElse() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("bridgeui-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = try SQLiteStore(directory: directory)
        let runtime = BridgeRuntime(store: store, host: EngineHost(store: store))
        defer { runtime.stopListening() }
        var s = AppState(env: Fixtures.env, now: Fixtures.now)
        func check() async -> [AppEffect] {
            runtime.perform([.checkStoreVersion], actor: "test")
            await runtime.settle()
            let actions = runtime.drain()
            #expect(actions.count == 1)
            return actions.flatMap { reduce(&s, $0) }
        }
        #expect(await check() == [.loadHome])  // the first check reads once
        #expect(await check().isEmpty)
        #expect(await check().isEmpty)
        // Another process (its own connection) saves a status: nothing an audit row would show.
        let other = try SQLiteStore(path: store.path)
        try other.saveStatus(IntegrationStatus(integrationID: 1, name: "Elsewhere", now: Fixtures.now))
        #expect(await check() == [.loadHome])
        #expect(await check().isEmpty)
    }

    @Test @MainActor func storeReadsRunOffTheMainActorAndCoalesce() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("bridgeui-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = try SQLiteStore(directory: directory)
        let id = try store.saveIntegration(IntegrationConfig(name: "Read"), actor: "test")
        let runtime = BridgeRuntime(store: store, host: EngineHost(store: store))
        defer { runtime.stopListening() }
        let load = AppEffect.loadDashboard(integrationID: id, queue: .pending, filter: "")
        runtime.perform([load, load, load, .loadHome], actor: "test")
        #expect(runtime.hasBackgroundWork)
        await runtime.settle()
        let actions = runtime.drain()
        // Three asks while the first ran: one read, then one more for what changed meanwhile.
        #expect(actions.filter { if case .dashboardLoaded = $0 { true } else { false } }.count == 2)
        #expect(actions.contains { if case .homeLoaded(let rows, _, _, _) = $0 { rows.map(\.name) == ["Read"] } else { false } })
        #expect(!runtime.hasBackgroundWork)
    }
}
