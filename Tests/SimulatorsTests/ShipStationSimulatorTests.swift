import AsyncHTTPClient
import Foundation
import NIOCore
import Simulators
import Testing

/// Each documented behaviour of the ShipStation simulator (shipstation-api.md) and each switch both ways.
@Suite("ShipStation simulator over HTTP", .serialized)
struct ShipStationSimulatorTests {
    struct Answer {
        var status: Int
        var headers: [String: String]
        var body: String
        var json: Any? { try? JSONSerialization.jsonObject(with: Data(body.utf8)) }
        var object: [String: Any] { json as? [String: Any] ?? [:] }
        var list: [[String: Any]] { json as? [[String: Any]] ?? [] }
    }

    struct Bed {
        let simulator: ShipStationSimulator
        let base: String

        static func start(_ configure: (inout ShipStationSimulatorConfiguration) -> Void = { _ in }) async throws -> Bed {
            var configuration = ShipStationSimulatorConfiguration()
            configure(&configuration)
            let simulator = ShipStationSimulator(configuration: configuration)
            let url = try await simulator.start()
            return Bed(simulator: simulator, base: url.absoluteString)
        }

        var auth: String { "Basic " + Data("\(simulator.apiKey):\(simulator.apiSecret)".utf8).base64EncodedString() }

        func call(_ path: String, method: String = "GET", body: String? = nil, authorization: String?? = .none) async throws -> Answer {
            var request = HTTPClientRequest(url: base + path)
            request.method = .init(rawValue: method)
            if let header = authorization ?? auth { request.headers.add(name: "Authorization", value: header) }
            if let body {
                request.headers.add(name: "Content-Type", value: "application/json")
                request.body = .bytes(ByteBuffer(string: body))
            }
            let response = try await HTTPClient.shared.execute(request, timeout: .seconds(5))
            let buffer = try await response.body.collect(upTo: 1 << 22)
            var fields: [String: String] = [:]
            for header in response.headers { fields[header.name.lowercased()] = header.value }
            return Answer(status: Int(response.status.code), headers: fields, body: String(buffer: buffer))
        }

        func create(_ key: String?, number: String? = nil, status: String = "awaiting_shipment", extra: String = "") async throws -> Answer {
            let keyField = key.map { #""orderKey":"\#($0)","# } ?? ""
            let body = """
                {\(keyField)"orderNumber":"\(number ?? key ?? "N")","orderDate":"2025-03-10 14:05:00","orderStatus":"\(status)",
                 "billTo":{"name":"Jane"},"shipTo":{"name":"Jane","street1":"1 Main St","city":"Austin","state":"TX",
                 "postalCode":"78701","country":"US","residential":true},
                 "items":[{"sku":"A","name":"Widget","quantity":2,"unitPrice":9.5},{"sku":"B","name":"Gadget","quantity":1}]\(extra)}
                """
            return try await call("/orders/createorder", method: "POST", body: body)
        }

        func orderID(_ answer: Answer) -> Int { answer.object["orderId"] as? Int ?? 0 }
    }

    static let pacificStamp = #"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{7}$"#
    static let day = #"^\d{4}-\d{2}-\d{2}$"#

    // MARK: Auth (L16, L49-L53)

    @Test func basicAuthAndAnEmpty401() async throws {
        let bed = try await Bed.start()
        let missing = try await bed.call("/warehouses", authorization: .some(nil))
        #expect(missing.status == 401)
        #expect(missing.body.isEmpty)
        let wrong = try await bed.call("/warehouses", authorization: "Basic " + Data("\(bed.simulator.apiKey):nope".utf8).base64EncodedString())
        #expect(wrong.status == 401)
        // L59: rate headers on every answer, a 401 too.
        #expect(wrong.headers["x-rate-limit-limit"] == "40")
        #expect(try await bed.call("/warehouses").status == 200)
        #expect(bed.simulator.stats.unauthorized == 2)
        await bed.simulator.stop()
    }

