import BridgeSupport
import EngineTestSupport
import Foundation
import GRDB
import Testing

@testable import SyncEngine

@Suite struct StoreTests {
    func temporaryDirectory() -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("cin7bridge-store-\(UUID().uuidString)")
    }

    func config(_ name: String = "Acme") -> IntegrationConfig {
        var config = IntegrationConfig(name: name)
        config.cin7 = .init(accountID: UUID().uuidString, applicationKey: Secret(UUID().uuidString))
        config.warehouse = .init(tenantID: "t", clientID: "c", clientSecret: "s3cret-value", customerID: "cu")
        config.orderCreation.defaultWarehouse = .init(name: "Sydney DC")
        return config
    }

    @Test func filesArePrivate() throws {
        let directory = temporaryDirectory()
        let store = try SQLiteStore(directory: directory)
        let attributes = try FileManager.default.attributesOfItem(atPath: directory.path)
        #expect((attributes[.posixPermissions] as? Int) == 0o700)
        let file = try FileManager.default.attributesOfItem(atPath: store.path)
        #expect((file[.posixPermissions] as? Int) == 0o600)
    }

    @Test(arguments: StoreBackendKind.allCases)
    func queueCountsFollowStateChanges(_ backend: StoreBackendKind) throws {
        let store = try backend.open()
        let id = try store.saveIntegration(config(), actor: "test")
        let now = Date()
        let unit = try store.insertUnit(
            ShipmentUnit(
                integrationID: id,
                saleID: "S1",
                orderNumber: "SO-1",
                reference: "SO-1",
                customerName: "C",
                cin7Location: "Main",
                state: .pending,
                now: now
            )
        )
        _ = try store.insertUnit(
            ShipmentUnit(
                integrationID: id,
                saleID: "S2",
                orderNumber: "SO-2",
                reference: "SO-2",
                customerName: "C",
                cin7Location: "Main",
                state: .skipped,
                now: now
            )
        )
        #expect(try store.queueCounts(integrationID: id) == [.pending: 1, .skipped: 1])
        var moved = unit
        moved.state = .inWarehouse
        try store.saveUnit(moved, from: unit, audit: [AuditEntry(integrationID: id, at: now, kind: .state, message: "created")])
        #expect(try store.queueCounts(integrationID: id)[.inWarehouse] == 1)
        #expect(try store.queueCounts(integrationID: id)[.pending] == 0)
        #expect(try store.timeline(unitID: unit.id!).map(\.message) == ["created"])
    }

    @Test(arguments: StoreBackendKind.allCases)
    func concurrentWritersAreDetectedNotOverwritten(_ backend: StoreBackendKind) throws {
        let store = try backend.open()
        let id = try store.saveIntegration(config(), actor: "test")
        let unit = try store.insertUnit(
            ShipmentUnit(
                integrationID: id,
                saleID: "S1",
                orderNumber: "SO-1",
                reference: "SO-1",
                customerName: "C",
                cin7Location: "Main",
                state: .pending,
                now: Date()
            )
        )
        var first = unit
        first.state = .creating
        first.updatedAt = Date().addingTimeInterval(1)
        try store.saveUnit(first, from: unit)
        var second = unit
        second.state = .skipped
        #expect(throws: UnitConflict.self) { try store.saveUnit(second, from: unit) }
        // Intake's own column survives an engine save that did not touch it.
        try store.noteCin7Version(unitID: unit.id!, saleUpdated: Date(), change: "voided")
        let fresh = try #require(try store.unit(id: unit.id!))
        var third = fresh
        third.attempts = 3
        try store.saveUnit(third, from: fresh)
        #expect(try store.unit(id: unit.id!)?.cin7Change == "voided")
    }

    @Test(arguments: StoreBackendKind.allCases)
    func leasesAreExclusiveUntilTheHolderIsGone(_ backend: StoreBackendKind) throws {
        let store = try backend.open()
        let now = Date()
        #expect(try store.acquireLease(integrationID: 1, holder: "a", host: "h", pid: getpid(), now: now, timeout: 30)?.generation == 1)
        #expect(try store.acquireLease(integrationID: 1, holder: "b", host: "h", pid: getpid(), now: now, timeout: 30) == nil)
        // A renewal keeps the generation; a takeover (the heartbeat went stale) moves it on.
        #expect(
            try store.acquireLease(integrationID: 1, holder: "a", host: "h", pid: getpid(), now: now.addingTimeInterval(5), timeout: 30)?.generation
                == 1
        )
        #expect(
            try store.acquireLease(integrationID: 1, holder: "b", host: "h", pid: getpid(), now: now.addingTimeInterval(36), timeout: 30)?.generation
                == 2
        )
        // A holder on this host whose process is gone is replaced at once.
        #expect(try store.acquireLease(integrationID: 2, holder: "dead", host: "h", pid: 999_999, now: now, timeout: 30) != nil)
        #expect(try store.acquireLease(integrationID: 2, holder: "c", host: "h", pid: getpid(), now: now, timeout: 30)?.generation == 2)
        // Given up, the lease is free at once and still counts: the next holder gets the next generation.
        try store.releaseLease(integrationID: 2, holder: "c")
        #expect(try store.lease(integrationID: 2) == nil)
        #expect(try store.leases().map(\.integrationID) == [1])
        #expect(try store.acquireLease(integrationID: 2, holder: "d", host: "h", pid: getpid(), now: now, timeout: 30)?.generation == 3)
    }

    /// A host renews all its engines' leases in one write; a lease that passed to another holder (a newer
    /// generation) or was given up is left alone and reported as not renewed.
    @Test(arguments: StoreBackendKind.allCases)
    func aHostRenewsItsLeasesInOneWrite(_ backend: StoreBackendKind) throws {
        let store = try backend.open()
        let now = Date()
        let held = try (1...3).map { id in
            try #require(try store.acquireLease(integrationID: id, holder: "h\(id)", host: "h", pid: getpid(), now: now, timeout: 30))
        }
        // 2 is taken over after its heartbeat went stale; 3 is given up.
        _ = try #require(
            try store.acquireLease(integrationID: 2, holder: "other", host: "h", pid: getpid(), now: now.addingTimeInterval(31), timeout: 30)
        )
        try store.releaseLease(integrationID: 3, holder: "h3")
        let later = now.addingTimeInterval(32)
        #expect(try store.renewLeases(held.map(\.fence), now: later) == [1])
        #expect(try store.renewLeases([], now: later).isEmpty)
        let renewed = try #require(try store.lease(integrationID: 1))
        #expect(abs(renewed.heartbeatAt.timeIntervalSince(later)) < 0.01 && renewed.generation == 1 && renewed.holder == "h1")
        #expect(try store.lease(integrationID: 2)?.holder == "other")
        #expect(try store.lease(integrationID: 3) == nil)
        // Renewed, 1 is not stale to another process.
        #expect(
            try store.acquireLease(integrationID: 1, holder: "x", host: "h", pid: getpid(), now: later.addingTimeInterval(29), timeout: 30) == nil
        )
    }

    /// Writes made under a lease's generation (`LeaseFence.current`) are refused, with nothing written, once the lease
    /// has passed to another holder; writes outside an engine, the lease itself and call records are not fenced.
    @Test(arguments: StoreBackendKind.allCases)
    func writesUnderALostLeaseAreRefused(_ backend: StoreBackendKind) throws {
        let store = try backend.open()
        let id = try store.saveIntegration(config(), actor: "test")
        let now = Date()
        let first = try #require(try store.acquireLease(integrationID: id, holder: "a", host: "h", pid: getpid(), now: now, timeout: 30))
        let unit = try LeaseFence.$current.withValue(first.fence) {
            try store.insertUnit(
                ShipmentUnit(
                    integrationID: id,
                    saleID: "s1",
                    orderNumber: "SO-1",
                    reference: "SO-1",
                    customerName: "C",
                    cin7Location: "Main",
                    state: .pending,
                    now: now
                )
            )
        }
        // Another process takes over after the heartbeat went stale.
        let second = try #require(
            try store.acquireLease(integrationID: id, holder: "b", host: "h", pid: getpid(), now: now.addingTimeInterval(31), timeout: 30)
        )
        #expect(second.generation == first.generation + 1)
        var changed = unit
        changed.state = .creating
        #expect(throws: LeaseLost(fence: first.fence, current: second.generation)) {
            try LeaseFence.$current.withValue(first.fence) {
                try store.saveUnit(
                    changed,
                    from: unit,
                    audit: [AuditEntry(integrationID: id, unitID: unit.id, at: now, kind: .state, message: "stale")]
                )
            }
        }
        #expect(throws: LeaseLost.self) {
            try LeaseFence.$current.withValue(first.fence) { try store.setWatermark(integrationID: id, name: "intake", value: now) }
        }
        #expect(try store.unit(id: unit.id!)?.state == .pending, "nothing the stale holder wrote stays")
        #expect(try store.timeline(unitID: unit.id!).allSatisfy { $0.message != "stale" })
        #expect(try store.watermark(integrationID: id, name: "intake") == nil)
        // The calls it made stay on record; the new holder writes as usual.
        try LeaseFence.$current.withValue(first.fence) {
            try store.appendAudit([AuditEntry(integrationID: id, unitID: unit.id, at: now, kind: .call, message: "call made")])
        }
        try LeaseFence.$current.withValue(second.fence) { try store.saveUnit(changed, from: unit) }
        #expect(try store.unit(id: unit.id!)?.state == .creating)
    }

    /// Hosts sharing a store see each other by heartbeat, and forget one that stops.
    @Test(arguments: StoreBackendKind.allCases)
    func hostsSeeEachOtherByHeartbeat(_ backend: StoreBackendKind) throws {
        let store = try backend.open()
        let now = Date()
        let a = EngineHostRecord(id: "a", host: "bridge-1", pid: 10, startedAt: now, heartbeatAt: now)
        var b = EngineHostRecord(id: "b", host: "bridge-2", pid: 20, startedAt: now.addingTimeInterval(1), heartbeatAt: now.addingTimeInterval(-60))
        try store.beat(a)
        try store.beat(b)
        #expect(try store.hosts(since: now.addingTimeInterval(-30)).map(\.id) == ["a"])
        b.heartbeatAt = now
        try store.beat(b)
        #expect(try store.hosts(since: now.addingTimeInterval(-30)).map(\.id) == ["a", "b"])
        try store.removeHost(id: "a")
        #expect(try store.hosts(since: now.addingTimeInterval(-30)).map(\.id) == ["b"])
    }

    /// Two stores opened on the same database (two processes, or two hosts on PostgreSQL) draw from one budget.
    @Test(arguments: StoreBackendKind.allCases)
    func rateBudgetIsSharedBetweenProcessesThroughTheDatabase(_ backend: StoreBackendKind) async throws {
        let location = try backend.freshLocation()
        let first = try BridgeStores.open(location)
        let second = try BridgeStores.open(location)
        let policy = RatePolicy(limit: 2, window: 60)
        let now = Date()
        let a = first.rateBudgets()
        let b = second.rateBudgets()
        guard case .success = try await a.acquire(key: "cin7:x", policy: policy, reserve: 0, now: now) else {
            Issue.record("refused")
            return
        }
        guard case .success = try await b.acquire(key: "cin7:x", policy: policy, reserve: 0, now: now) else {
            Issue.record("refused")
            return
        }
        guard case .failure = try await a.acquire(key: "cin7:x", policy: policy, reserve: 0, now: now) else {
            Issue.record("budget not shared")
            return
        }
        #expect(try await b.usage(key: "cin7:x", policy: policy, now: now).used == 2)
    }

    @Test func rateBudgetsStoredAsJSONByEarlierVersionsStillCount() async throws {
        let store = try SQLiteStore(directory: temporaryDirectory())
        let now = Date()
        let stored = #"{"slots":[{"id":7,"at":\#(now.timeIntervalSinceReferenceDate),"finished":true}],"nextID":8}"#
        try store.write { db in try db.execute(sql: "INSERT INTO rate_budget (key, state) VALUES ('cin7:x', ?)", arguments: [stored]) }
        let budgets = SQLiteRateBudgetStore(store: store)
        let policy = RatePolicy(limit: 2, window: 60)
        #expect(try budgets.usage(key: "cin7:x", policy: policy, now: now).used == 1)
        guard case .success = try await budgets.acquire(key: "cin7:x", policy: policy, reserve: 0, now: now) else {
            Issue.record("refused")
            return
        }
        guard case .failure = try await budgets.acquire(key: "cin7:x", policy: policy, reserve: 0, now: now) else {
            Issue.record("old slot lost")
            return
        }
        let state = try store.read { db in try String.fetchOne(db, sql: "SELECT state FROM rate_budget WHERE key = 'cin7:x'") }
        // Rewritten in the current compact form (w2: with the throttle backoff field, here empty).
        #expect(state?.hasPrefix("w2 9 - 0:- 7:") == true)
    }

    @Test(arguments: StoreBackendKind.allCases)
    func configChangesAreRecordedWithoutSecrets(_ backend: StoreBackendKind) throws {
        let store = try backend.open()
        var config = config()
        let id = try store.saveIntegration(config, actor: "alice")
        config.warehouse.clientSecret = "a-new-secret-value"
        config.orderCreation.referencePrefix = "HB-"
        try store.saveIntegration(config, id: id, actor: "bob")
        let changes = try store.configChanges(integrationID: id)
        #expect(changes.first?.actor == "bob")
        #expect(changes.first?.summary.contains("warehouse client secret") == true)
        #expect(changes.first?.summary.contains("reference prefix") == true)
        #expect(!changes.contains { $0.summary.contains("a-new-secret-value") || $0.summary.contains("s3cret-value") })
    }

    /// v3 turned the order, shipment and comma-joined task ids into typed JSON columns: a v2 database's rows read
    /// back as the same values, and the text on disk is what the engine would write now.
    @Test func typedColumnsMigrationKeepsWhatV2Stored() throws {
        let directory = temporaryDirectory()
        try DataDirectory.prepare(directory)
        let path = directory.appendingPathComponent(SQLiteStore.fileName).path
        let order = WarehouseOrderRequest(
            reference: "SO-7",
            warehouse: .init(id: "w1", name: "Sydney DC"),
            address: .init(),
            instructions: "Dock 2",
            requiredDate: CalendarDate(year: 2026, month: 12, day: 24),
            customerReference: nil,
            cin7OrderNumber: "SO-7",
            lines: [.init(sku: "TENT", name: "Tent", quantity: 2)]
        )
        let shipment = WarehouseShipment(carrier: "StarTrack", trackingNumber: "AP1", dispatchedAt: Date(timeIntervalSince1970: 1_800_000_000))
        let orderText = String(decoding: try JSONEncoder.bridge.encode(order), as: UTF8.self)
        let shipmentText = String(decoding: try JSONEncoder.bridge.encode(shipment), as: UTF8.self)
        do {
            let queue = try DatabaseQueue(path: path)
            try SQLiteStore.migrator.migrate(queue, upTo: "v2: command outcome")
            try queue.write { db in
                try db.execute(
                    sql:
                        "INSERT INTO integration (id, name, enabled, config, createdAt, updatedAt) VALUES (1, 'Acme', 1, '{}', '2026-01-01', '2026-01-01')"
                )
                try db.execute(
                    sql: """
                        INSERT INTO shipment_unit (integrationID, saleID, fulfilmentNumber, taskID, orderNumber, reference, customerName,
                            cin7Location, state, attempts, orderJSON, shipmentJSON, writebackDone, writebackUncertain, createUncertain,
                            trackingDirty, rejectedCount, createdAt, updatedAt, stateChangedAt)
                        VALUES (1, 's1', 0, 't1,t2', 'SO-7', 'SO-7', 'C', 'Main', 'in_warehouse', 0, ?, ?, 0, 0, 0, 0, 0,
                            '2026-01-01 00:00:00', '2026-01-01 00:00:00', '2026-01-01 00:00:00'),
                            (1, 's2', 0, NULL, 'SO-8', 'SO-8', 'C', 'Main', 'pending', 0, NULL, NULL, 0, 0, 0, 0, 0,
                            '2026-01-01 00:00:00', '2026-01-01 00:00:00', '2026-01-01 00:00:00')
                        """,
                    arguments: [orderText, shipmentText]
                )
            }
        }
        let store = try SQLiteStore(path: path)
        let units = try store.units(integrationID: 1, saleIDs: ["s1", "s2"])
        let migrated = try #require(units["s1"]?.first)
        #expect(migrated.orderRequest == order)
        #expect(migrated.shipment == shipment)
        #expect(migrated.taskIDs == ["t1", "t2"])
        #expect(units["s2"]?.first?.taskIDs == [])
        #expect(units["s2"]?.first?.orderRequest == nil)
        let onDisk = try store.read { db in
            try Row.fetchOne(db, sql: "SELECT orderRequest, shipment, taskIDs FROM shipment_unit WHERE saleID = 's1'").map {
                [$0["orderRequest"] as String?, $0["shipment"] as String?, $0["taskIDs"] as String?]
            }
        }
        #expect(onDisk == [orderText, shipmentText, #"["t1","t2"]"#])
    }

    @Test func aNewerSchemaIsRefused() throws {
        let directory = temporaryDirectory()
        let store = try SQLiteStore(directory: directory)
        try store.write { db in try db.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v99: from the future')") }
        #expect(throws: StoreError.self) { try SQLiteStore(directory: directory) }
    }

    @Test func aCorruptFileGivesAnActionableError() throws {
        let directory = temporaryDirectory()
        try DataDirectory.prepare(directory)
        try Data(repeating: 0x42, count: 8192).write(to: directory.appendingPathComponent(SQLiteStore.fileName))
        do {
            _ = try SQLiteStore(directory: directory)
            Issue.record("opened a corrupt file")
        } catch let error as StoreError {
            #expect(error.description.contains("backup") || error.description.contains("damaged"))
        }
    }
}

