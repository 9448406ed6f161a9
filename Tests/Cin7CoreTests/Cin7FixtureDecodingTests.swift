import BridgeSupport
import Foundation
import Testing

@testable import Cin7Core

/// Decoding of example bodies copied from Cin7's API Blueprint (`Fixtures/*.json`; product.json has one syntax error of
/// the blueprint fixed: a missing closing quote).
@Suite struct Cin7FixtureDecodingTests {
    func fixture(_ name: String) throws -> [UInt8] {
        let url = try #require(Bundle.module.url(forResource: name, withExtension: "json", subdirectory: "Fixtures"))
        return Array(try Data(contentsOf: url))
    }

    @Test func saleList() throws {
        let envelope = try Cin7Client.decode(ListEnvelope<SaleListItem>.self, from: fixture("salelist"), listKey: "SaleList")
        #expect(envelope.total == 2)
        #expect(envelope.items.count == 2)
        let first = try #require(envelope.items.first)
        #expect(first.SaleID == Cin7ID("6222CB47-0E1E-450D-AF6D-0CEFCEE9EEF7"))
        #expect(first.OrderNumber == "SO-00092")
        #expect(first.Status == .ordered)
        #expect(first.type == .advanced)
        #expect(first.ShipBy == nil)
        #expect(first.Updated?.date == Cin7DateParser.parseDateTime("2017-09-29T03:03:13.913Z"))
        let second = envelope.items[1]
        #expect(second.SaleID == Cin7ID("a6558396-8893-479b-bca9-f89ea3e54633"))
        #expect(second.OrderNumber == "SO-00091")
        #expect(second.Status == .backordered)
        #expect(second.OrderStatus == .authorised)
        #expect(second.FulFilmentStatus == .notFulfilled)
        #expect(second.CombinedPickingStatus == .notPicked)
        #expect(second.type == .simple)
        #expect(second.ShipBy == CalendarDate(year: 2017, month: 9, day: 29))
        #expect(second.OrderLocationID == Cin7ID("8b5d4343-c007-43d7-8e8f-6fa6c0d29f22"))
    }

    @Test func advancedSale() throws {
        let sale = try Cin7Client.decode(Sale.self, from: fixture("sale"), listKey: nil)
        #expect(sale.type == .advanced)
        #expect(sale.Order?.SaleOrderNumber == "SO-00001")
        #expect(sale.Order?.Lines?.first?.SKU == "Bread")
        #expect(sale.Order?.Lines?.first?.DropShip == false)
        #expect(sale.Order?.AdditionalCharges?.isEmpty == false)
        #expect(sale.ShipBy == CalendarDate(year: 2017, month: 11, day: 30))
        #expect(sale.LastModifiedOn?.date == Cin7DateParser.parseDateTime("2017-11-22T10:10:49.75Z"))
        let fulfilment = try #require(sale.Fulfilments?.first)
        #expect(fulfilment.TaskID != sale.ID)
        #expect(fulfilment.FulfillmentNumber == 1)
        #expect(fulfilment.Pick?.Status == .draft)
        #expect(fulfilment.Pack?.Lines?.first?.Box == "Box 1")
        #expect(fulfilment.Ship?.Lines?.first?.Boxes == "Box 1")
        #expect(fulfilment.Ship?.ShippingAddress?.Country != nil)
    }

    @Test func fulfilmentPickPackShip() throws {
        let fulfilments = try Cin7Client.decode(SaleFulfilments.self, from: fixture("fulfilment"), listKey: nil)
        #expect(fulfilments.SaleID == Cin7ID("916AB4C0-6CCB-4C93-873D-0603859050E4"))
        let ship = try #require(fulfilments.Fulfilments?.first?.Ship)
        #expect(ship.Lines?.first?.ShipmentDate == CalendarDate(year: 2017, month: 11, day: 22))
        #expect(ship.Lines?.first?.Carrier == "DEFAULT Carrier")
        #expect(ship.Lines?.first?.IsShipped == true)
        let pick = try Cin7Client.decode(FulfilmentPick.self, from: fixture("pick"), listKey: nil)
        #expect(pick.Status == .authorised)
        #expect(pick.Lines?.first?.NonInventory == false)
        let pack = try Cin7Client.decode(FulfilmentPack.self, from: fixture("pack"), listKey: nil)
        #expect(pack.Status == .notAvailable)
        let shipOnly = try Cin7Client.decode(FulfilmentShip.self, from: fixture("ship"), listKey: nil)
        #expect(shipOnly.Lines?.first?.ID == Cin7ID("67f67884-8115-4546-93c9-48230f24bd56"))
    }