    @Test func aSecondKeyPairHasItsOwnWindow() async throws {
        let bed = try await Bed.start {
            $0.secondKeyPair = (key: "second-key", secret: "second-secret")
            $0.rateLimit = 2
        }
        let second = "Basic " + Data("second-key:second-secret".utf8).base64EncodedString()
        bed.simulator.spendRateLimit(calls: 2)
        #expect(try await bed.call("/carriers").status == 429)
        let answer = try await bed.call("/carriers", authorization: second)
        #expect(answer.status == 200)
        #expect(answer.headers["x-rate-limit-remaining"] == "1")
        await bed.simulator.stop()
    }

    @Test func plainText401WhenSwitched() async throws {
        let bed = try await Bed.start { $0.unauthorizedBody = .plainText }
        let answer = try await bed.call("/orders", authorization: .some(nil))
        #expect(answer.status == 401)
        #expect(answer.body == "401 Unauthorized")
        await bed.simulator.stop()
    }

    // MARK: Rate limit (L59-L62)

    @Test func fixedWindowHeadersAnd429() async throws {
        let bed = try await Bed.start {
            $0.rateLimit = 3
            $0.rateWindow = 1.5
        }
        var remaining: [String] = []
        for _ in 0..<3 {
            let answer = try await bed.call("/carriers")
            #expect(answer.status == 200)
            #expect(answer.headers["x-rate-limit-limit"] == "3")
            remaining.append(answer.headers["x-rate-limit-remaining"] ?? "")
            #expect(Int(answer.headers["x-rate-limit-reset"] ?? "") ?? 99 <= 2)
        }
        #expect(remaining == ["2", "1", "0"])
        let refused = try await bed.call("/carriers")
        #expect(refused.status == 429)
        #expect(refused.object["message"] as? String == "Too Many Requests")
        #expect(refused.headers["x-rate-limit-remaining"] == "0")
        try await Task.sleep(for: .milliseconds(1600))
        let next = try await bed.call("/carriers")
        #expect(next.status == 200)
        #expect(next.headers["x-rate-limit-remaining"] == "2")
        #expect(bed.simulator.stats.rateLimited == 1)
        await bed.simulator.stop()
    }

    @Test func anotherAppSpendsTheSameKey() async throws {
        let bed = try await Bed.start()
        bed.simulator.spendRateLimit(calls: 30)
        let answer = try await bed.call("/stores")
        #expect(answer.headers["x-rate-limit-remaining"] == "9")
        await bed.simulator.stop()
    }

    // MARK: Create / update (L144-L155)

