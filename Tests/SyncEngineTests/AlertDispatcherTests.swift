import BridgeSupport
import Foundation
import Logging
import Simulators
import SyncEngine
import Testing

/// Alert hooks against a real receiver on loopback and real commands: storms, timeouts, retries, and what never goes
/// in a payload or a log line.
@Suite(.serialized)
struct AlertDispatcherTests {
    /// Secret values the integration is configured with; none may appear in a payload or a log line.
    static let secrets = ["app-key-SECRET-1111", "client-SECRET-2222", "api-key-SECRET-3333", "api-secret-SECRET-4444", "hooktoken-SECRET-5555"]

    struct Harness {
        let directory: URL
        let store: BridgeStore
        let integrationID: Int64
        let dispatcher: AlertDispatcher
        let logPath: String

        init(hook: AlertHook) throws {
            directory = FileManager.default.temporaryDirectory.appendingPathComponent("alerts-\(UUID().uuidString)")
            store = try SQLiteStore(directory: directory)
            var config = IntegrationConfig(name: "Acme")
            config.cin7 = .init(accountID: UUID().uuidString, applicationKey: Secret(AlertDispatcherTests.secrets[0]))
            config.warehouse = .init(
                tenantID: "t",
                clientID: "c",
                clientSecret: Secret(AlertDispatcherTests.secrets[1]),
                customerID: "cu",
                apiKey: Secret(AlertDispatcherTests.secrets[2]),
                apiSecret: Secret(AlertDispatcherTests.secrets[3])
            )
            config.orderCreation.defaultWarehouse = .init(name: "Sydney DC")
            config.alerts = hook
            integrationID = try store.saveIntegration(config, actor: "test")
            logPath = directory.appendingPathComponent("alerts.log").path
            let logger = Logger(label: "cin7bridge.alerts", factory: RotatingFileLogHandler.factory(path: logPath, level: .debug))
            dispatcher = AlertDispatcher(store: store, logger: logger)
        }

        /// A unit of this integration saved in `needs_attention` for an unknown SKU.
        func failedUnit(_ number: Int) throws -> ShipmentUnit {
            try store.insertUnit(
                ShipmentUnit(
                    integrationID: integrationID,
                    saleID: UUID().uuidString.lowercased(),
                    orderNumber: "SO-\(1000 + number)",
                    reference: "SO-\(1000 + number)",
                    customerName: "Harbour Outdoor Ltd",
                    cin7Location: "Main Warehouse",
                    state: .needsAttention,
                    reason: "Product not found: MYSTERY-1 (\(AlertDispatcherTests.secrets[1]))",
                    reasonCode: .unknownSKU,
                    now: Date()
                )
            )
        }

        var log: String { (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? "" }

        func cleanUp() { try? FileManager.default.removeItem(at: directory) }
    }

    static func payloads(_ receiver: AlertReceiver) throws -> [AlertPayload] {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return try receiver.bodies.map { try decoder.decode(AlertPayload.self, from: Data($0)) }
    }

    static func waitUntil(_ what: String, timeout: TimeInterval = 10, _ condition: () throws -> Bool) async throws {
        let deadline = Date().addingTimeInterval(timeout)
        while try !condition() {
            if Date() > deadline {
                Issue.record("timed out waiting for \(what)")
                return
            }
            try await Task.sleep(for: .milliseconds(20))
        }
    }

