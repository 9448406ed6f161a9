import BridgeSupport
import Foundation
import Simulators
import Starshipit
import Testing

@Suite("Starshipit client against the simulator", .serialized)
struct StarshipitClientTests {
    @Test func createReadAndExactLookupByNumber() async throws {
        let harness = try await StarshipitHarness.start()
        defer { Task { await harness.simulator.stop() } }
        let created = try await harness.client.createOrder(StarshipitHarness.order("100"))
        #expect(created.orderID != 0)
        #expect(created.orderNumber == "100")
        #expect(created.lifecycle == .unshipped)
        _ = try await harness.client.createOrder(StarshipitHarness.order("1000"))
        let byID = try await harness.client.order(id: created.orderID)
        #expect(byID.orderNumber == "100")
        #expect(byID.destination?.suburb == "Sydney")
        #expect(byID.items?.first?.itemID != nil)
        let byNumber = try await harness.client.order(number: "100")
        #expect(byNumber?.orderID == created.orderID)
        // The search is a phrase search ("100" is in "1000"): only the exact number is kept.
        let exact = try await harness.client.orders(numbered: "100")
        #expect(exact.map(\.orderID) == [created.orderID])
        #expect(try await harness.client.order(number: "nope") == nil)
        #expect(try await harness.client.orders(numbered: "nope").isEmpty)
    }