    @Test func upsertByOrderKeyAndGeneratedKeys() async throws {
        let bed = try await Bed.start()
        let first = try await bed.create("K-1")
        #expect(first.status == 200)
        let id = bed.orderID(first)
        #expect(first.object["orderKey"] as? String == "K-1")
        #expect((first.object["createDate"] as? String)?.range(of: Self.pacificStamp, options: .regularExpression) != nil)
        #expect(first.object["modifyDate"] as? String == first.object["createDate"] as? String)
        #expect((first.object["advancedOptions"] as? [String: Any])?["storeId"] as? Int == 12_345)
        let second = try await bed.create("K-1", number: "RENAMED")
        #expect(bed.orderID(second) == id)
        #expect(second.object["orderNumber"] as? String == "RENAMED")
        #expect(bed.simulator.liveOrderCount(orderKey: "K-1") == 1)
        // L147: without a key, every post creates an order with a generated key.
        let a = try await bed.create(nil, number: "NOKEY")
        let b = try await bed.create(nil, number: "NOKEY")
        #expect(bed.orderID(a) != bed.orderID(b))
        #expect((a.object["orderKey"] as? String)?.isEmpty == false)
        // L148: orderId forces an update of that order.
        let forced = try await bed.create("OTHER-KEY", number: "FORCED", extra: #","orderId":\#(id)"#)
        #expect(bed.orderID(forced) == id)
        await bed.simulator.stop()
    }

    @Test func lockedOrdersAnswerUnchangedByDefault() async throws {
        let bed = try await Bed.start()
        let id = bed.orderID(try await bed.create("LOCK-1"))
        bed.simulator.shipOrder(orderID: id, packages: [.init(carrierCode: "ups", trackingNumber: "1Z")])
        let answer = try await bed.create("LOCK-1", status: "cancelled")
        #expect(answer.status == 200)
        #expect(answer.object["orderStatus"] as? String == "shipped")
        #expect(bed.simulator.stats.lockedUpdates == 1)
        await bed.simulator.stop()
    }

    @Test func lockedOrdersAnswer400WhenSwitched() async throws {
        let bed = try await Bed.start { $0.lockedUpdate = .badRequest }
        let id = bed.orderID(try await bed.create("LOCK-2", status: "awaiting_shipment"))
        bed.simulator.setStatus(orderID: id, "cancelled")
        let answer = try await bed.create("LOCK-2")
        #expect(answer.status == 400)
        #expect(answer.object["ModelState"] != nil)
        #expect(bed.simulator.order(id: id)?.status == "cancelled")
        await bed.simulator.stop()
    }

    @Test func pendingFulfillmentIsLockedUnlessSwitched() async throws {
        let locked = try await Bed.start()
        let id = locked.orderID(try await locked.create("PF-1", status: "pending_fulfillment"))
        _ = try await locked.create("PF-1", number: "CHANGED")
        #expect(locked.simulator.order(id: id)?.orderNumber == "PF-1")
        await locked.simulator.stop()
        let open = try await Bed.start { $0.updatableStatuses.insert("pending_fulfillment") }
        let other = open.orderID(try await open.create("PF-1", status: "pending_fulfillment"))
        _ = try await open.create("PF-1", number: "CHANGED")
        #expect(open.simulator.order(id: other)?.orderNumber == "CHANGED")
        await open.simulator.stop()
    }

    @Test func documentedRefusals() async throws {
        let bed = try await Bed.start()
        // L77: an array posted to createorder.
        let array = try await bed.call("/orders/createorder", method: "POST", body: "[{}]")
        #expect(array.status == 400)
        #expect((array.object["ModelState"] as? [String: Any])?["apiOrder"] != nil)
        // L78: a boolean sent as 0.
        let zero = try await bed.call(
            "/orders/createorder",
            method: "POST",
            body:
                #"{"orderNumber":"Z","orderDate":"2025-03-10 14:05:00","orderStatus":"awaiting_shipment","billTo":{"name":"J"},"shipTo":{"name":"J","country":"US","residential":0}}"#
        )
        #expect(zero.status == 400)
        // L129: country is a two-letter code.
        let country = try await bed.call(
            "/orders/createorder",
            method: "POST",
            body:
                #"{"orderNumber":"C","orderDate":"2025-03-10 14:05:00","orderStatus":"awaiting_shipment","billTo":{"name":"J"},"shipTo":{"name":"J","country":"USA"}}"#
        )
        #expect(country.status == 400)
        // L111: orderNumber at most 50 characters.
        let long = try await bed.create("LONG", number: String(repeating: "9", count: 51))
        #expect(long.status == 400)
        // L132: a name-only billTo is accepted.
        #expect(try await bed.create("OK-1").status == 200)
        await bed.simulator.stop()
    }

    // MARK: Lists (L193-L203)

    @Test func startsWithSearchEnvelopeAndPaging() async throws {
        let bed = try await Bed.start()
        for key in ["SO-1", "SO-10", "SO-100", "SO-2"] { _ = try await bed.create(key) }
        let found = try await bed.call("/orders?orderNumber=SO-1")
        #expect(found.object["total"] as? Int == 3)
        #expect(found.object["page"] as? Int == 1)
        #expect(found.object["pages"] as? Int == 1)
        let page2 = try await bed.call("/orders?orderNumber=SO-&pageSize=3&page=2")
        #expect((page2.object["orders"] as? [Any])?.count == 1)
        #expect(page2.object["pages"] as? Int == 2)
        let past = try await bed.call("/orders?pageSize=3&page=9")
        #expect((past.object["orders"] as? [Any])?.isEmpty == true)
        await bed.simulator.stop()
    }

    @Test func oversizedPagesClampedOrRefused() async throws {
        let clamped = try await Bed.start()
        #expect(try await clamped.call("/orders?pageSize=900").status == 200)
        await clamped.simulator.stop()
        let strict = try await Bed.start { $0.oversizedPage = .rejected }
        #expect(try await strict.call("/orders?pageSize=900").status == 400)
        await strict.simulator.stop()
    }

    @Test func datesArePacificWithoutOffset() async throws {
        let bed = try await Bed.start()
        let created = try await bed.create("DATE-1")
        let stamp = try #require(created.object["createDate"] as? String)
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "America/Los_Angeles")!
        let hour = calendar.component(.hour, from: bed.simulator.now)
        #expect(Int(stamp.dropFirst(11).prefix(2)) == hour || Int(stamp.dropFirst(11).prefix(2)) == (hour + 23) % 24)
        #expect(!stamp.hasSuffix("Z"))
        // L98: a Pacific filter an hour ahead excludes it; an hour behind includes it.
        let formatter = DateFormatter()
        formatter.timeZone = calendar.timeZone
        formatter.dateFormat = "yyyy-MM-dd HH:mm:ss"
        let ahead = formatter.string(from: bed.simulator.now.addingTimeInterval(3600))
        let behind = formatter.string(from: bed.simulator.now.addingTimeInterval(-3600))
        let encode = { (text: String) in text.replacingOccurrences(of: " ", with: "%20") }
        #expect(try await bed.call("/orders?modifyDateStart=\(encode(ahead))").object["total"] as? Int == 0)
        #expect(try await bed.call("/orders?modifyDateStart=\(encode(behind))").object["total"] as? Int == 1)
        await bed.simulator.stop()
    }

