import BridgeSupport
import CartonCloud
import Foundation
import Simulators
import Synchronization
import Testing

final class CallLog: Sendable {
    private let records = Mutex<[APICallRecord]>([])
    func append(_ record: APICallRecord) { records.withLock { $0.append(record) } }
    func withLock<T>(_ body: (inout [APICallRecord]) -> T) -> T { records.withLock { body(&$0) } }
}

struct Harness {
    let simulator: CartonCloudSimulator
    let client: CartonCloudClient
    let baseURL: URL
    let calls: CallLog

    static func start(
        _ configure: (inout CartonCloudSimulatorConfiguration) -> Void = { _ in },
        createRate: RatePolicy = .cartonCloudCreate,
        timeout: TimeInterval = 5
    ) async throws -> Harness {
        var configuration = CartonCloudSimulatorConfiguration()
        configure(&configuration)
        let simulator = CartonCloudSimulator(configuration: configuration)
        CartonCloudSimulator.seedDemoData(simulator)
        let url = try await simulator.start()
        var clientConfiguration = CartonCloudConfiguration(
            baseURL: url,
            tenantID: configuration.tenantID,
            clientID: configuration.clientID,
            clientSecret: Secret(configuration.clientSecret),
            createRate: createRate,
            retry: RetryPolicy(maxAttempts: 6, backoff: Backoff(base: 0.02, cap: 0.2)),
            timeout: timeout
        )
        clientConfiguration.throttleCooldown = 0.2
        let calls = CallLog()
        let client = CartonCloudClient(configuration: clientConfiguration, observer: { record in calls.append(record) })
        return Harness(simulator: simulator, client: client, baseURL: url, calls: calls)
    }

    func order(
        _ reference: String,
        codes: [String] = ["TEE-BLK-M", "MUG-001"],
        warehouse: OutboundOrderRequest.WarehouseRef? = .name("Sydney DC")
    ) -> OutboundOrderRequest {
        OutboundOrderRequest(
            reference: reference,
            customerID: simulator.customerID,
            warehouse: warehouse,
            address: .init(
                companyName: "Acme Retail Pty Ltd",
                contactName: "Jolene Smith",
                address1: "83 Hikanui Drive",
                address2: "",
                city: "Havelock North",
                state: .code("HKB"),
                postcode: "4130",
                country: .iso2Code("NZ"),
                phone: "+6421449765",
                email: "jolene@example.com"
            ),
            deliveryInstructions: "Leave at reception",
            requiredDate: CalendarDate(year: 2026, month: 3, day: 14),
            items: codes.enumerated().map { .init(code: $1, quantity: Double($0 + 2)) }
        )
    }
}

@Suite("CartonCloud client against the simulator", .serialized)
struct ClientAgainstSimulatorTests {
    @Test func userInfoCustomersAndTokenRefresh() async throws {
        let h = try await Harness.start { $0.tokenLifetime = 1 }
        defer { Task { await h.simulator.stop() } }
        let info = try await h.client.userInfo()
        #expect(info.tenants.map(\.id) == [h.simulator.tenantID])
        let customers = try await h.client.customers()
        #expect(customers.contains { $0.id == h.simulator.customerID })
        #expect(h.simulator.stats.tokensIssued == 1)
        try await Task.sleep(for: .milliseconds(1100))
        _ = try await h.client.customer(id: h.simulator.customerID)
        #expect(h.simulator.stats.tokensIssued == 2)
        // A token the server forgets (advanced clock) → one 401, refreshed once, call succeeds.
        // (0.95 s of a 1 s token never expired it, and `>= 2` was already true: this step proved nothing.) Past its
        // lifetime on the server's clock only, the client still sends it; exactly one 401 and one refresh follow.
        h.simulator.advanceTime(by: 1.5)
        _ = try await h.client.userInfo()
        #expect(h.simulator.stats.unauthorized == 1)
        #expect(h.simulator.stats.tokensIssued == 3)
        await h.simulator.stop()
    }

