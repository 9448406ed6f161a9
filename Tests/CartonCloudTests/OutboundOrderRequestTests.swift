import BridgeSupport
import Foundation
import Testing

@testable import CartonCloud

/// The create body on the wire, pinned byte for byte (captured from the JSONValue-tree encoder the `Encodable`
/// request replaced).
@Suite("The outbound order create body")
struct OutboundOrderRequestTests {
    static let full = OutboundOrderRequest(
        reference: "SO-00417",
        customerID: "c3b1a598-c085-11e8-85b4-02a6cf3a00de",
        warehouse: .name("Sydney DC"),
        address: .init(
            companyName: "Acme Retail Pty Ltd",
            contactName: "Jolene Smith",
            address1: "83 Hikanui Drive",
            address2: "  ",
            suburb: "Havelock North",
            city: "Hastings",
            state: .code("HKB"),
            postcode: "4130",
            country: .iso2Code("NZ"),
            phone: "+6421449765",
            email: "jolene@example.com"
        ),
        deliveryInstructions: "Leave at reception / back door",
        packingInstructions: "Fragile",
        requiredDate: CalendarDate(year: 2026, month: 3, day: 14),
        deliverBy: CalendarDate(year: 2026, month: 3, day: 16),
        urgent: true,
        deliveryMethod: .init(requestedService: "Express"),
        allowSplitting: false,
        items: [
            .init(code: "TEE-BLK-M", quantity: 2, unitOfMeasure: "UNITS", properties: ["sop_custom_field_1": "line-1", "blank": ""]),
            .init(code: "MUG-001", quantity: 2.5, unitOfMeasure: ""),
        ],
        extraReferences: ["alternateReference": "PO 77", "blank": " "],
        properties: ["myCustomField": "info", "empty": ""]
    )

    static let minimal = OutboundOrderRequest(
        reference: "SO-1",
        customerID: "c1",
        address: .init(state: .name("Victoria"), country: .iso3Code("AUS")),
        items: [.init(code: "TENT-2P", quantity: 1)]
    )

    static let byID = OutboundOrderRequest(
        reference: "SO-2",
        customerID: "c1",
        warehouse: .id("w1"),
        address: .init(country: .name("Australia")),
        deliveryMethod: .init(type: "PICKUP"),
        items: []
    )

    static func body(_ request: OutboundOrderRequest) throws -> String {
        String(decoding: try request.jsonBody(), as: UTF8.self)
    }

    @Test func fullOrder() throws {
        #expect(
            try Self.body(Self.full)
                == #"{"customer":{"id":"c3b1a598-c085-11e8-85b4-02a6cf3a00de"},"details":{"allowSplitting":false,"collect":{"requiredDate":"2026-03-14"},"deliver":{"address":{"address1":"83 Hikanui Drive","address2":null,"city":"Hastings","companyName":"Acme Retail Pty Ltd","contactName":"Jolene Smith","country":{"iso2Code":"NZ"},"email":"jolene@example.com","phone":"+6421449765","postcode":"4130","state":{"code":"HKB"},"suburb":"Havelock North"},"instructions":"Leave at reception / back door","method":{"requestedService":"Express","type":"SHIPPING"},"requiredDate":"2026-03-16"},"instructions":"Fragile","urgent":true},"items":[{"details":{"product":{"references":{"code":"TEE-BLK-M"}},"unitOfMeasure":{"type":"UNITS"}},"measures":{"quantity":2},"properties":{"blank":null,"sop_custom_field_1":"line-1"}},{"details":{"product":{"references":{"code":"MUG-001"}}},"measures":{"quantity":2.5}}],"properties":{"empty":null,"myCustomField":"info"},"references":{"alternateReference":"PO 77","blank":null,"customer":"SO-00417"},"type":"OUTBOUND","warehouse":{"name":"Sydney DC"}}"#
        )
    }

    @Test func minimalOrder() throws {
        #expect(
            try Self.body(Self.minimal)
                == #"{"customer":{"id":"c1"},"details":{"collect":{"requiredDate":null},"deliver":{"address":{"address1":null,"address2":null,"city":null,"companyName":null,"contactName":null,"country":{"iso3Code":"AUS"},"email":null,"phone":null,"postcode":null,"state":{"name":"Victoria"},"suburb":null},"instructions":null,"requiredDate":null},"instructions":null,"urgent":false},"items":[{"details":{"product":{"references":{"code":"TENT-2P"}}},"measures":{"quantity":1}}],"properties":{},"references":{"customer":"SO-1"},"type":"OUTBOUND","warehouse":null}"#
        )
    }

    @Test func warehouseByIDAndDeliveryMethod() throws {
        #expect(
            try Self.body(Self.byID)
                == #"{"customer":{"id":"c1"},"details":{"collect":{"requiredDate":null},"deliver":{"address":{"address1":null,"address2":null,"city":null,"companyName":null,"contactName":null,"country":{"name":"Australia"},"email":null,"phone":null,"postcode":null,"state":null,"suburb":null},"instructions":null,"method":{"requestedService":null,"type":"PICKUP"},"requiredDate":null},"instructions":null,"urgent":false},"items":[],"properties":{},"references":{"customer":"SO-2"},"type":"OUTBOUND","warehouse":{"id":"w1"}}"#
        )
    }
}
