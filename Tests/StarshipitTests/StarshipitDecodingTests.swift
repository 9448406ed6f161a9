import Foundation
import Starshipit
import Testing

@Suite("Starshipit dates and the notes' example JSON")
struct StarshipitDecodingTests {
    @Test func datesWithAndWithoutZ() throws {
        let withZ = try #require(StarshipitDate.parse("2018-11-15T01:51:49.2314399Z"))
        #expect(abs(withZ.timeIntervalSince1970 - 1_542_246_709.231) < 0.001)
        // starshipit-api.md L84: no Z in real payloads; read as UTC (L89).
        let withoutZ = try #require(StarshipitDate.parse("2026-02-13T16:37:34"))
        #expect(withoutZ == StarshipitDate.parse("2026-02-13T16:37:34Z"))
        #expect(StarshipitDate.parse("2017-04-12T13:17:40.5931835") == StarshipitDate.parse("2017-04-12T13:17:40.593Z"))
        #expect(StarshipitDate.parse("2026-02-13T16:37:34+10:00") == StarshipitDate.parse("2026-02-13T06:37:34Z"))
        #expect(StarshipitDate.parse("yesterday") == nil)
        #expect(StarshipitDate.format(Date(timeIntervalSince1970: 1_716_789_600)) == "2024-05-27T06:00:00.000Z")
        let date = StarshipitDate(raw: "2026-02-13T16:37:34")
        #expect(date.raw == "2026-02-13T16:37:34")
        #expect(date.date == withoutZ)
    }

    @Test func aFullOrderAsTheNotesShowIt() throws {
        let json = """
            {"order": {"order_id": 1020304051, "order_date": "2026-02-13T16:37:34", "order_number": "10001",
              "reference": "Online Order", "carrier": 7, "carrier_name": "Australia Post", "status": "Shipped",
              "manifested": true, "archived": false,
              "destination": {"name": "John Smith", "suburb": "Sydney", "post_code": 2000, "country": "Australia"},
              "items": [{"item_id": 1, "sku": "MOBILE", "quantity": 1, "quantity_shipped": 1}, null, "junk"],
              "packages": [{"package_id": 9, "tracking_number": "QQQ001737901000931501",
                            "tracking_url": "https://auspost.com.au/track/QQQ001737901000931501",
                            "carrier_service_name": "Parcel Post", "label_created_date": "2018-08-09T02:55:37.1446912Z"},
                           {"package_id": 10, "tracking_number": ""}]},
             "success": 1}
            """
        struct Payload: Decodable { var order: StarshipitOrder }
        let order = try JSONDecoder().decode(Payload.self, from: Data(json.utf8)).order
        #expect(order.orderID == 1_020_304_051)
        #expect(order.carrier == "7")
        #expect(order.lifecycle == .shipped)
        #expect(order.destination?.postCode == "2000")
        #expect(order.items?.count == 1)
        #expect(order.trackedPackages.count == 1)
        #expect(order.trackedPackages.first?.labelCreatedDate?.date != nil)
        #expect(order.orderDate?.raw == "2026-02-13T16:37:34")
    }

    @Test func summariesOfSearchAndShipments() throws {
        let search = """
            {"order_id": 5, "order_date": "2026-02-13T16:37:34", "order_number": "17062", "name": "A", "carrier_name": "DHL",
             "tracking_number": "0000000000", "country": "New Zealand"}
            """
        let hit = try JSONDecoder().decode(StarshipitOrderSummary.self, from: Data(search.utf8))
        #expect(hit.orderNumber == "17062")
        #expect(hit.trackingNumber == "0000000000")
        let shipment = """
            {"order_id": 6, "order_number": "17063", "date": "2026-02-13T16:37:34.1234567Z", "carrier_name": "NZ Post",
             "carrier_service_code": "CPOLP", "tracking_numbers": ["A1", "", "A2"], "country": "New Zealand"}
            """
        let printed = try JSONDecoder().decode(StarshipitShipmentSummary.self, from: Data(shipment.utf8))
        #expect(printed.trackingNumbers == ["A1", "A2"])
        #expect(printed.date?.date != nil)
    }

    @Test func errorsInBothShapes() throws {
        let item = try JSONDecoder().decode(
            StarshipitErrorItem.self,
            from: Data(#"{"message": "Order number already exists", "details": "10001"}"#.utf8)
        )
        #expect(item.text == "Order number already exists: 10001")
        #expect(!StarshipitError.apiKeyRejected.isTransient)
        #expect(StarshipitError.rateLimited.isTransient)
        #expect(StarshipitError.malformed("x").isTransient)
    }
}
