import AsyncHTTPClient
import Foundation
import NIOCore
import Simulators
import Testing

/// The Cin7 Core simulator spoken to over raw HTTP, checked against the API documents (not against the client).
@Suite(.serialized) struct Cin7SimulatorTests {
    struct Reply {
        var status: Int
        var headers: [(String, String)]
        var text: String
        var json: Any? { try? JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed]) }
        var object: [String: Any] { json as? [String: Any] ?? [:] }
    }

    static func call(
        _ sim: Cin7Simulator,
        _ method: String,
        _ path: String,
        body: Any? = nil,
        auth: Bool = true,
        key: String? = nil,
        root: Bool = false
    ) async throws -> Reply {
        let base = sim.baseURL!.absoluteString
        let url = root ? base.replacingOccurrences(of: "/ExternalApi/v2/", with: "/") + path : base + path
        var request = HTTPClientRequest(url: url)
        request.method = .RAW(value: method)
        if auth {
            request.headers.add(name: "api-auth-accountid", value: sim.configuration.accountID)
            request.headers.add(name: "api-auth-applicationkey", value: key ?? sim.configuration.applicationKey)
        }
        request.headers.add(name: "Content-Type", value: "application/json")
        if let body {
            request.body = .bytes(ByteBuffer(bytes: try JSONSerialization.data(withJSONObject: body)))
        }
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(5))
        let buffer = try await response.body.collect(upTo: 32 << 20)
        return Reply(
            status: Int(response.status.code),
            headers: response.headers.map { ($0.name, $0.value) },
            text: String(buffer: buffer)
        )
    }

    static func started(_ configure: (inout Cin7SimulatorConfiguration) -> Void = { _ in }) async throws -> Cin7Simulator {
        var config = Cin7SimulatorConfiguration()
        config.rateLimitEnabled = false
        configure(&config)
        let sim = Cin7Simulator(configuration: config)
        _ = try await sim.start()
        return sim
    }

    static func seedSale(_ sim: Cin7Simulator, advanced: Bool = false) -> SimSaleRef {
        if sim.allSales.isEmpty {
            let main = sim.addLocation(name: "Main Warehouse")
            sim.addLocation(name: "Main Warehouse: Bin 1", parentID: main, isBin: true)
            sim.addProduct(sku: "A", name: "Alpha")
            sim.addProduct(sku: "B", name: "Beta")
        }
        let lines = [SimLine(sku: "A", quantity: 2), SimLine(sku: "B", quantity: 1)]
        let ref = sim.createSale(
            SimSaleDraft(
                customer: "Rock Star Transport",
                location: "Main Warehouse",
                lines: lines,
                customerReference: "PO-1",
                shipBy: "2026-12-01",
                advancedFulfilments: advanced ? [[lines[0]], [lines[1]]] : nil
            )
        )
        sim.authorise(saleID: ref.saleID)
        return ref
    }

    @Test func authenticationOnEveryRequest() async throws {
        let sim = try await Self.started()
        let none = try await Self.call(sim, "GET", "me", auth: false)
        #expect(none.status == 403)
        #expect(none.text == "Incorrect credentials!")
        let wrong = try await Self.call(sim, "GET", "saleList", key: UUID().uuidString)
        #expect(wrong.status == 403)
        let me = try await Self.call(sim, "GET", "me")
        #expect(me.status == 200)
        #expect(me.object["Company"] as? String == "Harbour Outdoor Co")
        await sim.stop()
    }

    @Test func pathsAndQueryKeysAreCaseInsensitive() async throws {
        let sim = try await Self.started()
        for _ in 0..<3 { _ = Self.seedSale(sim) }
        let a = try await Self.call(sim, "GET", "saleList?Page=1&Limit=2")
        let b = try await Self.call(sim, "GET", "SALELIST?page=2&LIMIT=2", root: false)
        #expect(a.status == 200 && b.status == 200)
        #expect(a.object["Total"] as? Int == 3)
        #expect((a.object["SaleList"] as? [Any])?.count == 2)
        #expect((b.object["SaleList"] as? [Any])?.count == 1)
        #expect(b.object["Page"] as? Int == 2)
        let lower = try await Self.call(sim, "GET", "externalapi/v2/salelist", root: true)
        #expect(lower.status == 200)
        for limit in ["0", "1001", "x"] {
            let bad = try await Self.call(sim, "GET", "saleList?Limit=\(limit)")
            #expect(bad.status == 400)
            #expect(((bad.json as? [[String: Any]])?.first?["ErrorCode"] as? Int) == 400)
        }
        let defaultLimit = try await Self.call(sim, "GET", "ref/location")
        #expect(defaultLimit.object["LocationList"] != nil)
        await sim.stop()
    }

    @Test func callsAreRecordedBeforeTheyAreRefusedAndMethodsAreCheckedAfterAuth() async throws {
        let sim = try await Self.started {
            $0.rateLimitEnabled = true
            $0.rateLimit = 2
        }
        #expect(try await Self.call(sim, "GET", "saleList", auth: false).status == 403)
        #expect(try await Self.call(sim, "PATCH", "Me", auth: false).status == 403)
        let patch = try await Self.call(sim, "PATCH", "Me")
        #expect(patch.status == 405)
        #expect(((patch.json as? [[String: Any]])?.first?["ErrorCode"] as? Int) == 405)
        #expect(try await Self.call(sim, "GET", "me").status == 200)
        #expect(try await Self.call(sim, "GET", "me").status == 503)
        #expect(try await Self.call(sim, "GET", "nowhere", auth: false).status == 404)
        let stats = sim.stats
        #expect(stats.requestsByEndpoint == ["GET salelist": 1, "PATCH me": 2, "GET me": 2])
        #expect(stats.totalRequests == 6)
        #expect(stats.rejectedCredentials == 2)
        #expect(stats.throttledResponses == 1)
        await sim.stop()
    }

    @Test func unknownPathsAndListKeys() async throws {
        let sim = try await Self.started()
        #expect(try await Self.call(sim, "GET", "Products").status == 404)
        #expect(try await Self.call(sim, "GET", "me", root: true).status == 404)
        var config = sim.configuration
        config.unknownPathAnswer = .htmlPage
        sim.configuration = config
        let html = try await Self.call(sim, "GET", "production/workcenters")
        #expect(html.status == 200)
        #expect(html.text.contains("Page not found"))
        _ = Self.seedSale(sim)
        sim.addCarrier("DEFAULT Carrier")
        for (path, key) in [
            ("product", "Products"), ("customer", "CustomerList"), ("ref/carrier", "CarrierList"),
            ("ref/location", "LocationList"), ("webhooks", "Webhooks"), ("saleList", "SaleList"),
        ] {
            let reply = try await Self.call(sim, "GET", path)
            #expect(reply.status == 200, "\(path)")
            #expect(reply.object[key] is [Any], "\(path) lists under \(key)")
        }
        let locations = try await Self.call(sim, "GET", "ref/location").object["LocationList"] as? [[String: Any]] ?? []
        let bin = locations.first { $0["Name"] as? String == "Main Warehouse: Bin 1" }
        let main = locations.first { $0["Name"] as? String == "Main Warehouse" }
        #expect((bin?["ParentID"] as? String)?.lowercased() == (main?["ID"] as? String)?.lowercased())
        #expect(((main?["Bins"] as? [[String: Any]])?.first?["Name"] as? String) == "Main Warehouse: Bin 1")
        await sim.stop()
    }

    @Test(arguments: Cin7ThrottleShape.allCases)
    func rateLimitShapes(shape: Cin7ThrottleShape) async throws {
        let sim = try await Self.started {
            $0.rateLimitEnabled = true
            $0.rateLimit = 3
            $0.rateWindow = 30
            $0.throttleShape = shape
        }
        for _ in 0..<3 { #expect(try await Self.call(sim, "GET", "me").status == 200) }
        let over = try await Self.call(sim, "GET", "me")
        #expect(!over.headers.contains { $0.0.lowercased() == "retry-after" })
        switch shape {
        case .http503:
            #expect(over.status == 503)
            #expect(over.text.contains("calls per minute"))
        case .http429:
            #expect(over.status == 429)
            #expect(over.object["ErrorCode"] as? Int == 429)
        case .http400Array:
            #expect(over.status == 400)
            #expect(((over.json as? [[String: Any]])?.first?["Exception"] as? String)?.contains("calls per 60 seconds") == true)
        }
        #expect(sim.stats.throttledResponses == 1)
        #expect(sim.stats.totalRequests == 4)
        await sim.stop()
    }

    @Test func saleShapeDatesAndFilters() async throws {
        let sim = try await Self.started()
        let first = Self.seedSale(sim)
        try await Task.sleep(nanoseconds: 10_000_000)
        let cutoff = Date()
        try await Task.sleep(nanoseconds: 10_000_000)
        let second = Self.seedSale(sim, advanced: true)
        let sale = try await Self.call(sim, "GET", "sale?ID=\(first.saleID.uppercased())&CountryFormat=Code2").object
        #expect(sale["ID"] as? String == first.saleID)
        #expect(sale["Type"] as? String == "Simple Sale")
        #expect((sale["ShippingAddress"] as? [String: Any])?["Country"] as? String == "AU")
        #expect(sale["ShipBy"] as? String == "2026-12-01T00:00:00")
        let modified = try #require(sale["LastModifiedOn"] as? String)
        #expect(modified.hasSuffix("Z"))
        let fulfilments = try #require(sale["Fulfilments"] as? [[String: Any]])
        // A Simple Sale's TaskID is its own (only a Service Sale's is its SaleID, cin7-core-api-v2.apib ~L20040).
        let simpleTask = try #require(fulfilments.first?["TaskID"] as? String)
        #expect(simpleTask != first.saleID)
        #expect(sim.snapshot(saleID: first.saleID)?.fulfilments.first?.taskID == simpleTask)
        #expect((fulfilments.first?["Pick"] as? [String: Any])?["Status"] as? String == "DRAFT")
        #expect(((sale["Order"] as? [String: Any])?["Lines"] as? [Any])?.count == 2)

        let advanced = try await Self.call(sim, "GET", "sale?id=\(second.saleID)").object
        #expect(advanced["Type"] as? String == "Advanced Sale")
        #expect((advanced["ShippingAddress"] as? [String: Any])?["Country"] as? String == "Australia")
        let tasks = (advanced["Fulfilments"] as? [[String: Any]] ?? []).compactMap { $0["TaskID"] as? String }
        #expect(tasks.count == 2 && !tasks.contains(second.saleID))

        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        let since = formatter.string(from: cutoff)
        let recent = try await Self.call(sim, "GET", "saleList?UpdatedSince=\(since)").object["SaleList"] as? [[String: Any]]
        #expect(recent?.compactMap { $0["SaleID"] as? String } == [second.saleID])
        let search = try await Self.call(sim, "GET", "saleList?Search=\(first.orderNumber)").object["SaleList"] as? [[String: Any]]
        #expect(search?.count == 1)
        sim.void(saleID: first.saleID)
        let voided = try await Self.call(sim, "GET", "saleList?Status=VOIDED").object["SaleList"] as? [[String: Any]]
        #expect(voided?.first?["OrderStatus"] as? String == "VOIDED")
        let authorised = try await Self.call(sim, "GET", "saleList?OrderStatus=authorised").object["Total"] as? Int
        #expect(authorised == 1)
        await sim.stop()
    }

    @Test func fulfilmentStateMachine() async throws {
        let sim = try await Self.started()
        let ref = Self.seedSale(sim, advanced: true)
        sim.addCarrier("DHL")
        sim.addCarrier("StarTrack")
        let tasks = try #require(sim.snapshot(saleID: ref.saleID)?.fulfilments.map(\.taskID))
        // Ship before pack: refused.
        let early = try await Self.call(sim, "POST", "sale/fulfilment/ship", body: ["TaskID": tasks[0], "Status": "AUTHORISED", "Lines": []])
        #expect(early.status == 400)
        let pick = try await Self.call(sim, "POST", "sale/fulfilment/pick", body: ["TaskID": tasks[0].uppercased(), "AutoPickMode": "AUTOPICK"])
        #expect(pick.object["Status"] as? String == "AUTHORISED")
        let again = try await Self.call(sim, "POST", "sale/fulfilment/pick", body: ["TaskID": tasks[0], "AutoPickMode": "AUTOPICK"])
        #expect(again.status == 400)
        #expect(again.text.contains("Status is AUTHORISED"))
        let pack = try await Self.call(
            sim,
            "POST",
            "sale/fulfilment/pack",
            body: [
                "TaskID": tasks[0], "Status": "AUTHORISED",
                "Lines": [["SKU": "A", "Location": "Main Warehouse", "Quantity": 2, "Box": "Box 1"]],
            ]
        )
        #expect(pack.object["Status"] as? String == "AUTHORISED")
        // `Boxes` is the GET spelling; POST/PUT call the required field `Box` (cin7-core-api-v2.apib ~L29863).
        let misspelt = try await Self.call(
            sim,
            "POST",
            "sale/fulfilment/ship",
            body: [
                "TaskID": tasks[0], "Status": "AUTHORISED",
                "Lines": [["ShipmentDate": "2026-11-24T00:00:00", "Carrier": "DHL", "Boxes": "Box 1", "TrackingNumber": "T1", "IsShipped": true]],
            ]
        )
        #expect(misspelt.status == 400)
        #expect(misspelt.text.contains("Box is required"))
        let ship = try await Self.call(
            sim,
            "POST",
            "sale/fulfilment/ship",
            body: [
                "TaskID": tasks[0], "Status": "AUTHORISED",
                "Lines": [["ShipmentDate": "2026-11-24T00:00:00", "Carrier": "DHL", "Box": "Box 1", "TrackingNumber": "T1", "IsShipped": true]],
            ]
        )
        #expect(ship.status == 200)
        let lines = ship.object["Lines"] as? [[String: Any]]
        #expect(lines?.first?["Boxes"] as? String == "Box 1")
        #expect(lines?.first?["ID"] is String)
        let snapshot = try #require(sim.snapshot(saleID: ref.saleID))
        #expect(snapshot.combinedShippingStatus == "PARTIALLY SHIPPED")
        #expect(snapshot.fulfilmentStatus == "PARTIALLY FULFILLED")
        #expect(snapshot.combinedPickingStatus == "PARTIALLY PICKED")
        #expect(snapshot.combinedTrackingNumbers == "T1")
        #expect(sim.stats.shipPostsBySale[ref.saleID] == 1)

        // Tracking update on the authorised shipment.
        let update = try await Self.call(
            sim,
            "PUT",
            "sale/fulfilment/ship",
            body: [
                "TaskID": tasks[0], "Status": "AUTHORISED", "AddTrackingNumbers": true,
                "Lines": [
                    [
                        "ShipmentDate": "2026-11-24T00:00:00", "Carrier": "StarTrack", "Box": "Box 1", "TrackingNumber": "T2",
                        "TrackingURL": "https://t/T2",
                    ]
                ],
            ]
        )
        #expect(update.status == 200)
        // TrackingURL is read-only (cin7-core-api-v2.apib ~L29865): accepted, not kept.
        #expect(sim.snapshot(saleID: ref.saleID)?.fulfilments.first?.shipLines.first?.trackingURL == "")
        #expect(sim.snapshot(saleID: ref.saleID)?.fulfilments.first?.shipLines.first?.carrier == "StarTrack")
        #expect(sim.snapshot(saleID: ref.saleID)?.combinedTrackingNumbers == "T2")

        // 200 + Error Model shape.
        var config = sim.configuration
        config.errorShape = .okWithErrorModel
        sim.configuration = config
        let shaped = try await Self.call(sim, "POST", "sale/fulfilment/pack", body: ["TaskID": tasks[1], "Status": "AUTHORISED", "Lines": []])
        #expect(shaped.status == 200)
        #expect(((shaped.json as? [[String: Any]])?.first?["ErrorCode"] as? Int) == 400)
        await sim.stop()
    }

    @Test func unknownCarrierOptionAndShipViaUI() async throws {
        let sim = try await Self.started()  // refusing unknown carriers is the default
        let ref = Self.seedSale(sim)
        let task = try #require(sim.snapshot(saleID: ref.saleID)?.fulfilments.first?.taskID)
        _ = try await Self.call(sim, "POST", "sale/fulfilment/pick", body: ["TaskID": task, "AutoPickMode": "AUTOPICK"])
        _ = try await Self.call(
            sim,
            "POST",
            "sale/fulfilment/pack",
            body: [
                "TaskID": task, "Status": "AUTHORISED", "Lines": [["SKU": "A", "Location": "Main Warehouse", "Quantity": 2, "Box": "Box 1"]],
            ]
        )
        let refused = try await Self.call(
            sim,
            "POST",
            "sale/fulfilment/ship",
            body: [
                "TaskID": task, "Status": "AUTHORISED",
                "Lines": [["ShipmentDate": "2026-11-24", "Carrier": "Nobody", "Box": "Box 1", "IsShipped": true]],
            ]
        )
        #expect(refused.status == 400)
        #expect(refused.text.contains("Carrier 'Nobody' not found"))
        let created = try await Self.call(sim, "POST", "ref/carrier", body: ["Description": "Nobody"])
        #expect(((created.object["CarrierList"] as? [[String: Any]])?.first?["Description"] as? String) == "Nobody")
        let shipped = try await Self.call(
            sim,
            "POST",
            "sale/fulfilment/ship",
            body: [
                "TaskID": task, "Status": "DRAFT", "Lines": [["ShipmentDate": "2026-11-24", "Carrier": "Nobody", "Box": "Box 1", "IsShipped": true]],
            ]
        )
        // Every packed box shipped: authorised automatically.
        #expect(shipped.object["Status"] as? String == "AUTHORISED")
        #expect(sim.snapshot(saleID: ref.saleID)?.status == "INVOICING")

        let other = Self.seedSale(sim)
        let before = try #require(sim.snapshot(saleID: other.saleID)?.updated)
        sim.shipViaUI(saleID: other.saleID, carrier: "Australia Post", tracking: "AP123")
        let after = try #require(sim.snapshot(saleID: other.saleID))
        #expect(after.updated > before)
        #expect(after.combinedShippingStatus == "SHIPPED")
        #expect(after.fulfilments.first?.shipStatus == "AUTHORISED")
        #expect(after.combinedTrackingNumbers == "AP123")

        let edited = Self.seedSale(sim)
        let beforeEdit = try #require(sim.snapshot(saleID: edited.saleID)?.updated)
        sim.editSale(saleID: edited.saleID, lines: [SimLine(sku: "A", quantity: 5)])
        #expect(try #require(sim.snapshot(saleID: edited.saleID)?.updated) > beforeEdit)
        let sale = try await Self.call(sim, "GET", "sale?ID=\(edited.saleID)").object
        #expect(((sale["Order"] as? [String: Any])?["Lines"] as? [[String: Any]])?.first?["Quantity"] as? Double == 5)
        await sim.stop()
    }

    /// Authorises pick and pack of `task` with the given boxes (one line per box).
    static func pickAndPack(_ sim: Cin7Simulator, _ task: String, boxes: [String]) async throws {
        _ = try await call(sim, "POST", "sale/fulfilment/pick", body: ["TaskID": task, "AutoPickMode": "AUTOPICK"])
        let pack = try await call(
            sim,
            "POST",
            "sale/fulfilment/pack",
            body: [
                "TaskID": task, "Status": "AUTHORISED",
                "Lines": boxes.map { ["SKU": "A", "Location": "Main Warehouse", "Quantity": 1, "Box": $0] as [String: Any] },
            ]
        )
        #expect(pack.status == 200, "\(pack.text)")
    }

    @Test func simpleSaleTaskIDIsItsSaleIDOnlyWithTheSwitch() async throws {
        let sim = try await Self.started { $0.simpleSaleTaskIDIsSaleID = true }
        let ref = Self.seedSale(sim)
        #expect(sim.snapshot(saleID: ref.saleID)?.fulfilments.first?.taskID == ref.saleID)
        #expect(Cin7SimulatorConfiguration().simpleSaleTaskIDIsSaleID == false)
        await sim.stop()
    }

    /// cin7-core-api-v2.apib ~L23230: a fulfilment added with POST sale/fulfilment has `"Pick": {"Status": "DRAFT", "Lines": []}`.
    @Test func newFulfilmentHasAnEmptyDraftPickUntilSomeoneFillsIt() async throws {
        let sim = try await Self.started()
        let ref = Self.seedSale(sim, advanced: true)
        let tasks = try #require(sim.snapshot(saleID: ref.saleID)?.fulfilments.map(\.taskID))
        let refused = try await Self.call(sim, "POST", "sale/fulfilment", body: ["SaleID": ref.saleID])
        #expect(refused.status == 400)  // fulfilment 1 and 2's picks are not authorised
        _ = try await Self.call(sim, "DELETE", "sale/fulfilment?TaskID=\(tasks[1])&Void=true")
        _ = try await Self.call(sim, "POST", "sale/fulfilment/pick", body: ["TaskID": tasks[0], "AutoPickMode": "AUTOPICK"])
        let added = try await Self.call(sim, "POST", "sale/fulfilment", body: ["SaleID": ref.saleID])
        #expect(added.status == 200, "\(added.text)")
        let third = try #require((added.object["Fulfilments"] as? [[String: Any]])?.last)
        let pick = try #require(third["Pick"] as? [String: Any])
        #expect(pick["Status"] as? String == "DRAFT")
        #expect((pick["Lines"] as? [Any])?.isEmpty == true)
        let taskID = try #require(third["TaskID"] as? String)
        let before = try #require(sim.snapshot(saleID: ref.saleID)?.updated)
        sim.fillDraftPick(taskID: taskID)
        #expect(try #require(sim.snapshot(saleID: ref.saleID)?.updated) > before)
        let filled = try await Self.call(sim, "GET", "sale/fulfilment/pick?TaskID=\(taskID)").object
        #expect((filled["Lines"] as? [[String: Any]])?.first?["SKU"] as? String == "B")
        await sim.stop()
    }

    /// cin7-core-api-v2.apib ~L23271–23345: DELETE sale/fulfilment?TaskID=&Void=true (Advanced Sales only) keeps the
    /// fulfilment listed with Pick, Pack and Ship VOIDED; writes to it are refused (~L23442).
    @Test func voidedFulfilmentStaysListedAndRefusesWrites() async throws {
        let sim = try await Self.started()
        let simple = Self.seedSale(sim)
        let simpleTask = try #require(sim.snapshot(saleID: simple.saleID)?.fulfilments.first?.taskID)
        let notAdvanced = try await Self.call(sim, "DELETE", "sale/fulfilment?TaskID=\(simpleTask)&Void=true")
        #expect(notAdvanced.status == 400)
        let ref = Self.seedSale(sim, advanced: true)
        let tasks = try #require(sim.snapshot(saleID: ref.saleID)?.fulfilments.map(\.taskID))
        let voided = try await Self.call(sim, "DELETE", "sale/fulfilment?TaskID=\(tasks[1])&Void=true")
        #expect(voided.status == 200, "\(voided.text)")
        let listed = try #require(voided.object["Fulfilments"] as? [[String: Any]])
        #expect(listed.count == 2)
        for key in ["Pick", "Pack", "Ship"] {
            #expect((listed[1][key] as? [String: Any])?["Status"] as? String == "VOIDED")
        }
        #expect(listed[1]["FulFilmentStatus"] as? String == "NOT FULFILLED")
        let pick = try await Self.call(sim, "POST", "sale/fulfilment/pick", body: ["TaskID": tasks[1], "AutoPickMode": "AUTOPICK"])
        #expect(pick.status == 400)
        #expect(pick.text.contains("Pick status is not DRAFT or NOT AVAILABLE"))
        // The sale counts only the fulfilment left.
        try await Self.pickAndPack(sim, tasks[0], boxes: ["Box 1"])
        sim.addCarrier("DHL")
        _ = try await Self.call(
            sim,
            "POST",
            "sale/fulfilment/ship",
            body: [
                "TaskID": tasks[0], "Status": "AUTHORISED",
                "Lines": [["ShipmentDate": "2026-11-24", "Carrier": "DHL", "Box": "Box 1", "IsShipped": true]],
            ]
        )
        #expect(sim.snapshot(saleID: ref.saleID)?.combinedShippingStatus == "SHIPPED")
        await sim.stop()
    }

    /// cin7-core-api-v2.apib ~L23703/~L23705: a shipment ships the boxes of the pack, and all of them.
    @Test func shipNamesThePackedBoxes() async throws {
        let sim = try await Self.started()
        let ref = Self.seedSale(sim)
        let task = try #require(sim.snapshot(saleID: ref.saleID)?.fulfilments.first?.taskID)
        try await Self.pickAndPack(sim, task, boxes: ["Carton A", "Carton B"])
        sim.addCarrier("DHL")
        func ship(_ boxes: [String], status: String = "AUTHORISED", method: String = "POST") async throws -> Reply {
            try await Self.call(
                sim,
                method,
                "sale/fulfilment/ship",
                body: [
                    "TaskID": task, "Status": status,
                    "Lines": boxes.map { ["ShipmentDate": "2026-11-24", "Carrier": "DHL", "Box": $0, "IsShipped": true] as [String: Any] },
                ]
            )
        }
        let wrongBox = try await ship(["Box 1"])
        #expect(wrongBox.status == 400)
        #expect(wrongBox.text.contains("not in the pack"))
        let partial = try await ship(["Carton A"])
        #expect(partial.status == 400)
        #expect(partial.text.contains("all boxes from Packing stage"))
        let partialPut = try await ship(["Carton A"], status: "DRAFT", method: "PUT")
        #expect(partialPut.status == 400)
        let draft = try await ship(["Carton A"], status: "DRAFT")
        #expect(draft.object["Status"] as? String == "DRAFT")
        let rest = try await ship(["carton b"], status: "DRAFT")
        #expect(rest.object["Status"] as? String == "AUTHORISED")  // every packed box shipped
        await sim.stop()
    }

    @Test func trackingURLIsKeptOnlyWithTheSwitchAndUnknownCarriersOnlyWithoutTheDefault() async throws {
        for lenient in [false, true] {
            let sim = try await Self.started {
                $0.storeTrackingURLFromWrites = lenient
                $0.rejectUnknownCarrierOnShip = !lenient
            }
            let ref = Self.seedSale(sim)
            let task = try #require(sim.snapshot(saleID: ref.saleID)?.fulfilments.first?.taskID)
            try await Self.pickAndPack(sim, task, boxes: ["Box 1"])
            let ship = try await Self.call(
                sim,
                "POST",
                "sale/fulfilment/ship",
                body: [
                    "TaskID": task, "Status": "AUTHORISED",
                    "Lines": [["ShipmentDate": "2026-11-24", "Carrier": "Nobody", "Box": "Box 1", "TrackingURL": "https://t/1", "IsShipped": true]],
                ]
            )
            #expect(ship.status == (lenient ? 200 : 400))
            if lenient {
                #expect(sim.snapshot(saleID: ref.saleID)?.fulfilments.first?.shipLines.first?.trackingURL == "https://t/1")
            }
            await sim.stop()
        }
    }

    /// cin7-core-api-v2.apib ~L5033: `product` lists only active products unless IncludeDeprecated=true.
    @Test func deprecatedProductsAreListedOnlyWhenAskedFor() async throws {
        let sim = try await Self.started()
        _ = Self.seedSale(sim)
        sim.addProduct(sku: "OLD-SVC", name: "Old service", type: "Service")
        sim.deprecateProduct(sku: "OLD-SVC")
        let active = try await Self.call(sim, "GET", "product?Limit=100").object["Products"] as? [[String: Any]] ?? []
        #expect(!active.contains { $0["SKU"] as? String == "OLD-SVC" })
        let all = try await Self.call(sim, "GET", "product?Limit=100&IncludeDeprecated=true").object["Products"] as? [[String: Any]] ?? []
        #expect(all.first { $0["SKU"] as? String == "OLD-SVC" }?["Status"] as? String == "Deprecated")
        await sim.stop()
    }

    /// Another application spending the key's quota throttles every caller of that key (cin7-core-api-v2.apib ~L124).
    @Test func quotaSpentByAnotherAppThrottlesUs() async throws {
        let sim = try await Self.started {
            $0.rateLimitEnabled = true
            $0.rateLimit = 5
            $0.rateWindow = 30
        }
        #expect(try await Self.call(sim, "GET", "me").status == 200)
        sim.spendQuota(calls: 4)
        let over = try await Self.call(sim, "GET", "me")
        #expect(over.status == 503)
        #expect(over.text.contains("calls per minute API limit"))
        await sim.stop()
    }

    @Test func faultsDropAndWebhookLimits() async throws {
        let sim = try await Self.started()
        sim.faults = SimulatorFaults(dropRate: 1)
        await #expect(throws: (any Error).self) { _ = try await Self.call(sim, "GET", "me") }
        sim.faults = SimulatorFaults(serverErrorRate: 1)
        let failed = try await Self.call(sim, "GET", "me")
        #expect(failed.status == 500 || failed.status == 503)
        sim.faults = .none
        #expect(sim.stats.faultsInjected["drop"] == 1)

        for index in 0..<5 {
            let reply = try await Self.call(
                sim,
                "POST",
                "webhooks",
                body: [
                    "Type": "Sale/ShipmentAuthorised", "IsActive": true, "ExternalURL": "https://hook.example/\(index)",
                    "ExternalAuthorizationType": "noauth",
                ]
            )
            #expect(reply.status == 200)
        }
        let sixth = try await Self.call(
            sim,
            "POST",
            "webhooks",
            body: [
                "Type": "Sale/ShipmentAuthorised", "ExternalURL": "https://hook.example/6", "ExternalAuthorizationType": "noauth",
            ]
        )
        #expect(sixth.status == 400)
        let list = try await Self.call(sim, "GET", "webhooks").object["Webhooks"] as? [[String: Any]]
        #expect(list?.count == 5)
        let id = try #require(list?.first?["ID"] as? String)
        let deleted = try await Self.call(sim, "DELETE", "webhooks?ID=\(id)")
        #expect((deleted.object["Webhooks"] as? [Any])?.isEmpty == true)
        await sim.stop()
    }

    @Test func startFailsOnABusyPortInsteadOfHanging() async throws {
        let first = try await Self.started()
        let port = try #require(first.baseURL?.port)
        let second = Cin7Simulator()
        await #expect(throws: (any Error).self) { _ = try await second.start(port: port) }
        await first.stop()
    }

    @Test func seedDemoData() async throws {
        let sim = Cin7Simulator()
        let seed = sim.seedDemoData(sales: 12)
        #expect(seed.sales.count == 12)
        #expect(sim.allSales.allSatisfy { $0.orderStatus == "AUTHORISED" })
        #expect(sim.allSales.contains { $0.type == "Advanced Sale" })
        #expect(Set(seed.sales.map(\.orderNumber)).count == 12)
        #expect(seed.sales.first?.orderNumber == "SO-00001")
    }
}