@Suite struct ConfigTests {
    func valid() -> IntegrationConfig {
        var config = IntegrationConfig(name: "Acme")
        config.cin7 = .init(accountID: UUID().uuidString, applicationKey: Secret(UUID().uuidString))
        config.warehouse = .init(tenantID: "t", clientID: "c", clientSecret: "s", customerID: "cu")
        config.orderCreation.defaultWarehouse = .init(name: "Sydney DC")
        return config
    }

    @Test func validationNamesTheField() {
        #expect(ConfigValidator.problems(in: valid()).isEmpty)
        var bad = valid()
        bad.cin7.accountID = "not-a-guid"
        bad.orderCreation.statusesToImport = ["ORDERED", "SHIPPED"]
        bad.limits.cin7CallsPerWindow = 100
        let fields = ConfigValidator.problems(in: bad).map(\.field)
        #expect(fields.contains("cin7.accountID"))
        #expect(fields.contains("orderCreation.statusesToImport[1]"))
        #expect(fields.contains("limits.cin7CallsPerWindow"))
    }

    @Test(arguments: StoreBackendKind.allCases)
    func exportLeavesSecretsOutAndImportKeepsTheStoredOnes(_ backend: StoreBackendKind) throws {
        let store = try backend.open()
        let config = valid()
        try store.saveIntegration(config, actor: "test")
        let data = try ConfigDocument(integrations: [config], includeSecrets: false).encoded()
        let text = String(decoding: data, as: UTF8.self)
        #expect(!text.contains(config.cin7.applicationKey.reveal()))
        #expect(text.contains("cin7bridge-config"))
        var document = try ConfigDocument.decode(data)
        document.integrations[0].orderCreation.referencePrefix = "X-"
        try document.apply(to: store, actor: "test")
        let stored = try #require(try store.integration(named: "Acme")?.decodedConfig())
        #expect(stored.cin7.applicationKey == config.cin7.applicationKey)
        #expect(stored.orderCreation.referencePrefix == "X-")
    }

    @Test(arguments: StoreBackendKind.allCases)
    func importRejectsInvalidFilesWithPreciseErrorsAndWritesNothing(_ backend: StoreBackendKind) throws {
        let store = try backend.open()
        var bad = valid()
        bad.name = "New"
        bad.warehouse.customerID = ""
        let data = try ConfigDocument(integrations: [valid(), bad], includeSecrets: true).encoded()
        do {
            try ConfigDocument.decode(data).apply(to: store, actor: "test")
            Issue.record("imported an invalid file")
        } catch let error as ConfigDocument.ImportError {
            #expect(error.description.contains("integrations[1].warehouse.customerID"))
        }
        #expect(try store.integrations().isEmpty)
        #expect(throws: ConfigDocument.ImportError.self) { try ConfigDocument.decode(Data("{\"format\":1}".utf8)) }
    }
}
