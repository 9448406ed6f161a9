import BridgeSupport
import Foundation
import Testing

@testable import CartonCloud

/// Example bodies from CartonCloud's API reference (`cartoncloud-api.md`), with `{...}` placeholders filled.
@Suite("Decoding CartonCloud's documented examples")
struct DecodingTests {
    static let rejectedCreate = """
        {
            "id": "fb5b56f6-a68e-11e8-98d0-529269fb1459",
            "type": "OUTBOUND",
            "references": {"customer": "SO-00417", "numericId": 13673},
            "customer": {"enabled": true, "name": "Customer A", "references": {"code": "CustomerA"}, "id": "c3b1a598-c085-11e8-85b4-02a6cf3a00de"},
            "warehouse": {"id": "f81d4fae-7dec-11d0-a765-00a0c91e6bf6", "name": "Example Warehouse"},
            "details": {
                "urgent": true,
                "instructions": "",
                "collect": {"requiredDate": "2018-06-21"},
                "deliver": {"address": {"companyName": "Company A", "contactName": "Mr Smith", "address1": "1 Main Street",
                            "address2": null, "suburb": "Springfield", "city": "Metropolis", "state": {"code": "QLD", "name": "Queensland"},
                            "postcode": 4000, "country": {"name": "Australia", "iso2Code": "AU", "iso3Code": "AUS"},
                            "phone": "07 5512 3456", "email": "info@company.com"},
                            "method": {"type": "SHIPPING", "requestedService": "Express"}, "instructions": "Leave by front door"},
                "errors": [{"message": "Ice Cream (IC-123) x 25 UNITS - Product not found", "isResolved": false}],
                "allowSplitting": true
            },
            "status": "REJECTED",
            "properties": {"myCustomField": "info"},
            "items": [{"properties": {"expiryDate": "2018-10-25", "batch": "AAAA"},
                       "details": {"product": {"id": "c3706e8c-7526-11e8-adc0-fa7ae01b3ebc", "name": "Product Name", "references": {"code": "SKU123", "barcode": "00123246586"}},
                                   "unitOfMeasure": {"type": "UNITS"}, "approximateUnitPrice": {"amount": 2.5, "currency": "USD"}},
                       "measures": {"quantity": 25}}],
            "version": 1,
            "timestamps": {"created": {"time": "2025-04-10T12:10:04+10:00"}, "modified": {"time": "2025-07-07T10:06:24+10:00"}}
        }
        """

    static let searchResult = """
        [
            {"type": "OUTBOUND", "references": {"customer": "REF-123"},
             "customer": {"enabled": true, "name": "Customer A", "references": {"code": "CustomerA"}, "id": "c3b1a598-c085-11e8-85b4-02a6cf3a00de"},
             "version": 17, "status": "PACKING_IN_PROGRESS", "items": [], "id": "fe84f560-515d-40d8-9760-0c222d7bfde7"},
            {"type": "OUTBOUND", "references": {"customer": "REF-124"}, "version": 17, "status": "SOMETHING_NEW",
             "details": null, "items": null, "id": "4c1c1721-27c8-4bec-a7b7-49c386e0bee7"}
        ]
        """

    static let consignment = """
        {
          "id": "028ff38c-a68f-11e8-98d0-529269fb1459", "type": "CONSIGNMENT", "status": "IN_TRANSIT_WAREHOUSE_DELIVERY", "version": 3,
          "references": {"customer": "SO-00417", "tracking": "JD014600004567890123"},
          "generatedFromTask": {"id": "fb5b56f6-a68e-11e8-98d0-529269fb1459"},
          "details": {"type": "WAREHOUSE_FULFILMENT", "tracking": {"company": "Aramex", "url": "https://www.aramex.co.nz/tools/track?l=JD014600004567890123"}},
          "items": [{"measures": {"quantity": 7, "weight": 3.2}}]
        }
        """

    @Test func rejectedOrder() throws {
        let order = try JSONDecoder().decode(OutboundOrder.self, from: Data(Self.rejectedCreate.utf8))
        #expect(order.status == .rejected)
        #expect(order.reference == "SO-00417")
        #expect(order.references?.numericId == "13673")
        #expect(order.errorMessages == ["Ice Cream (IC-123) x 25 UNITS - Product not found"])
        #expect(order.details?.deliver?.address?.postcode == "4000")
        #expect(order.details?.deliver?.address?.state?.code == "QLD")
        #expect(order.details?.deliver?.address?.country?.iso2Code == "AU")
        #expect(order.items?.first?.productCode == "SKU123")
        #expect(order.items?.first?.quantity == 25)
        #expect(order.timestamps?.created?.date == CartonCloudDateFormat.parse("2025-04-10T02:10:04Z"))
    }

