import EngineTestSupport
import Foundation
import SyncEngine
import Synchronization
import Testing

/// PostgreSQL's `LISTEN/NOTIFY`: a command queued on one host reaches the owner's host at once, and a viewer re-reads
/// only when something changed (SQLite has neither: its readers poll, see `StoreChangeWatch`).
@Suite(.serialized) struct PostgresNotificationTests {
    @Test func aCommandQueuedOnOneHostIsAnnouncedToAnother() async throws {
        let location = try StoreBackendKind.postgres.freshLocation()
        let (owner, viewer) = (try BridgeStores.open(location), try BridgeStores.open(location))
        let id = try viewer.saveIntegration(IntegrationConfig(name: "Announced"), actor: "test")
        let heard = Mutex<[Int64?]>([])
        let listening = try #require(owner.followCommands { id in heard.withLock { $0.append(id) } })
        defer { listening.cancel() }
        try await Self.wait("listening to start") { heard.withLock { $0.contains(nil) } }
        try viewer.enqueue(OperatorCommand(integrationID: id, kind: .pollNow, actor: "test", createdAt: Date()))
        try await Self.wait("the command to be announced") { heard.withLock { $0.contains(id) } }
    }

    @Test func aViewerSeesAChangeOnlyWhenOneWasMade() async throws {
        let location = try StoreBackendKind.postgres.freshLocation()
        let (engine, viewer) = (try BridgeStores.open(location), try BridgeStores.open(location))
        let id = try engine.saveIntegration(IntegrationConfig(name: "Watched"), actor: "test")
        let watch = try StoreChangeWatch(store: viewer)
        // Listening: two looks in a row agree once nothing is being written.
        var last = try watch.version()
        try await Self.wait("the watch to settle") {
            let now = try watch.version()
            defer { last = now }
            return now == last
        }
        try await Task.sleep(for: .milliseconds(300))
        #expect(try watch.version() == last, "nothing was written")
        try engine.saveStatus(IntegrationStatus(integrationID: id, name: "Watched", now: Date()))
        try await Self.wait("the change to be seen") { try watch.version() != last }
    }

    static func wait(_ what: String, timeout: TimeInterval = 10, _ condition: () throws -> Bool) async throws {
        let deadline = Date().addingTimeInterval(timeout)
        while try !condition() {
            guard Date() < deadline else {
                Issue.record("timed out waiting for \(what)")
                return
            }
            try await Task.sleep(for: .milliseconds(50))
        }
    }
}