    @Test func zuluFilterDatesReadOrRefused() async throws {
        let lenient = try await Bed.start()
        #expect(try await lenient.call("/orders?modifyDateStart=2019-08-24T14:15:22Z").status == 200)
        await lenient.simulator.stop()
        let strict = try await Bed.start { $0.zuluFilterDates = .rejected }
        #expect(try await strict.call("/orders?modifyDateStart=2019-08-24T14:15:22Z").status == 400)
        #expect(try await strict.call("/orders?modifyDateStart=2019-08-24%2007:15:22").status == 200)
        await strict.simulator.stop()
    }

    // MARK: Delete (L213-L215)

    @Test func softDeleteHidesTheOrder() async throws {
        let bed = try await Bed.start()
        let id = bed.orderID(try await bed.create("GONE-1"))
        let deleted = try await bed.call("/orders/\(id)", method: "DELETE")
        #expect(deleted.object["success"] as? Bool == true)
        #expect(deleted.object["message"] as? String == "The requested order has been deleted.")
        #expect(try await bed.call("/orders/\(id)").status == 404)
        #expect(try await bed.call("/orders/\(id)", method: "DELETE").status == 404)
        #expect(try await bed.call("/orders?orderNumber=GONE-1").object["total"] as? Int == 0)
        #expect(bed.simulator.allOrders(orderKey: "GONE-1").first?.deleted == true)
        // Default: the key of a deleted order creates a new one.
        let again = try await bed.create("GONE-1")
        #expect(bed.orderID(again) != id)
        #expect(bed.simulator.liveOrderCount(orderKey: "GONE-1") == 1)
        await bed.simulator.stop()
    }

    @Test func deletedOrderKeyRevivesWhenSwitched() async throws {
        let bed = try await Bed.start { $0.deletedOrderKey = .revivesDeletedOrder }
        let id = bed.orderID(try await bed.create("BACK-1"))
        _ = try await bed.call("/orders/\(id)", method: "DELETE")
        #expect(bed.orderID(try await bed.create("BACK-1")) == id)
        #expect(try await bed.call("/orders/\(id)").status == 200)
        await bed.simulator.stop()
    }

    // MARK: Shipments and fulfilments (L222-L252)