    @Test func locationsWithBins() throws {
        let envelope = try Cin7Client.decode(ListEnvelope<Location>.self, from: fixture("location"), listKey: "LocationList")
        #expect(envelope.total == 4)
        let withBins = try #require(envelope.items.first { $0.Bins?.isEmpty == false })
        // Bin IDs come in upper case; they compare in lower case.
        #expect(withBins.Bins?.first?.ID == Cin7ID("5f8ee220-dfea-4e8d-8095-a074e44fa955"))
        #expect(envelope.items.first?.Bins == nil)
    }

    @Test func carrierMeAndProduct() throws {
        let carriers = try Cin7Client.decode(ListEnvelope<Carrier>.self, from: fixture("carrier"), listKey: "CarrierList")
        #expect(carriers.items.first?.Description == "DEFAULT Carrier")
        let me = try Cin7Client.decode(Cin7Me.self, from: fixture("me"), listKey: nil)
        #expect(me.Company == "PE Vitaliy L")
        #expect(me.TimeZone == "Europe/Moscow")
        let products = try Cin7Client.decode(ListEnvelope<Product>.self, from: fixture("product"), listKey: "Products")
        #expect(products.items.isEmpty == false)
        #expect(products.items.first?.SKU != nil)
        #expect(products.items.first?.type == .stock)
    }