    @Test func searchArrayWithUnknownStatusAndNulls() throws {
        let orders = try JSONDecoder().decode([OutboundOrder].self, from: Data(Self.searchResult.utf8))
        #expect(orders.count == 2)
        #expect(orders[0].status == .packingInProgress)
        #expect(orders[1].status?.rawValue == "SOMETHING_NEW")
        #expect(orders[1].details == nil)
    }

    @Test func consignmentAcceptsCompanySpelling() throws {
        let consignment = try JSONDecoder().decode(Consignment.self, from: Data(Self.consignment.utf8))
        #expect(consignment.trackingNumber == "JD014600004567890123")
        #expect(consignment.carrierName == "Aramex")
        #expect(consignment.trackingURL?.hasPrefix("https://www.aramex.co.nz") == true)
        #expect(consignment.generatedFromTask?.id == "fb5b56f6-a68e-11e8-98d0-529269fb1459")
    }

    @Test func userInfoAndErrors() throws {
        let info = try JSONDecoder().decode(
            UserInfo.self,
            from: Data(
                """
                {"id": "318782ea-75b1-11e8-adc0-fa7ae01b1234", "name": "John Smith", "email": "john.smith@cartoncloud.com",
                 "tenants": [{"id": "318782ea-75b1-11e8-adc0-fa7ae01babab", "name": "Demo Tenant"}]}
                """.utf8
            )
        )
        #expect(info.tenants.first?.name == "Demo Tenant")
        let duplicate = HTTPResponseSpec(
            status: 422,
            body: Array(
                """
                [{"field": "/references/customer", "message": "A Purchase Order with this Customer Reference already exists.",
                  "type": "DUPLICATE", "details": {"duplicateId": "cd639009-1111-4a89-bf83-8907b8c9d09a"}}]
                """.utf8
            )
        )
        #expect(CartonCloudClient.errorItems(duplicate).first?.duplicateId == "cd639009-1111-4a89-bf83-8907b8c9d09a")
    }

    @Test func requestBodyUsesNullsAndDates() throws {
        let request = OutboundOrderRequest(
            reference: "SO-1",
            customerID: "c1",
            warehouse: .id("w1"),
            address: .init(companyName: "Acme", address2: "  ", state: .name("Hawke's Bay"), country: .iso2Code("NZ")),
            requiredDate: CalendarDate("2026-03-14"),
            items: [.init(code: "SKU", quantity: 2)]
        )
        let text = String(decoding: try request.jsonBody(), as: UTF8.self)
        #expect(text.contains("\"address2\":null"))
        #expect(text.contains("\"requiredDate\":\"2026-03-14\""))
        #expect(text.contains("\"state\":{\"name\":\"Hawke's Bay\"}"))
        #expect(text.contains("\"quantity\":2"))
        #expect(
            CartonCloudDateFormat.format(Date(timeIntervalSince1970: 1_773_367_804), timeZone: TimeZone(secondsFromGMT: 36_000)!)
                == "2026-03-13T12:10:04+10:00"
        )
    }

    @Test func htmlAnswerIsNotTheAPI() async throws {
        struct HTMLTransport: HTTPTransport {
            func send(_ request: HTTPRequestSpec) async throws -> HTTPResponseSpec {
                HTTPResponseSpec(status: 200, headers: [("Content-Type", "text/html")], body: Array("<html>login</html>".utf8))
            }
        }
        let client = CartonCloudClient(
            configuration: CartonCloudConfiguration(tenantID: "t", clientID: "c", clientSecret: "s", retry: .none),
            transport: HTTPTransport_(HTMLTransport())
        )
        await #expect { try await client.userInfo() } throws: { error in
            if case .notTheAPI = error as? CartonCloudError { return true }
            return false
        }
    }
}

/// Type-erasing box so the local transport type is used as `any HTTPTransport`.
func HTTPTransport_(_ transport: some HTTPTransport) -> any HTTPTransport { transport }