    @Test func concurrentCallersShareOneTokenFetch() async throws {
        let h = try await Harness.start()
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<8 { group.addTask { _ = try await h.client.userInfo() } }
            try await group.waitForAll()
        }
        #expect(h.simulator.stats.tokensIssued == 1)
        await h.simulator.stop()
    }

    @Test func badCredentialsAreClassified() async throws {
        let h = try await Harness.start()
        var configuration = h.client.configuration
        configuration.clientSecret = "wrong"
        let client = CartonCloudClient(configuration: configuration)
        await #expect(throws: CartonCloudError.credentialsRejected) { try await client.userInfo() }
        #expect(!CartonCloudError.credentialsRejected.userMessage.contains("wrong"))
        await h.simulator.stop()
    }

    @Test func createPickPackDispatchAndTracking() async throws {
        let h = try await Harness.start()
        let outcome = try await h.client.createOutboundOrder(h.order("SO-00417"))
        guard case .created(let order) = outcome else {
            Issue.record("expected created, got \(outcome)")
            return
        }
        #expect(order.status == .awaitingPickAndPack)
        #expect(order.reference == "SO-00417")
        #expect(order.warehouse?.name == "Sydney DC")
        #expect(order.details?.deliver?.address?.companyName == "Acme Retail Pty Ltd")
        #expect(order.details?.deliver?.address?.address2 == nil)
        #expect(order.details?.collect?.requiredDate == "2026-03-14")
        #expect(order.items?.first?.productCode == "TEE-BLK-M")
        #expect(order.timestamps?.created?.date != nil)
        // The request sent null, not "", for an empty optional.
        #expect(h.simulator.order(id: order.id)?.request.at(pointer: "/details/deliver/address/address2") == .null)

        let since = Date().addingTimeInterval(-5)
        h.simulator.pick(orderID: order.id)
        h.simulator.pack(orderID: order.id)
        #expect(try await h.client.outboundOrder(id: order.id).status == .packed)
        h.simulator.dispatch(orderID: order.id, tracking: SimTracking(number: "JD0146", carrier: "Aramex", url: "https://aramex.example/JD0146"))
        let read = try await h.client.outboundOrder(id: order.id)
        #expect(read.status == .dispatched)
        #expect(read.timestamps?.dispatched?.date != nil)
        let dispatched = try await h.client.outboundOrders(customerID: h.simulator.customerID, dispatchedSince: since)
        #expect(dispatched.map(\.id) == [order.id])
        let consignments = try await h.client.consignments(generatedFromOrderID: order.id)
        #expect(consignments.count == 1)
        #expect(consignments.first?.trackingNumber == "JD0146")
        #expect(consignments.first?.carrierName == "Aramex")
        #expect(consignments.first?.trackingURL == "https://aramex.example/JD0146")
        #expect(consignments.first?.generatedFromTask?.id == order.id)
        // Tracking changed after dispatch lives on the consignment; the order's modified does not move (nothing
        // documented says it does).
        h.simulator.advanceTime(by: 10)
        h.simulator.setTracking(orderID: order.id, tracking: SimTracking(number: "NEW-1", carrier: "NZ Post"))
        let modified = try await h.client.outboundOrders(customerID: h.simulator.customerID, modifiedSince: Date().addingTimeInterval(5))
        #expect(modified.isEmpty)
        #expect(try await h.client.consignments(generatedFromOrderID: order.id).first?.trackingNumber == "NEW-1")
        // Consignment items are transport items, not the order's SKUs.
        #expect(consignments.first?.items?.compactMap(\.productCode) == ["CARTON"])
        #expect(h.calls.withLock { $0 }.allSatisfy { $0.service == "cartoncloud" })
        await h.simulator.stop()
    }

    @Test func unknownProductIsRejectedWith228() async throws {
        let h = try await Harness.start()
        let outcome = try await h.client.createOutboundOrder(h.order("SO-1", codes: ["TEE-BLK-M", "NOPE-1"]))
        guard case .rejected(let order, let reasons) = outcome else {
            Issue.record("expected rejected, got \(outcome)")
            return
        }
        #expect(order.status == .rejected)
        #expect(reasons == ["NOPE-1 (NOPE-1) x 3 UNITS - Product not found"])
        #expect(h.calls.withLock { $0 }.contains { $0.status == 228 && $0.outcome == "rejected" })
        // Known SKU check through the documented warehouse-products search.
        #expect(try await h.client.warehouseProducts(code: "TEE-BLK-M").count == 1)
        #expect(try await h.client.warehouseProducts(code: "NOPE-1").isEmpty)
        await h.simulator.stop()
    }

    @Test func lostCreateIsReconciledThenDuplicate() async throws {
        let h = try await Harness.start()
        _ = try await h.client.userInfo()  // the token is fetched before the faults start
        h.simulator.faults = SimulatorFaults(dropRate: 1)
        await #expect { try await h.client.createOutboundOrder(h.order("SO-LOST")) } throws: { error in
            (error as? CartonCloudError)?.isTransient == true
        }
        h.simulator.faults = .none
        #expect(h.simulator.orders(reference: "SO-LOST").count == 1)
        let found = try await h.client.findOutboundOrders(reference: "SO-LOST", customerID: h.simulator.customerID)
        #expect(found.count == 1)
        let existing = try #require(found.first)
        let again = try await h.client.createOutboundOrder(h.order("SO-LOST"))
        #expect(again == .duplicate(existingID: existing.id))
        #expect(h.simulator.orders(reference: "SO-LOST").count == 1)
        await h.simulator.stop()
    }

    @Test func rejectedOrderDeletedAndRecreated() async throws {
        let h = try await Harness.start()
        guard case .rejected(let first, _) = try await h.client.createOutboundOrder(h.order("SO-R", codes: ["NEW-SKU"])) else {
            Issue.record("expected rejected")
            return
        }
        h.simulator.addProduct(code: "NEW-SKU", name: "New product")
        try await h.client.deleteOutboundOrder(id: first.id)
        #expect(h.simulator.order(id: first.id)?.deleted == true)
        await #expect(throws: CartonCloudError.self) { try await h.client.outboundOrder(id: first.id) }
        guard case .created(let second) = try await h.client.createOutboundOrder(h.order("SO-R", codes: ["NEW-SKU"])) else {
            Issue.record("expected created")
            return
        }
        #expect(second.id != first.id)
        #expect(try await h.client.findOutboundOrders(reference: "SO-R", customerID: h.simulator.customerID).map(\.id) == [second.id])
        await h.simulator.stop()
    }

    @Test func deleteNotAllowedIsSurfaced() async throws {
        let h = try await Harness.start { $0.deletableStatuses = ["DRAFT"] }
        guard case .rejected(let first, _) = try await h.client.createOutboundOrder(h.order("SO-X", codes: ["GONE"])) else {
            Issue.record("expected rejected")
            return
        }
        await #expect(throws: CartonCloudError.deleteNotAllowed(status: "REJECTED")) { try await h.client.deleteOutboundOrder(id: first.id) }
        // The engine's -R1 path: a new reference is accepted while the rejected order stays.
        h.simulator.addProduct(code: "GONE", name: "Back again")
        guard case .created = try await h.client.createOutboundOrder(h.order("SO-X-R1", codes: ["GONE"])) else {
            Issue.record("expected created")
            return
        }
        #expect(try await h.client.createOutboundOrder(h.order("SO-X", codes: ["GONE"])) == .duplicate(existingID: first.id))
        await h.simulator.stop()
    }

    @Test func searchPagesThroughEveryPage() async throws {
        let h = try await Harness.start { $0.createRateLimit = 1000 }
        for index in 0..<23 { _ = try await h.client.createOutboundOrder(h.order("PG-\(index)")) }
        h.calls.withLock { $0.removeAll() }
        let all = try await h.client.searchOutboundOrders(.and([.customerID(h.simulator.customerID), .reference("PG-", .startsWith)]), pageSize: 5)
        #expect(all.count == 23)
        #expect(Set(all.map(\.id)).count == 23)
        #expect(h.calls.withLock { $0.filter { $0.path.contains("/search") }.count } == 5)
        let nested = try await h.client.searchOutboundOrders(
            .or([.reference("PG-1"), .and([.reference("PG-2"), .customerID(h.simulator.customerID)])])
        )
        #expect(Set(nested.compactMap(\.reference)) == ["PG-1", "PG-2"])
        await h.simulator.stop()
    }

    @Test func burstOfCreatesStaysWithinTheLimit() async throws {
        let h = try await Harness.start(
            {
                $0.createRateLimit = 30
                $0.createRateWindow = 2
            },
            createRate: RatePolicy(limit: 30, window: 2)
        )
        try await withThrowingTaskGroup(of: Void.self) { group in
            for index in 0..<100 {
                group.addTask { _ = try await h.client.createOutboundOrder(h.order("B-\(index)")) }
            }
            try await group.waitForAll()
        }
        #expect(h.simulator.stats.rateLimited == 0)
        #expect(h.simulator.stats.creates == 100)
        await h.simulator.stop()
    }

    @Test func faultsOnReadsAreRecovered() async throws {
        let h = try await Harness.start()
        guard case .created(let order) = try await h.client.createOutboundOrder(h.order("F-1")) else {
            Issue.record("create")
            return
        }
        h.simulator.faults = SimulatorFaults(serverErrorRate: 0.15, malformedRate: 0.1, dropRate: 0.05)
        for _ in 0..<15 {
            #expect(try await h.client.outboundOrder(id: order.id).id == order.id)
            #expect(try await h.client.findOutboundOrders(reference: "F-1", customerID: h.simulator.customerID).count == 1)
        }
        #expect(h.simulator.stats.faultsInjected.values.reduce(0, +) > 0)
        // A create answered by a 5xx is reported (transient), never re-sent.
        h.simulator.faults = SimulatorFaults(serverErrorRate: 1)
        let before = h.simulator.stats.requests
        await #expect { try await h.client.createOutboundOrder(h.order("F-2")) } throws: { error in
            (error as? CartonCloudError)?.isTransient == true
        }
        #expect(h.simulator.stats.requests - before == 1)
        await h.simulator.stop()
    }

    @Test func hangingCreateTimesOut() async throws {
        let h = try await Harness.start(timeout: 0.5)
        _ = try await h.client.userInfo()
        h.simulator.faults = SimulatorFaults(hangRate: 1, hangSeconds: 2)
        await #expect { try await h.client.createOutboundOrder(h.order("H-1")) } throws: { error in
            (error as? CartonCloudError)?.isTransient == true
        }
        h.simulator.faults = .none
        #expect(try await h.client.findOutboundOrders(reference: "H-1", customerID: h.simulator.customerID).count == 1)
        await h.simulator.stop()
    }

    @Test func missingRolesAreNamed() async throws {
        let h = try await Harness.start { $0.roles = ["WMS Create Jobs"] }
        guard case .created(let order) = try await h.client.createOutboundOrder(h.order("ROLE-1")) else {
            Issue.record("create")
            return
        }
        await #expect { try await h.client.consignments(generatedFromOrderID: order.id) } throws: { error in
            guard case .forbidden(let roles, let message)? = error as? CartonCloudError else { return false }
            return roles == ["TMS View Jobs"] && !message.isEmpty
        }
        h.simulator.updateConfiguration { $0.roles = ["TMS View Jobs"] }
        await #expect { try await h.client.createOutboundOrder(h.order("ROLE-2")) } throws: { error in
            guard case .forbidden(let roles, _)? = error as? CartonCloudError else { return false }
            return roles.contains("WMS Create Jobs")
        }
        await h.simulator.stop()
    }

    @Test func validationErrorsAreClassified() async throws {
        let h = try await Harness.start()
        var bad = h.order("V-1", warehouse: .name("Nowhere"))
        bad.address = .init(address1: "1 Main St")
        await #expect { try await h.client.createOutboundOrder(bad) } throws: { error in
            guard case .validation(let messages) = error as? CartonCloudError else { return false }
            return messages.contains { $0.contains("/warehouse") } && messages.contains { $0.contains("companyName") }
        }
        await h.simulator.stop()
    }
}
