import Foundation
import ShipStation
import Testing

/// The notes' example JSON decodes (shipstation-api.md L51-L58 shipment, L179-L181, L198, L73-L84 errors).
@Suite struct DecodingTests {
    @Test func shipmentRecordOfTheNotes() throws {
        let json = """
            {"shipmentId": 123456789, "orderId": 123456789, "orderKey": "123456789", "orderNumber": "123456789",
             "createDate": "2015-06-29T14:29:28.5830000", "shipDate": "2015-06-29",
             "shipmentCost": 2.35, "insuranceCost": 0.0, "trackingNumber": "9400111899562764298812",
             "isReturnLabel": false, "batchNumber": "100002", "carrierCode": "stamps_com",
             "serviceCode": "usps_first_class_mail", "packageCode": "package", "confirmation": "delivery",
             "warehouseId": 37675, "voided": false, "voidDate": null, "marketplaceNotified": true,
             "notifyErrorMessage": null, "shipTo": {}, "weight": {"value": 6.0, "units": "ounces", "WeightUnits": 1},
             "advancedOptions": {"storeId": 12345}, "shipmentItems": null, "labelData": null}
            """
        let shipment = try JSONDecoder().decode(Shipment.self, from: Data(json.utf8))
        #expect(shipment.shipmentId == 123_456_789)
        #expect(shipment.orderKey == "123456789")
        #expect(shipment.trackingNumber == "9400111899562764298812")
        #expect(shipment.carrierCode == "stamps_com")
        #expect(shipment.shipDate?.dayText == "2015-06-29")
        #expect(shipment.createDate == PacificDate("2015-06-29T14:29:28.5830000"))
        #expect(shipment.isLive)
        #expect(shipment.shipmentItems == nil)
    }

    @Test func orderOfTheNotesWithLenientFields() throws {
        let json = """
            {"orderId": "987", "orderNumber": "SO-00123", "orderKey": "cin7:3f2a:FUL1", "orderDate": "2025-03-10T14:05:00.0000000",
             "orderStatus": "awaiting_shipment", "customerEmail": "buyer@example.com", "billTo": {"name": "Jane Buyer"},
             "shipTo": {"name": "Jane Buyer", "company": null, "street1": "1 Main St", "city": "Austin", "state": "TX",
                        "postalCode": "78701", "country": "US", "phone": "5125550100", "residential": true},
             "items": [{"lineItemKey": "c9b1", "sku": "WIDGET-1", "name": "Widget", "quantity": 2, "unitPrice": 9.5}, 17],
             "advancedOptions": {"warehouseId": 456789, "storeId": 12345, "customField1": "cin7sale:3f2a"},
             "orderTotal": 19, "weight": {"value": 0, "units": "ounces", "WeightUnits": 1}}
            """
        let order = try JSONDecoder().decode(Order.self, from: Data(json.utf8))
        #expect(order.orderId == 987)
        #expect(order.status == .awaitingShipment && order.status.isOpen)
        #expect(order.items?.count == 1)
        #expect(order.items?.first?.quantity == 2)
        #expect(order.advancedOptions?.warehouseId == 456_789)
        #expect(order.shipTo?.residential == true)
    }

    @Test func unknownStatusIsKept() throws {
        let order = try JSONDecoder().decode(Order.self, from: Data(#"{"orderId":1,"orderStatus":"rejected_fulfillment"}"#.utf8))
        #expect(order.status == .rejectedFulfillment)
        #expect(!order.status.isOpen)
    }

    @Test func orderRequestEncodesTheDocumentedShape() throws {
        let request = OrderRequest(
            orderNumber: "SO-00123",
            orderKey: "cin7:3f2a:FUL1",
            orderDate: try #require(PacificDate("2025-03-10 14:05:00")),
            billTo: .init(name: "Jane Buyer"),
            shipTo: .init(name: "Jane Buyer", street1: "1 Main St", city: "Austin", state: "TX", postalCode: "78701", country: "US"),
            items: [.init(sku: "WIDGET-1", name: "Widget", quantity: 2, unitPrice: 9.5)],
            advancedOptions: .init(warehouseId: 456_789, storeId: 12_345)
        )
        let text = String(decoding: try JSONEncoder().encode(request), as: UTF8.self)
        #expect(text.contains(#""orderDate":"2025-03-10 14:05:00""#))
        #expect(text.contains(#""orderStatus":"awaiting_shipment""#))
        #expect(text.contains(#""warehouseId":456789"#))
    }
}