    @Test func labelsVoidsAndItems() async throws {
        let bed = try await Bed.start()
        let id = bed.orderID(try await bed.create("LBL-1"))
        let labels = bed.simulator.shipOrder(
            orderID: id,
            packages: [
                .init(carrierCode: "ups", trackingNumber: "1Z1", items: ["A": 2]), .init(carrierCode: "ups", trackingNumber: "1Z2", items: ["B": 1]),
            ]
        )
        #expect(try await bed.call("/orders/\(id)").object["orderStatus"] as? String == "shipped")
        let plain = try await bed.call("/shipments?orderId=\(id)")
        let rows = try #require(plain.object["shipments"] as? [[String: Any]])
        #expect(rows.count == 2)
        #expect(rows.allSatisfy { $0["shipmentItems"] is NSNull })
        #expect((rows.first?["shipDate"] as? String)?.range(of: Self.day, options: .regularExpression) != nil)
        #expect((rows.first?["createDate"] as? String)?.range(of: Self.pacificStamp, options: .regularExpression) != nil)
        let withItems = try await bed.call("/shipments?orderId=\(id)&includeShipmentItems=true")
        let items = (withItems.object["shipments"] as? [[String: Any]])?.first?["shipmentItems"] as? [[String: Any]]
        #expect(items?.first?["sku"] as? String == "A")
        #expect(items?.first?["orderItemId"] as? Int != nil)
        bed.simulator.voidLabel(shipmentID: labels[0])
        bed.simulator.voidLabel(shipmentID: labels[1])
        let after = try await bed.call("/shipments?orderId=\(id)")
        let voided = try #require(after.object["shipments"] as? [[String: Any]])
        #expect(voided.count == 2)
        #expect(voided.allSatisfy { $0["voided"] as? Bool == true && $0["voidDate"] is String })
        // L246 default: the order is back to awaiting_shipment.
        #expect(try await bed.call("/orders/\(id)").object["orderStatus"] as? String == "awaiting_shipment")
        await bed.simulator.stop()
    }

    @Test func voidLeavesTheOrderShippedWhenSwitched() async throws {
        let bed = try await Bed.start { $0.voidReopensOrder = false }
        let id = bed.orderID(try await bed.create("LBL-2"))
        let labels = bed.simulator.shipOrder(orderID: id, packages: [.init(carrierCode: "fedex", trackingNumber: "FX1")])
        bed.simulator.voidLabel(shipmentID: labels[0])
        #expect(try await bed.call("/orders/\(id)").object["orderStatus"] as? String == "shipped")
        await bed.simulator.stop()
    }

    @Test func markedShippedIsAFulfilmentNotAShipment() async throws {
        let bed = try await Bed.start()
        let id = bed.orderID(try await bed.create("MS-1"))
        bed.simulator.markShipped(orderID: id, carrierCode: "UPS", trackingNumber: "T-9")
        #expect(try await bed.call("/shipments?orderId=\(id)").object["total"] as? Int == 0)
        let fulfillments = try await bed.call("/fulfillments?orderId=\(id)")
        let row = try #require((fulfillments.object["fulfillments"] as? [[String: Any]])?.first)
        #expect(row["trackingNumber"] as? String == "T-9")
        #expect(row["carrierCode"] as? String == "UPS")
        #expect((row["shipDate"] as? String)?.hasSuffix("T00:00:00.0000000") == true)
        #expect(try await bed.call("/orders/\(id)").object["orderStatus"] as? String == "shipped")
        await bed.simulator.stop()
    }

    // MARK: Account lists (L286-L289)

    @Test func warehousesStoresCarriersAreBareArrays() async throws {
        let bed = try await Bed.start()
        #expect(try await bed.call("/warehouses").list.map { $0["warehouseId"] as? Int } == [456_789, 456_790])
        #expect(try await bed.call("/stores").list.count == 1)
        #expect(try await bed.call("/stores?showInactive=true").list.count == 2)
        #expect(try await bed.call("/carriers").list.compactMap { $0["code"] as? String } == ["stamps_com", "ups", "fedex"])
        await bed.simulator.stop()
    }

    // MARK: Protocol errors and faults (L70, L80-L84)

    @Test func unknownPathsMethodsAndFaults() async throws {
        let bed = try await Bed.start()
        #expect(try await bed.call("/nope").status == 404)
        #expect(try await bed.call("/warehouses", method: "POST", body: "{}").status == 405)
        bed.simulator.faults = .init(serverErrorRate: 1)
        let failed = try await bed.call("/warehouses")
        #expect([500, 503].contains(failed.status))
        #expect(failed.object["Message"] as? String == "An error has occurred.")
        #expect(failed.headers["x-rate-limit-limit"] != nil)
        bed.simulator.faults = .none
        #expect(bed.simulator.stats.faultsInjected["serverError"] == 1)
        await bed.simulator.stop()
    }
}