    @Test func tolerantDecoding() throws {
        // Missing keys, nulls, wrong JSON types and unknown enum values never fail a decode.
        let json = #"""
            {"ID":"3F1C2B9E-8D41-4C7A-9A55-0C2D6E1F7A10","Status":"shipped-ish","Type":"advanced sale","Phone":12345,
             "Order":{"Lines":[{"SKU":"A","Quantity":"3","DropShip":"true"}],"AdditionalCharges":null},
             "Fulfilments":null,"ShippingAddress":{"Line1":null},"LastModifiedOn":17}
            """#
        let sale = try Cin7Client.decode(Sale.self, from: Array(json.utf8), listKey: nil)
        #expect(sale.ID == Cin7ID("3f1c2b9e-8d41-4c7a-9a55-0c2d6e1f7a10"))
        #expect(sale.Status?.rawValue == "SHIPPED-ISH")
        #expect(sale.type == .advanced)
        #expect(sale.Phone == "12345")
        #expect(sale.Order?.Lines?.first?.Quantity == 3)
        #expect(sale.Order?.Lines?.first?.DropShip == true)
        #expect(sale.Fulfilments == nil)
        #expect(sale.LastModifiedOn == nil)
    }

    @Test func requestsUseBoxOnWrites() throws {
        let request = ShipRequest(
            TaskID: "ABC",
            Lines: [
                ShipRequestLine(
                    ShipmentDate: CalendarDate(year: 2026, month: 5, day: 4),
                    Carrier: "DHL",
                    Box: "Box 1",
                    TrackingNumber: "T1",
                    TrackingURL: "https://t.example/T1"
                )
            ],
            AddTrackingNumbers: true
        )
        let text = String(decoding: try Cin7Client.bodyEncoder().encode(request), as: UTF8.self)
        #expect(text.contains(#""Box":"Box 1""#))
        #expect(!text.contains("Boxes"))
        #expect(text.contains(#""ShipmentDate":"2026-05-04T00:00:00""#))
        #expect(text.contains(#""TaskID":"abc""#))
        #expect(text.contains(#""AddTrackingNumbers":true"#))
        let autoPick = String(decoding: try JSONEncoder().encode(PickRequest.autoPick(taskID: "X")), as: UTF8.self)
        #expect(autoPick.contains(#""AutoPickMode":"AUTOPICK""#))
        #expect(!autoPick.contains("Lines"))
    }
}

@Suite struct Cin7ClassificationTests {
    func classify(_ status: Int, _ body: String) -> Result<[UInt8], Cin7Error> {
        Cin7Client.classify(status: status, body: Array(body.utf8), url: "https://example.test/ExternalApi/v2/")
    }

    func error(_ status: Int, _ body: String) -> Cin7Error? {
        if case .failure(let error) = classify(status, body) { return error }
        return nil
    }

    @Test func throttleShapes() {
        #expect(error(503, "") == .throttled)
        #expect(error(503, "You reached 60 calls per minute API limit") == .throttled)
        // The APIB lists 503 only as the rate limit (~L124): any 503 but an HTML error page is a throttle answer.
        #expect(error(503, "Service Unavailable") == .throttled)
        #expect(error(503, #"{"ErrorCode":503,"Exception":"Too many requests"}"#) == .throttled)
        #expect(error(429, #"{"ErrorCode":429,"Exception":"You reached 60 calls per minute API limit"}"#) == .throttled)
        #expect(error(400, #"[{"ErrorCode":400,"Exception":"You have reached 60 calls per 60 seconds API limit."}]"#) == .throttled)
    }

    @Test func otherErrors() {
        #expect(error(503, "<html><body>Service Unavailable</body></html>")?.isTransient == true)
        #expect(error(500, #"{"ErrorCode":500,"Exception":"boom"}"#) == .transient("Cin7 answered HTTP 500: boom"))
        #expect(error(403, "Incorrect credentials!") == .credentialsRejected)
        #expect(error(400, #"[{"ErrorCode":400,"Exception":"Pick Status is AUTHORISED"}]"#)?.isAlreadyAuthorised == true)
        #expect(error(400, #"{"ErrorCode":400,"Exception":"SKU is required."}"#) == .validation("SKU is required."))
        #expect(error(200, #"[{"ErrorCode":400,"Exception":"Bad things"}]"#) == .validation("Bad things"))
        #expect(error(200, "<!DOCTYPE html><html><title>Page not found</title></html>") == .notTheAPI(url: "https://example.test/ExternalApi/v2/"))
        #expect(error(200, "garbage") == .malformed("the answer is not valid JSON"))
        // JSON-looking answers to successful calls are checked by the decoder, which says the same.
        #expect(throws: Cin7Error.malformed("the answer is not valid JSON")) {
            try Cin7Client.decode(ListEnvelope<SaleListItem>.self, from: Array(#"{"Total":1,"Page":"#.utf8), listKey: "SaleList")
        }
        // Text inside a successful answer is data, not a message about the call.
        if case .success = classify(200, #"{"Total":1,"Page":1,"SaleList":[{"Note":"incorrect credentials, 60 calls per day"}]}"#) {
        } else {
            Issue.record("a note is not an error")
        }
        #expect(error(404, "") == .notFound("that resource"))
        if case .success = classify(200, #"{"Total":0,"Page":1,"SaleList":[]}"#) {} else { Issue.record("a list must pass") }
    }

    @Test func messagesAreActionableAndSecretFree() {
        #expect(Cin7Error.credentialsRejected.userMessage.contains("Integrations → API"))
        #expect(Cin7Error.notTheAPI(url: "https://x/").userMessage.contains("https://inventory.dearsystems.com/ExternalApi/v2/"))
        let key = Secret("0342a546-e0c2-0dff-f0be-6a5e17154033")
        let governorKey = Cin7Client.governorKey(for: Cin7Credentials(accountID: "ACC", applicationKey: key))
        #expect(!governorKey.contains(key.reveal()))
        #expect(governorKey.hasPrefix("cin7:acc:"))
        // The engine's shared budget and the client's own name the same budget; the key's case does not matter.
        let upper = Cin7Client.governorKey(for: Cin7Credentials(accountID: "acc", applicationKey: Secret(key.reveal().uppercased())))
        #expect(upper == governorKey)
        #expect(governorKey == RateGovernor.budgetKey(service: "cin7", account: "ACC", secret: key.reveal()))
    }
}