    @Test func bothKeysAreSentAndRefusalsClassified() async throws {
        let harness = try await StarshipitHarness.start()
        defer { Task { await harness.simulator.stop() } }
        _ = try await harness.client.unshippedOrders(sinceLastUpdated: Date().addingTimeInterval(-60))
        let url = try #require(harness.simulator.baseURL)
        let wrongAPIKey = StarshipitClient(
            configuration: StarshipitConfiguration(baseURL: url, apiKey: "wrong", subscriptionKey: Secret(harness.simulator.subscriptionKey))
        )
        await #expect(throws: StarshipitError.apiKeyRejected) {
            _ = try await wrongAPIKey.unshippedOrders(sinceLastUpdated: Date())
        }
        let wrongSubscription = StarshipitClient(
            configuration: StarshipitConfiguration(baseURL: url, apiKey: Secret(harness.simulator.apiKey), subscriptionKey: "wrong")
        )
        do {
            _ = try await wrongSubscription.unshippedOrders(sinceLastUpdated: Date())
            Issue.record("a wrong subscription key was accepted")
        } catch StarshipitError.subscriptionKeyRejected(let message) {
            #expect(message.contains("invalid subscription key"))
            #expect(!StarshipitError.subscriptionKeyRejected(message).userMessage.contains(harness.simulator.subscriptionKey))
        }
        harness.simulator.updateConfiguration { $0.planIncludesAPI = false }
        do {
            _ = try await harness.client.unshippedOrders(sinceLastUpdated: Date())
            Issue.record("a plan without API access was accepted")
        } catch StarshipitError.forbidden(let message) {
            #expect(message.contains("plan"))
        }
        // Keys never reach the audit records.
        for record in harness.calls.all {
            #expect(!record.path.contains(harness.simulator.apiKey))
            #expect(!record.path.contains(harness.simulator.subscriptionKey))
        }
    }

    @Test(arguments: [400, 200])
    func envelopeErrorsWhateverTheStatus(status: Int) async throws {
        let harness = try await StarshipitHarness.start { $0.businessErrorStatus = status }
        defer { Task { await harness.simulator.stop() } }
        var order = StarshipitHarness.order("V-1")
        order.shippingMethod = String(repeating: "x", count: 101)
        do {
            _ = try await harness.client.createOrder(order)
            Issue.record("an over-long shipping_method was accepted")
        } catch StarshipitError.validation(let messages) {
            #expect(messages.joined().contains("shipping_method"))
        }
        // Checked before sending: the documented order_number limit.
        await #expect(throws: StarshipitError.self) {
            _ = try await harness.client.createOrder(StarshipitHarness.order(String(repeating: "9", count: 51)))
        }
        #expect(harness.simulator.allOrders().isEmpty)
    }

    @Test(arguments: [404, 200])
    func notFoundWhateverTheStatus(status: Int) async throws {
        let harness = try await StarshipitHarness.start { $0.notFoundStatus = status }
        defer { Task { await harness.simulator.stop() } }
        await #expect(throws: StarshipitError.notFound("Order not found: order_id 42")) {
            _ = try await harness.client.order(id: 42)
        }
        #expect(try await harness.client.order(number: "missing") == nil)
    }

    @Test func eachListPagesWithItsOwnNames() async throws {
        let harness = try await StarshipitHarness.start()
        defer { Task { await harness.simulator.stop() } }
        var configuration = harness.client.configuration
        configuration.pageSize = 2
        let client = StarshipitClient(configuration: configuration, observer: { harness.calls.append($0) })
        for index in 1...5 { _ = try await client.createOrder(StarshipitHarness.order("P-\(index)")) }
        let unshipped = try await client.unshippedOrders(sinceLastUpdated: Date().addingTimeInterval(-600))
        #expect(unshipped.count == 5)
        let pagePaths = harness.calls.all.filter { $0.path.hasPrefix("/api/orders/unshipped") }.map(\.path)
        #expect(pagePaths.count == 3)
        #expect(pagePaths.allSatisfy { $0.contains("limit=2") && $0.contains("since_last_updated=") })
        #expect(pagePaths.last?.contains("page=3") == true)
        let listed = try await client.listOrders(status: .unshipped, pageSize: 2, maxPages: 10)
        #expect(listed.count == 5)
        let listPaths = harness.calls.all.filter { $0.path.hasPrefix("/api/orders?status=") }.map(\.path)
        #expect(listPaths.count == 3)
        #expect(listPaths.allSatisfy { $0.contains("page_size=2") && $0.contains("page_number=") && !$0.contains("limit=") })
    }

    @Test func listShapeOfBothSources() async throws {
        let harness = try await StarshipitHarness.start { $0.listNestedInData = true }
        defer { Task { await harness.simulator.stop() } }
        _ = try await harness.client.createOrder(StarshipitHarness.order("D-1"))
        #expect(try await harness.client.listOrders().map(\.orderNumber) == ["D-1"])
        harness.simulator.updateConfiguration { $0.listNestedInData = false }
        #expect(try await harness.client.listOrders().map(\.orderNumber) == ["D-1"])
    }

    @Test func developerTierThrottlesAndTheClientRecovers() async throws {
        // The client believes it has 20 per second; the account allows 2: 429s are waited out and re-sent.
        let harness = try await StarshipitHarness.start(
            {
                $0.tier = .developer
                $0.requestsPerSecond = nil
            },
            clientTier: .production
        )
        defer { Task { await harness.simulator.stop() } }
        let client = harness.client
        let results = try await withThrowingTaskGroup(of: Int.self) { group in
            for _ in 0..<8 { group.addTask { try await client.unshippedOrders(sinceLastUpdated: Date()).count } }
            return try await group.reduce(into: [Int]()) { $0.append($1) }
        }
        #expect(results.count == 8)
        #expect(harness.simulator.stats.rateLimited > 0)
        #expect(harness.calls.all.contains { $0.status == 429 && $0.outcome == "throttled" })
    }

    @Test func throttlesWithoutRetryAfterBackOffToo() async throws {
        let harness = try await StarshipitHarness.start(
            {
                $0.tier = .developer
                $0.requestsPerSecond = nil
                $0.retryAfterHeader = false
            },
            clientTier: .production
        )
        defer { Task { await harness.simulator.stop() } }
        let client = harness.client
        try await withThrowingTaskGroup(of: Void.self) { group in
            for index in 0..<6 { group.addTask { _ = try await client.createOrder(StarshipitHarness.order("T-\(index)")) } }
            try await group.waitForAll()
        }
        #expect(harness.simulator.allOrders().count == 6)
        #expect(harness.simulator.stats.rateLimited > 0)
    }

    @Test func aRateTierPolicyPacesCalls() async throws {
        let harness = try await StarshipitHarness.start(
            {
                $0.tier = .developer
                $0.requestsPerSecond = nil
            },
            clientTier: .developer
        )
        defer { Task { await harness.simulator.stop() } }
        #expect(harness.client.governor.policy == RatePolicy(limit: 2, window: 1))
        let started = Date()
        for _ in 0..<5 { _ = try await harness.client.unshippedOrders(sinceLastUpdated: Date()) }
        // Paced to 2 per second: 5 calls take at least 2 s, and (arrival jitter aside) are not refused.
        #expect(Date().timeIntervalSince(started) >= 1.9)
        #expect(harness.simulator.stats.rateLimited <= 2)
    }

    @Test func shippedListsAreReadWithAnExplicitWindow() async throws {
        let harness = try await StarshipitHarness.start()
        defer { Task { await harness.simulator.stop() } }
        let created = try await harness.client.createOrder(StarshipitHarness.order("S-1"))
        harness.simulator.printLabel(orderID: created.orderID, packages: 2)
        #expect(harness.simulator.manifest(orderID: created.orderID))
        harness.simulator.advanceTime(by: 30 * 3600)
        // Older than the 24-hour default window: found because the window is sent.
        let shipped = try await harness.client.shippedOrders(sinceLastUpdated: harness.simulator.now.addingTimeInterval(-48 * 3600))
        let order = try #require(shipped.first)
        #expect(order.lifecycle == .shipped)
        #expect(order.carrierName == "Australia Post")
        #expect(order.trackedPackages.count == 2)
        #expect(order.trackedPackages.allSatisfy { $0.trackingURL?.isEmpty == false && $0.labelCreatedDate?.date != nil })
        #expect(try await harness.client.shippedOrders(sinceLastUpdated: harness.simulator.now.addingTimeInterval(-3600)).isEmpty)
    }

    @Test func printedShipmentsCarryTrackingBeforeTheManifest() async throws {
        let harness = try await StarshipitHarness.start()
        defer { Task { await harness.simulator.stop() } }
        let created = try await harness.client.createOrder(StarshipitHarness.order("PR-1"))
        let numbers = try #require(harness.simulator.printLabel(orderID: created.orderID, packages: 2))
        let printed = try await harness.client.printedShipments(.unmanifested, sinceCreatedDate: Date().addingTimeInterval(-600))
        #expect(printed.map(\.orderNumber) == ["PR-1"])
        #expect(printed.first?.trackingNumbers == numbers)
        #expect(printed.first?.date?.raw.hasSuffix("Z") == true)
        harness.simulator.manifest(orderID: created.orderID)
        #expect(try await harness.client.printedShipments(.unmanifested, sinceCreatedDate: Date().addingTimeInterval(-600)).isEmpty)
        #expect(try await harness.client.printedShipments(.recentlyPrinted, sinceCreatedDate: Date().addingTimeInterval(-600)).count == 1)
    }

    @Test func deleteOnlyWhileUnshipped() async throws {
        let harness = try await StarshipitHarness.start()
        defer { Task { await harness.simulator.stop() } }
        let first = try await harness.client.createOrder(StarshipitHarness.order("X-1"))
        try await harness.client.deleteOrder(id: first.orderID)
        #expect(harness.simulator.order(id: first.orderID)?.deleted == true)
        // Already gone: done.
        try await harness.client.deleteOrder(id: first.orderID)
        let second = try await harness.client.createOrder(StarshipitHarness.order("X-2"))
        harness.simulator.printLabel(orderID: second.orderID)
        await #expect(throws: StarshipitError.deleteNotAllowed(status: "Printed")) {
            try await harness.client.deleteOrder(id: second.orderID)
        }
    }

    @Test func duplicateNumbersRefusedWith409() async throws {
        let harness = try await StarshipitHarness.start { $0.duplicatePolicy = .reject409 }
        defer { Task { await harness.simulator.stop() } }
        _ = try await harness.client.createOrder(StarshipitHarness.order("DUP-1"))
        await #expect(throws: StarshipitError.duplicateOrderNumber("DUP-1")) {
            _ = try await harness.client.createOrder(StarshipitHarness.order("DUP-1"))
        }
    }

    @Test func serverErrorsAreRetriedForReadsButNotCreates() async throws {
        let harness = try await StarshipitHarness.start()
        defer { Task { await harness.simulator.stop() } }
        harness.simulator.faults = SimulatorFaults(serverErrorRate: 1)
        await #expect(throws: StarshipitError.self) {
            _ = try await harness.client.unshippedOrders(sinceLastUpdated: Date())
        }
        #expect(harness.calls.all.count == 4)
        await #expect(throws: StarshipitError.self) {
            _ = try await harness.client.createOrder(StarshipitHarness.order("F-1"))
        }
        #expect(harness.calls.all.count == 5)
    }

    @Test func aLostCreateAnswerIsTransientAndTheOrderIsFoundByNumber() async throws {
        let harness = try await StarshipitHarness.start()
        defer { Task { await harness.simulator.stop() } }
        harness.simulator.faults = SimulatorFaults(malformedRate: 1)
        do {
            _ = try await harness.client.createOrder(StarshipitHarness.order("L-1"))
            Issue.record("a garbled create answer was accepted")
        } catch let error as StarshipitError {
            #expect(error.isTransient)
        }
        harness.simulator.faults = .none
        #expect(try await harness.client.orders(numbered: "L-1").count == 1)
    }
}
