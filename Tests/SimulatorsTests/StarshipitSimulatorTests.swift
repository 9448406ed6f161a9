import AsyncHTTPClient
import Foundation
import NIOCore
import Simulators
import Testing

/// Each documented behaviour of the Starshipit simulator over HTTP (starshipit-api.md lines in the test names' notes),
/// and each configuration switch both ways.
@Suite("Starshipit simulator over HTTP", .serialized)
struct StarshipitSimulatorTests {
    struct Answer {
        var status: Int
        var headers: [String: String]
        var text: String
        var json: [String: Any] { (try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any]) ?? [:] }
    }

    func call(
        _ simulator: StarshipitSimulator,
        _ path: String,
        method: String = "GET",
        apiKey: String? = nil,
        subscriptionKey: String? = nil,
        body: String? = nil
    ) async throws -> Answer {
        var request = HTTPClientRequest(url: simulator.baseURL!.absoluteString + path)
        request.method = .init(rawValue: method)
        if let key = apiKey ?? Optional(simulator.apiKey), !key.isEmpty { request.headers.add(name: "StarShipIT-Api-Key", value: key) }
        if let key = subscriptionKey ?? Optional(simulator.subscriptionKey), !key.isEmpty {
            request.headers.add(name: "Ocp-Apim-Subscription-Key", value: key)
        }
        request.headers.add(name: "Content-Type", value: "application/json")
        if let body { request.body = .bytes(ByteBuffer(string: body)) }
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(5))
        let buffer = try await response.body.collect(upTo: 1 << 20)
        var fields: [String: String] = [:]
        for header in response.headers { fields[header.name.lowercased()] = header.value }
        return Answer(status: Int(response.status.code), headers: fields, text: String(buffer: buffer))
    }

    func start(_ configure: (inout StarshipitSimulatorConfiguration) -> Void = { _ in }) async throws -> StarshipitSimulator {
        var configuration = StarshipitSimulatorConfiguration()
        configuration.tier = .production
        configuration.requestsPerSecond = 1000
        configure(&configuration)
        let simulator = StarshipitSimulator(configuration: configuration)
        try await simulator.start()
        return simulator
    }

    func create(_ simulator: StarshipitSimulator, _ number: String, extra: String = "") async throws -> Answer {
        try await call(
            simulator,
            "/api/orders",
            method: "POST",
            body: """
                {"order": {"order_number": "\(number)", "reference": "Online Order"\(extra),
                  "destination": {"name": "John Smith", "street": "20 George Street", "suburb": "Sydney", "state": "NSW",
                                  "post_code": "2000", "country": "Australia"},
                  "items": [{"description": "Mobile Phone", "sku": "MOBILE", "quantity": 1, "weight": 0.65, "value": 125}]}}
                """
        )
    }

    func orderID(_ answer: Answer) -> Int? { (answer.json["order"] as? [String: Any])?["order_id"] as? Int }

    // L45-48: the gateway checks the subscription key (APIM bodies), Starshipit the API key (envelope).
    @Test func bothHeadersAreChecked() async throws {
        let simulator = try await start()
        defer { Task { await simulator.stop() } }
        let missing = try await call(simulator, "/api/orders/unshipped", subscriptionKey: "")
        #expect(missing.status == 401)
        #expect((missing.json["message"] as? String)?.contains("missing subscription key") == true)
        let invalid = try await call(simulator, "/api/orders/unshipped", subscriptionKey: "nope")
        #expect(invalid.status == 401)
        #expect(invalid.json["statusCode"] as? Int == 401)
        #expect((invalid.json["message"] as? String)?.contains("invalid subscription key") == true)
        let wrongAccount = try await call(simulator, "/api/orders/unshipped", apiKey: "nope")
        #expect(wrongAccount.status == 401)
        #expect(wrongAccount.json["success"] as? Bool == false)
        #expect(((wrongAccount.json["errors"] as? [[String: Any]])?.first?["message"] as? String) == "Unauthorized")
        let fine = try await call(simulator, "/api/orders/unshipped")
        #expect(fine.status == 200)
        #expect(fine.json["success"] as? Bool == true)
        #expect(simulator.stats.unauthorized == 3)
    }

    // Notes silent on 403: a plan switch, both ways.
    @Test func planSwitch() async throws {
        let simulator = try await start { $0.planIncludesAPI = false }
        defer { Task { await simulator.stop() } }
        #expect(try await call(simulator, "/api/orders/unshipped").status == 403)
        simulator.updateConfiguration { $0.planIncludesAPI = true }
        #expect(try await call(simulator, "/api/orders/unshipped").status == 200)
    }

    // L19, L102, L163: create → full order with order_id; order_number required, ≤ 50.
    @Test func createEnvelopeAndValidation() async throws {
        let simulator = try await start()
        defer { Task { await simulator.stop() } }
        let created = try await create(simulator, "10001")
        #expect(created.status == 200)
        #expect(created.json["success"] as? Bool == true)
        let order = try #require(created.json["order"] as? [String: Any])
        #expect(order["order_id"] as? Int == 1_020_304_051)
        #expect(order["status"] as? String == "Unshipped")
        #expect((order["items"] as? [[String: Any]])?.first?["item_id"] != nil)
        let tooLong = try await create(simulator, String(repeating: "1", count: 51))
        #expect(tooLong.status == 400)
        #expect(tooLong.json["success"] as? Bool == false)
        let errors = try #require(tooLong.json["errors"] as? [[String: Any]])
        #expect(errors.first?["message"] != nil && errors.first?["details"] != nil)
        #expect(try await create(simulator, "").status == 400)
        let badCountry = try await create(simulator, "10002", extra: #", "shipping_method": "\#(String(repeating: "x", count: 101))""#)
        #expect(badCountry.status == 400)
        #expect(simulator.allOrders().count == 1)
    }

    // L69-73: business errors as 400 + success:false, or 200 + success:false.
    @Test(arguments: [400, 200])
    func businessErrorStatusSwitch(status: Int) async throws {
        let simulator = try await start { $0.businessErrorStatus = status }
        defer { Task { await simulator.stop() } }
        let refused = try await create(simulator, "")
        #expect(refused.status == status)
        #expect(refused.json["success"] as? Bool == false)
    }

    // L191, L193: one order by order_id / order_number; not found as 404 or 200 with success:false.
    @Test(arguments: [404, 200])
    func getOneAndNotFoundSwitch(status: Int) async throws {
        let simulator = try await start { $0.notFoundStatus = status }
        defer { Task { await simulator.stop() } }
        let id = try #require(orderID(try await create(simulator, "G-1")))
        let byID = try await call(simulator, "/api/orders?order_id=\(id)")
        #expect((byID.json["order"] as? [String: Any])?["order_number"] as? String == "G-1")
        let byNumber = try await call(simulator, "/api/orders?order_number=G-1")
        #expect((byNumber.json["order"] as? [String: Any])?["order_id"] as? Int == id)
        let missing = try await call(simulator, "/api/orders?order_id=1")
        #expect(missing.status == status)
        #expect(missing.json["success"] as? Bool == false)
    }

    // L28, L199, L201, L332: page+limit (max 250) on unshipped/shipped/search; page_number+page_size (max 500) on
    // GET /api/orders; another end point's names are ignored.
    @Test func pagingNamesPerEndpoint() async throws {
        let simulator = try await start()
        defer { Task { await simulator.stop() } }
        for index in 1...3 { _ = try await create(simulator, "PG-\(index)") }
        let page2 = try await call(simulator, "/api/orders/unshipped?limit=2&page=2")
        #expect((page2.json["orders"] as? [Any])?.count == 1)
        #expect(page2.json["total_pages"] as? Int == 2)
        let ignored = try await call(simulator, "/api/orders/unshipped?page_size=1&page_number=2")
        #expect((ignored.json["orders"] as? [Any])?.count == 3)
        #expect(try await call(simulator, "/api/orders/unshipped?limit=251").status == 400)
        let list = try await call(simulator, "/api/orders?page_size=2&page_number=2")
        #expect((list.json["order"] as? [Any])?.count == 1)
        #expect(list.json["total_pages"] as? Int == 2)
        let listIgnored = try await call(simulator, "/api/orders?limit=1&page=2")
        #expect((listIgnored.json["order"] as? [Any])?.count == 3)
        #expect(try await call(simulator, "/api/orders?page_size=501").status == 400)
        let search = try await call(simulator, "/api/orders/search?phrase=PG&limit=1&page=3")
        #expect((search.json["orders"] as? [[String: Any]])?.first?["order_number"] as? String == "PG-3")
        #expect(search.json["total_pages"] as? Int == 3)
        let ids = try await call(simulator, "/api/orders/unshipped?ids_only=true")
        #expect((ids.json["order_ids"] as? [Int])?.count == 3)
    }

    // L200: the list's shape conflicts between sources; both ways.
    @Test func listShapeSwitch() async throws {
        let simulator = try await start { $0.listNestedInData = true }
        defer { Task { await simulator.stop() } }
        _ = try await create(simulator, "LS-1")
        let nested = try await call(simulator, "/api/orders")
        #expect(((nested.json["data"] as? [String: Any])?["orders"] as? [Any])?.count == 1)
        #expect(nested.json["total_records"] as? Int == 1)
        simulator.updateConfiguration { $0.listNestedInData = false }
        #expect((try await call(simulator, "/api/orders").json["order"] as? [Any])?.count == 1)
    }

    // L238-246, L253, L262: Unshipped → Printed (packages, tracking) → Shipped; the lists follow.
    @Test func lifecycleAndLists() async throws {
        let simulator = try await start()
        defer { Task { await simulator.stop() } }
        let id = try #require(orderID(try await create(simulator, "LC-1")))
        #expect((try await call(simulator, "/api/orders/unshipped").json["orders"] as? [Any])?.count == 1)
        let numbers = try #require(simulator.printLabel(orderID: id, carrier: "NZPost", carrierName: "NZ Post", packages: 3))
        #expect(numbers.count == 3)
        #expect(simulator.printLabel(orderID: id) == nil)
        #expect((try await call(simulator, "/api/orders/unshipped").json["orders"] as? [Any])?.isEmpty == true)
        let printed = try await call(simulator, "/api/orders/shipments?status=unmanifested")
        let row = try #require((printed.json["orders"] as? [[String: Any]])?.first)
        #expect(row["tracking_numbers"] as? [String] == numbers)
        #expect(row["carrier_name"] as? String == "NZ Post")
        #expect((row["date"] as? String)?.hasSuffix("Z") == true)
        #expect(printed.json["status"] as? String == "unmanifested")
        #expect(try await call(simulator, "/api/orders/shipments").status == 400)
        // Not shipped until manifested (L244).
        #expect((try await call(simulator, "/api/orders/shipped").json["orders"] as? [Any])?.isEmpty == true)
        #expect(simulator.manifest(orderID: id))
        let shipped = try await call(simulator, "/api/orders/shipped")
        let order = try #require((shipped.json["orders"] as? [[String: Any]])?.first)
        #expect(order["status"] as? String == "Shipped")
        #expect(order["manifested"] as? Bool == true)
        #expect(order["carrier"] as? String == "NZPost")
        let packages = try #require(order["packages"] as? [[String: Any]])
        #expect(packages.compactMap { $0["tracking_number"] as? String } == numbers)
        #expect(packages.allSatisfy { ($0["tracking_url"] as? String)?.isEmpty == false })
        #expect(packages.allSatisfy { ($0["label_created_date"] as? String)?.hasSuffix("Z") == true })
        #expect((try await call(simulator, "/api/orders/shipments?status=unmanifested").json["orders"] as? [Any])?.isEmpty == true)
        #expect((try await call(simulator, "/api/orders/shipments?status=recently_printed").json["orders"] as? [Any])?.count == 1)
        #expect(simulator.deliver(orderID: id))
        #expect(simulator.order(id: id)?.status == "Delivered")
    }

    // L201, L253, L333: since_* default to the last 24 hours; an explicit window reaches further.
    @Test func twentyFourHourDefaultWindow() async throws {
        let simulator = try await start()
        defer { Task { await simulator.stop() } }
        let id = try #require(orderID(try await create(simulator, "W-1")))
        simulator.printLabel(orderID: id)
        simulator.manifest(orderID: id)
        let unshipped = try #require(orderID(try await create(simulator, "W-2")))
        simulator.advanceTime(by: 25 * 3600)
        #expect((try await call(simulator, "/api/orders/shipped").json["orders"] as? [Any])?.isEmpty == true)
        #expect((try await call(simulator, "/api/orders/unshipped").json["orders"] as? [Any])?.isEmpty == true)
        let since = ISO8601DateFormatter().string(from: simulator.now.addingTimeInterval(-48 * 3600))
        #expect((try await call(simulator, "/api/orders/shipped?since_last_updated=\(since)").json["orders"] as? [Any])?.count == 1)
        let explicit = try await call(simulator, "/api/orders/unshipped?since_last_updated=\(since)")
        #expect((explicit.json["orders"] as? [[String: Any]])?.first?["order_id"] as? Int == unshipped)
        #expect(try await call(simulator, "/api/orders/shipped?since_last_updated=yesterday").status == 400)
    }

    // L262: what since_created_date compares with is undocumented: the print time, or the order date.
    @Test(arguments: [false, true])
    func shipmentsSinceSwitch(comparesOrderDate: Bool) async throws {
        let simulator = try await start { $0.shipmentsSinceComparesOrderDate = comparesOrderDate }
        defer { Task { await simulator.stop() } }
        let id = try #require(orderID(try await create(simulator, "SC-1")))
        simulator.advanceTime(by: 2 * 86_400)
        simulator.printLabel(orderID: id)
        let since = ISO8601DateFormatter().string(from: simulator.now.addingTimeInterval(-3600))
        let found = try await call(simulator, "/api/orders/shipments?status=unmanifested&since_created_date=\(since)")
        #expect((found.json["orders"] as? [Any])?.count == (comparesOrderDate ? 0 : 1))
    }

    // L222, L228: delete only while unshipped; gone afterwards.
    @Test func deleteOnlyWhileUnshipped() async throws {
        let simulator = try await start()
        defer { Task { await simulator.stop() } }
        let first = try #require(orderID(try await create(simulator, "DEL-1")))
        let deleted = try await call(simulator, "/api/orders/delete?order_id=\(first)", method: "DELETE")
        #expect(deleted.status == 200)
        #expect(deleted.json["success"] as? Bool == true)
        #expect(try await call(simulator, "/api/orders?order_id=\(first)").status == 404)
        #expect(try await call(simulator, "/api/orders/delete?order_id=\(first)", method: "DELETE").status == 404)
        let second = try #require(orderID(try await create(simulator, "DEL-2")))
        simulator.printLabel(orderID: second)
        let refused = try await call(simulator, "/api/orders/delete?order_id=\(second)", method: "DELETE")
        #expect(refused.status == 400)
        #expect(refused.json["success"] as? Bool == false)
        #expect(simulator.order(id: second)?.deleted == false)
        #expect(try await call(simulator, "/api/orders/delete?order_id=\(second)", method: "GET").status == 405)
    }

    // L227: archive a printed or shipped order; it stops being live and leaves the printed lists.
    @Test func archiveOnlyOncePrinted() async throws {
        let simulator = try await start()
        defer { Task { await simulator.stop() } }
        let id = try #require(orderID(try await create(simulator, "AR-1")))
        #expect(!simulator.archive(orderID: id))
        simulator.printLabel(orderID: id)
        #expect(simulator.archive(orderID: id))
        #expect(simulator.liveOrderCounts()["AR-1"] == nil)
        #expect(simulator.allOrders(orderNumber: "AR-1").count == 1)
        #expect((try await call(simulator, "/api/orders/shipments?status=unmanifested").json["orders"] as? [Any])?.isEmpty == true)
        let read = try await call(simulator, "/api/orders?order_id=\(id)")
        #expect((read.json["order"] as? [String: Any])?["archived"] as? Bool == true)
    }

    // L213: after printing only status changes, never back to unshipped.
    @Test func updateLockedAfterPrint() async throws {
        let simulator = try await start()
        defer { Task { await simulator.stop() } }
        let id = try #require(orderID(try await create(simulator, "U-1")))
        let changed = try await call(simulator, "/api/orders", method: "PUT", body: #"{"order": {"order_id": \#(id), "reference": "Changed"}}"#)
        #expect(changed.status == 200)
        #expect((changed.json["order"] as? [String: Any])?["reference"] as? String == "Changed")
        simulator.printLabel(orderID: id)
        #expect(try await call(simulator, "/api/orders", method: "PUT", body: #"{"order": {"order_id": \#(id), "reference": "X"}}"#).status == 400)
        #expect(
            try await call(simulator, "/api/orders", method: "PUT", body: #"{"order": {"order_id": \#(id), "status": "Unshipped"}}"#).status == 400
        )
    }

    // L185: the duplicate order_number policy, every way.
    @Test func duplicatePolicyAllow() async throws {
        let simulator = try await start { $0.duplicatePolicy = .allow }
        defer { Task { await simulator.stop() } }
        let first = orderID(try await create(simulator, "DUP"))
        let second = orderID(try await create(simulator, "DUP"))
        #expect(first != second)
        #expect(simulator.liveOrderCounts()["DUP"] == 2)
    }

    @Test func duplicatePolicyReject409() async throws {
        let simulator = try await start { $0.duplicatePolicy = .reject409 }
        defer { Task { await simulator.stop() } }
        _ = try await create(simulator, "DUP")
        let refused = try await create(simulator, "DUP")
        #expect(refused.status == 409)
        let error = try #require((refused.json["errors"] as? [[String: Any]])?.first)
        #expect(error["message"] as? String == "Order number already exists")
        #expect(error["details"] as? String == "DUP")
        #expect(simulator.liveOrderCounts()["DUP"] == 1)
        #expect(simulator.stats.duplicatesRefused == 1)
    }

    @Test func duplicatePolicyReturnExisting() async throws {
        let simulator = try await start { $0.duplicatePolicy = .returnExisting }
        defer { Task { await simulator.stop() } }
        let first = orderID(try await create(simulator, "DUP"))
        #expect(orderID(try await create(simulator, "DUP")) == first)
        #expect(simulator.liveOrderCounts()["DUP"] == 1)
    }

    // L202: search by number; whether unshipped orders are found is a switch.
    @Test(arguments: [true, false])
    func searchCoverageSwitch(includesUnshipped: Bool) async throws {
        let simulator = try await start { $0.searchIncludesUnshipped = includesUnshipped }
        defer { Task { await simulator.stop() } }
        _ = try await create(simulator, "SR-1")
        let printed = try #require(orderID(try await create(simulator, "SR-2")))
        simulator.printLabel(orderID: printed)
        let found = try await call(simulator, "/api/orders/search?phrase=SR&fields=Order_Number&status=All")
        let numbers = (found.json["orders"] as? [[String: Any]])?.compactMap { $0["order_number"] as? String } ?? []
        #expect(numbers == (includesUnshipped ? ["SR-1", "SR-2"] : ["SR-2"]))
        #expect(try await call(simulator, "/api/orders/search").status == 400)
    }

    // L82, L84, L91: order_date without Z (real payloads) or with Z (docs).
    @Test(arguments: [true, false])
    func orderDateZSwitch(withoutZ: Bool) async throws {
        let simulator = try await start { $0.orderDatesWithoutZ = withoutZ }
        defer { Task { await simulator.stop() } }
        let created = try await create(simulator, "Z-1")
        let date = try #require((created.json["order"] as? [String: Any])?["order_date"] as? String)
        #expect(date.hasSuffix("Z") == !withoutZ)
    }

    // L17, L55-60: the tier's rate, 429 with Retry-After (switchable) and the APIM body.
    @Test(arguments: [true, false])
    func developerTierRateLimit(retryAfter: Bool) async throws {
        let simulator = try await start {
            $0.tier = .developer
            $0.requestsPerSecond = nil
            $0.retryAfterHeader = retryAfter
        }
        defer { Task { await simulator.stop() } }
        var statuses: [Int] = []
        var throttled: Answer?
        for _ in 0..<4 {
            let answer = try await call(simulator, "/api/orders/unshipped")
            statuses.append(answer.status)
            if answer.status == 429 { throttled = answer }
        }
        #expect(statuses.prefix(2) == [200, 200])
        let refusal = try #require(throttled)
        #expect((refusal.json["message"] as? String)?.contains("Rate limit is exceeded") == true)
        #expect(refusal.headers["retry-after"] == (retryAfter ? "1" : nil))
        #expect(simulator.stats.rateLimited >= 1)
    }

    @Test func productionTierAllowsTwentyPerSecond() async throws {
        let simulator = try await start {
            $0.tier = .production
            $0.requestsPerSecond = nil
        }
        defer { Task { await simulator.stop() } }
        var statuses: [Int] = []
        for _ in 0..<10 { statuses.append(try await call(simulator, "/api/orders/unshipped").status) }
        #expect(statuses.allSatisfy { $0 == 200 })
    }

    // L75, L359: injected server errors are not acted on; garbled answers are.
    @Test func faultInjection() async throws {
        let simulator = try await start { $0.faults = SimulatorFaults(serverErrorRate: 1) }
        defer { Task { await simulator.stop() } }
        let failed = try await create(simulator, "F-1")
        #expect([500, 503].contains(failed.status))
        #expect(failed.json["success"] as? Bool == false)
        #expect(simulator.allOrders().isEmpty)
        simulator.faults = SimulatorFaults(malformedRate: 1)
        let garbled = try await create(simulator, "F-2")
        #expect((try? JSONSerialization.jsonObject(with: Data(garbled.text.utf8))) == nil)
        #expect(simulator.allOrders().count == 1)
        #expect(simulator.stats.faultsInjected["serverError"] == 1)
    }

    @Test func endpointsAreCountedAndUnknownPathsRefused() async throws {
        let simulator = try await start()
        defer { Task { await simulator.stop() } }
        let id = try #require(orderID(try await create(simulator, "E-1")))
        _ = try await call(simulator, "/api/orders?order_id=\(id)")
        _ = try await call(simulator, "/api/orders/shipped")
        #expect(try await call(simulator, "/api/nothing").status == 404)
        let counts = simulator.stats.byEndpoint
        #expect(counts["POST /api/orders"] == 1)
        #expect(counts["GET /api/orders by order_id"] == 1)
        #expect(counts["GET /api/orders/shipped"] == 1)
        #expect(simulator.allOrders(orderNumber: "E-1").count == 1)
    }
}