    /// 50 orders entering needs-attention in a burst (and the engine's later events for the same units) are one alert
    /// at once and one summary "and 49 more" when the quiet period ends; no secret is in either.
    @Test func aStormOfFiftyIsOneAlertAndOneSummary() async throws {
        let receiver = AlertReceiver()
        let url = try await receiver.start()
        let harness = try Harness(hook: AlertHook(.post(url: Secret(url.absoluteString + "?token=" + Self.secrets[4])), quietPeriod: 2))
        defer { harness.cleanUp() }
        let started = Date()
        harness.dispatcher.observe(.running(integrationID: harness.integrationID, isRunning: true))
        var units: [ShipmentUnit] = []
        for number in 0..<50 {
            let unit = try harness.failedUnit(number)
            units.append(unit)
            harness.dispatcher.observe(.unitChanged(integrationID: harness.integrationID, unitID: unit.id!, state: .needsAttention))
            try await Task.sleep(for: .milliseconds(10))
        }
        // Timeline lines for units already waiting are not new: no alert.
        for unit in units.prefix(10) {
            harness.dispatcher.observe(.unitChanged(integrationID: harness.integrationID, unitID: unit.id!, state: .needsAttention))
        }
        try await Self.waitUntil("the first alert") { receiver.bodies.count >= 1 }
        #expect(receiver.bodies.count == 1)
        try await Self.waitUntil("the summary") { receiver.bodies.count >= 2 }
        #expect(Date().timeIntervalSince(started) >= 2)
        try await Task.sleep(for: .seconds(2.5))
        let payloads = try Self.payloads(receiver)
        #expect(payloads.count == 2)
        #expect(payloads.first?.summary == false)
        #expect(payloads.first?.count == 1)
        #expect(payloads.first?.orders.count == 1)
        #expect(Set(payloads.flatMap(\.orders)) == Set((0..<50).map { "SO-\(1000 + $0)" }))
        #expect(payloads.first?.reasons == ["unknown_sku": 1])
        #expect(payloads.first?.kind == "order_needs_attention")
        #expect(payloads.last?.summary == true)
        #expect(payloads.last?.count == 49)
        #expect(payloads.last?.orders.count == 49)
        #expect(payloads.last?.message.contains("and 49 more orders need attention") == true)
        for body in receiver.bodies {
            let text = String(decoding: body, as: UTF8.self)
            for secret in Self.secrets { #expect(!text.contains(secret), "a secret in \(text)") }
            #expect(!text.contains("MYSTERY-1"), "error text in \(text)")
        }
        #expect(harness.dispatcher.deliveries.map(\.delivered) == [true, true])
        for secret in Self.secrets { #expect(!harness.log.contains(secret)) }
        await harness.dispatcher.finish()
        await receiver.stop()
    }

    /// A unit that leaves needs-attention and comes back is alerted again; one that merely gets a new timeline line is not.
    @Test func aUnitThatLeavesAndComesBackIsAlertedAgain() async throws {
        let receiver = AlertReceiver()
        let url = try await receiver.start()
        let harness = try Harness(hook: AlertHook(.post(url: Secret(url.absoluteString)), quietPeriod: 0))
        defer { harness.cleanUp() }
        let waiting = try harness.failedUnit(0)
        harness.dispatcher.observe(.running(integrationID: harness.integrationID, isRunning: true))
        // Already waiting when the engine started: alerted before, not again.
        harness.dispatcher.observe(.unitChanged(integrationID: harness.integrationID, unitID: waiting.id!, state: .needsAttention))
        let unit = try harness.failedUnit(1)
        harness.dispatcher.observe(.unitChanged(integrationID: harness.integrationID, unitID: unit.id!, state: .needsAttention))
        harness.dispatcher.observe(.unitChanged(integrationID: harness.integrationID, unitID: unit.id!, state: .needsAttention))
        try await Self.waitUntil("the alert") { receiver.bodies.count >= 1 }
        harness.dispatcher.observe(.unitChanged(integrationID: harness.integrationID, unitID: unit.id!, state: .pending))
        harness.dispatcher.observe(.unitChanged(integrationID: harness.integrationID, unitID: unit.id!, state: .needsAttention))
        try await Self.waitUntil("the second alert") { receiver.bodies.count >= 2 }
        try await Task.sleep(for: .milliseconds(500))
        #expect(try Self.payloads(receiver).map(\.orders) == [["SO-1001"], ["SO-1001"]])
        await harness.dispatcher.finish()
        await receiver.stop()
    }

    /// The host hands the dispatcher the configurations it decoded (`follow`): alerts go by that copy, not by
    /// re-reading the store, so an integration the host knows to have no hook costs nothing and sends nothing.
    @Test func theConfigurationTheHostFollowsDecides() async throws {
        let receiver = AlertReceiver()
        let url = try await receiver.start()
        let harness = try Harness(hook: AlertHook(.post(url: Secret(url.absoluteString)), quietPeriod: 0))
        defer { harness.cleanUp() }
        var config = try #require(try harness.store.integration(id: harness.integrationID)?.decodedConfig())
        config.alerts = nil
        harness.dispatcher.follow([harness.integrationID: config])
        harness.dispatcher.observe(.running(integrationID: harness.integrationID, isRunning: true))
        let first = try harness.failedUnit(0)
        harness.dispatcher.observe(.unitChanged(integrationID: harness.integrationID, unitID: first.id!, state: .needsAttention))
        try await Task.sleep(for: .milliseconds(500))
        #expect(receiver.bodies.isEmpty, "the followed configuration has no hook")
        config.alerts = AlertHook(.post(url: Secret(url.absoluteString)), quietPeriod: 0)
        harness.dispatcher.follow([harness.integrationID: config])
        let second = try harness.failedUnit(1)
        harness.dispatcher.observe(.unitChanged(integrationID: harness.integrationID, unitID: second.id!, state: .needsAttention))
        try await Self.waitUntil("the alert") { receiver.bodies.count >= 1 }
        #expect(try Self.payloads(receiver).map(\.orders) == [["SO-1001"]])
        await harness.dispatcher.finish()
        await receiver.stop()
    }

    /// The command form gets the JSON on standard input and the fields in its environment, and nothing else of ours.
    /// A reconciliation with findings (the host's `reconciled` event) alerts once, counted by kind with the order
    /// numbers; a clean one says nothing.
    @Test func aReconciliationWithFindingsAlertsOnceByKind() async throws {
        let receiver = AlertReceiver()
        let url = try await receiver.start()
        defer { Task { await receiver.stop() } }
        let harness = try Harness(hook: AlertHook(.post(url: Secret(url.absoluteString))))
        defer { harness.cleanUp() }
        let now = Date()
        var report = ReconciliationReport(
            integrationID: harness.integrationID,
            integrationName: "Acme",
            platform: "CartonCloud",
            ranAt: now,
            since: now.addingTimeInterval(-7 * 86_400),
            until: now
        )
        try harness.store.saveReconciliation(report)
        harness.dispatcher.observe(.reconciled(integrationID: harness.integrationID, findings: 0))
        report.findings = [
            .init(kind: .missing, orderNumber: "SO-7", detail: "nothing in the warehouse", advice: "send it"),
            .init(kind: .missing, orderNumber: "SO-8", detail: "nothing in the warehouse", advice: "send it"),
            .init(kind: .duplicated, orderNumber: "SO-9", warehouseOrderIDs: ["a", "b"], detail: "two live orders", advice: "cancel b"),
        ]
        try harness.store.saveReconciliation(report)
        harness.dispatcher.observe(.reconciled(integrationID: harness.integrationID, findings: 3))
        try await Self.waitUntil("the reconciliation alert") { harness.dispatcher.deliveries.count == 1 }
        try await Task.sleep(for: .milliseconds(300))
        #expect(receiver.bodies.count == 1)
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        let payload = try decoder.decode(AlertPayload.self, from: Data(try #require(receiver.bodies.first)))
        #expect(payload.kind == "reconciliation_findings")
        #expect(payload.count == 3)
        #expect(payload.reasons == ["missing": 2, "duplicated": 1])
        #expect(payload.orders == ["SO-7", "SO-8", "SO-9"])
        await harness.dispatcher.finish()
    }

    @Test func theCommandGetsThePayloadOnStandardInputAndInItsEnvironment() async throws {
        let harness = try Harness(hook: .command("/bin/sh"))
        defer { harness.cleanUp() }
        let output = harness.directory.appendingPathComponent("stdin.json").path
        let environment = harness.directory.appendingPathComponent("env.txt").path
        var config = try #require(try harness.store.integration(id: harness.integrationID)?.decodedConfig())
        config.alerts = .command("/bin/sh", ["-c", "cat > \"$0\"; env > \"$1\"", output, environment])
        try harness.store.saveIntegration(config, id: harness.integrationID, actor: "test")
        harness.dispatcher.notify(
            .reconciliationFindings(
                integrationID: harness.integrationID,
                integrationName: "ignored",
                findings: ["missing_in_warehouse": 2],
                orders: ["SO-1", "SO-2"],
                at: Date()
            )
        )
        try await Self.waitUntil("the command's output") { harness.dispatcher.deliveries.count == 1 }
        #expect(harness.dispatcher.deliveries.first?.delivered == true)
        let data = try Data(contentsOf: URL(fileURLWithPath: output))
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        let payload = try decoder.decode(AlertPayload.self, from: data)
        #expect(payload.integration == "Acme")
        #expect(payload.kind == "reconciliation_findings")
        #expect(payload.count == 2)
        #expect(payload.orders == ["SO-1", "SO-2"])
        let env = try String(contentsOfFile: environment, encoding: .utf8)
        #expect(env.contains("CIN7BRIDGE_ALERT_KIND=reconciliation_findings"))
        #expect(env.contains("CIN7BRIDGE_ALERT_INTEGRATION=Acme"))
        #expect(env.contains("CIN7BRIDGE_ALERT_ORDERS=SO-1,SO-2"))
        #expect(env.contains("CIN7BRIDGE_ALERT_JSON={"))
        let names = env.split(separator: "\n").compactMap { $0.split(separator: "=", maxSplits: 1).first.map(String.init) }
        let ours = Set(names.filter { !$0.hasPrefix("CIN7BRIDGE_ALERT_") })
        // Only the few inherited variables (and what sh sets itself) — never this process's whole environment.
        #expect(ours.isSubset(of: ["PATH", "HOME", "LANG", "LC_ALL", "TZ", "USER", "LOGNAME", "PWD", "SHLVL", "_", "OLDPWD"]), "\(ours)")
        for secret in Self.secrets { #expect(!String(decoding: data, as: UTF8.self).contains(secret)) }
        await harness.dispatcher.finish()
    }

    /// A command that hangs is killed at the timeout and tried again; after the retries it is given up with a log line.
    @Test func aHangingCommandIsKilledAtTheTimeoutAndRetried() async throws {
        let harness = try Harness(hook: .command("/bin/sh"))
        defer { harness.cleanUp() }
        let tries = harness.directory.appendingPathComponent("tries.txt").path
        var config = try #require(try harness.store.integration(id: harness.integrationID)?.decodedConfig())
        config.alerts = AlertHook(
            .command(path: "/bin/sh", arguments: ["-c", "echo try >> \"$0\"; exec sleep 30", tries]),
            timeout: 0.5,
            retries: 1,
            backoff: Backoff(base: 0.1, cap: 0.2)
        )
        try harness.store.saveIntegration(config, id: harness.integrationID, actor: "test")
        let started = Date()
        harness.dispatcher.notify(
            .healthTurnedBad(integrationID: harness.integrationID, integrationName: "Acme", signals: [.cin7NotAnswering], at: Date())
        )
        try await Self.waitUntil("the delivery to be given up") { harness.dispatcher.deliveries.count == 1 }
        #expect(Date().timeIntervalSince(started) < 5)
        #expect(harness.dispatcher.deliveries.first?.delivered == false)
        #expect(harness.dispatcher.deliveries.first?.attempts == 2)
        #expect(try String(contentsOfFile: tries, encoding: .utf8).split(separator: "\n").count == 2)
        #expect(harness.log.contains("alert not delivered, given up: the command was still running at the timeout and was killed"), "\(harness.log)")
        await harness.dispatcher.finish()
    }

    /// A receiver that answers errors is tried again with backoff, then given up with a log line that names the hook's
    /// host only (the address's token stays out).
    @Test func aFailingReceiverIsRetriedThenGivenUp() async throws {
        let receiver = AlertReceiver()
        let url = try await receiver.start()
        receiver.fail(with: 500)
        let harness = try Harness(
            hook: AlertHook(.post(url: Secret(url.absoluteString + "?token=" + Self.secrets[4])), retries: 3, backoff: Backoff(base: 0.05, cap: 0.1))
        )
        defer { harness.cleanUp() }
        harness.dispatcher.notify(.healthTurnedBad(integrationID: harness.integrationID, integrationName: "Acme", signals: [.paused], at: Date()))
        try await Self.waitUntil("the delivery to be given up") { harness.dispatcher.deliveries.count == 1 }
        #expect(receiver.attempts == 4)
        #expect(harness.dispatcher.deliveries.first?.delivered == false)
        #expect(harness.log.contains("alert not delivered, given up: the receiver answered HTTP 500"), "\(harness.log)")
        #expect(harness.log.contains("POST http://127.0.0.1/…"))
        for secret in Self.secrets { #expect(!harness.log.contains(secret)) }
        // It recovers: the next alert (after the quiet period of its kind) goes through at the first try.
        receiver.fail(with: 500, times: 0)
        harness.dispatcher.notify(
            .reconciliationFindings(integrationID: harness.integrationID, integrationName: "Acme", findings: ["x": 1], orders: [], at: Date())
        )
        try await Self.waitUntil("the second delivery") { harness.dispatcher.deliveries.count == 2 }
        #expect(harness.dispatcher.deliveries.last?.delivered == true)
        await harness.dispatcher.finish()
        await receiver.stop()
    }

    /// A receiver that holds its answer past the timeout counts as failed and is tried again.
    @Test func aReceiverThatHangsTimesOutAndIsRetried() async throws {
        let receiver = AlertReceiver()
        let url = try await receiver.start()
        receiver.delayAnswers(by: .seconds(3))
        let harness = try Harness(
            hook: AlertHook(.post(url: Secret(url.absoluteString)), timeout: 0.3, retries: 1, backoff: Backoff(base: 0.05, cap: 0.1))
        )
        defer { harness.cleanUp() }
        let started = Date()
        harness.dispatcher.notify(.healthTurnedBad(integrationID: harness.integrationID, integrationName: "Acme", signals: [.paused], at: Date()))
        try await Self.waitUntil("the delivery to be given up") { harness.dispatcher.deliveries.count == 1 }
        #expect(Date().timeIntervalSince(started) < 2.5)
        #expect(receiver.attempts == 2)
        #expect(harness.log.contains("no answer within the timeout"))
        await harness.dispatcher.finish()
        await receiver.stop()
    }

    /// Alerts held for a summary are sent when the process stops rather than lost.
    @Test func finishSendsWhatIsHeld() async throws {
        let receiver = AlertReceiver()
        let url = try await receiver.start()
        let harness = try Harness(hook: AlertHook(.post(url: Secret(url.absoluteString)), quietPeriod: 600))
        defer { harness.cleanUp() }
        for number in 0..<3 {
            harness.dispatcher.notify(
                .reconciliationFindings(
                    integrationID: harness.integrationID,
                    integrationName: "Acme",
                    findings: ["missing": 1],
                    orders: ["SO-\(number)"],
                    at: Date()
                )
            )
            try await Task.sleep(for: .milliseconds(50))
        }
        try await Self.waitUntil("the first alert") { receiver.bodies.count == 1 }
        await harness.dispatcher.finish()
        let payloads = try Self.payloads(receiver)
        #expect(payloads.map(\.count) == [1, 2])
        #expect(payloads.last?.orders == ["SO-1", "SO-2"])
        await receiver.stop()
    }
}
