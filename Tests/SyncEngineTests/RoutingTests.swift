import BridgeSupport
import Foundation
import SyncEngine
import Testing

@Suite struct RoutingTests {
    let locations = LocationIndex([
        .init(id: "main", name: "Main Warehouse", parentID: nil),
        .init(id: "bin-a", name: "Main Warehouse: A-01", parentID: "main"),
        .init(id: "north", name: "Northside 3PL", parentID: nil),
    ])
    let sydney = IntegrationConfig.WarehouseRef(id: "w-syd", name: "Sydney DC")

    func sale(
        status: String = "ORDERED",
        location: String = "Main Warehouse",
        lines: [SaleInfo.Line] = [.init(sku: "TENT", name: "Tent", quantity: 2)]
    ) -> SaleInfo {
        SaleInfo(
            saleID: "S1",
            orderNumber: "SO-00001",
            status: status,
            customer: "Harbour",
            location: location,
            lines: lines,
            fulfilments: [.init(taskID: "T1", number: 1, pickStatus: "DRAFT", packStatus: "NOT AVAILABLE", shipStatus: "NOT AVAILABLE", lines: lines)]
        )
    }

    @Test func binsRouteByTheirTopLevelParent() throws {
        var options = IntegrationConfig.OrderCreation()
        options.locationMappings = [.init(locationID: "main", locationName: "Main Warehouse", warehouse: sydney)]
        let router = Router(options: options, locations: locations)
        let units = try router.route(sale(location: "Main Warehouse: A-01")).get()
        #expect(units.first?.warehouse == sydney)
        #expect(units.first?.location == "Main Warehouse")
        #expect(
            router.precheck(
                SaleSummary(
                    saleID: "S",
                    orderNumber: "SO",
                    status: "ORDERED",
                    orderStatus: "AUTHORISED",
                    customer: "",
                    locationID: "bin-a",
                    updated: nil
                )
            ) == nil
        )
    }

    @Test func unmappedWithoutDefaultIsSkippedWithWhatToDo() {
        let router = Router(options: .init(), locations: locations)
        guard case .failure(let skip) = router.route(sale(location: "Northside 3PL")) else {
            Issue.record("routed")
            return
        }
        #expect(skip.code == .unmappedLocation)
        #expect(skip.reason.contains("Northside 3PL"))
        #expect(skip.reason.contains("re-evaluate"))
    }

    @Test func defaultWarehouseTakesUnmappedLocations() throws {
        let router = Router(options: .init(defaultWarehouse: sydney), locations: locations)
        #expect(try router.route(sale(location: "Northside 3PL")).get().first?.warehouse == sydney)
    }

    @Test func statusFilterAndVoidsAndShippedAreSkipped() {
        let router = Router(options: .init(defaultWarehouse: sydney), locations: locations)
        guard case .failure(let draft) = router.route(sale(status: "DRAFT")) else {
            Issue.record("draft routed")
            return
        }
        #expect(draft.code == .status)
        guard case .failure(let voided) = router.route(sale(status: "VOIDED")) else {
            Issue.record("void routed")
            return
        }
        #expect(voided.code == .voided)
        var shipped = sale()
        shipped.combinedTrackingNumbers = "TRK1"
        guard case .failure(let already) = router.route(shipped) else {
            Issue.record("shipped routed")
            return
        }
        #expect(already.code == .alreadyShipped)
    }

    @Test func onlyStockLinesAreSent() throws {
        let router = Router(options: .init(defaultWarehouse: sydney), locations: locations, serviceSKUs: ["INSTALL"])
        let lines: [SaleInfo.Line] = [
            .init(sku: "TENT", name: "", quantity: 1), .init(sku: "INSTALL", name: "", quantity: 1),
            .init(sku: "LAMP", name: "", quantity: 1, dropShip: true),
        ]
        #expect(try router.route(sale(lines: lines)).get().first?.lines.map(\.sku) == ["TENT"])
        guard case .failure(let skip) = router.route(sale(lines: [lines[1]])) else {
            Issue.record("service-only routed")
            return
        }
        #expect(skip.code == .noStockLines)
    }

    @Test func referenceIsPrefixedAndPerFulfilment() throws {
        var options = IntegrationConfig.OrderCreation(defaultWarehouse: sydney, oneOrderPerFulfilment: true, referencePrefix: "HB-")
        var advanced = sale()
        advanced.isAdvanced = true
        advanced.fulfilments = [
            .init(taskID: "T1", number: 1, pickStatus: "DRAFT", packStatus: "", shipStatus: "", lines: [.init(sku: "TENT", name: "", quantity: 1)]),
            .init(taskID: "T2", number: 2, pickStatus: "DRAFT", packStatus: "", shipStatus: "", lines: [.init(sku: "BAG", name: "", quantity: 1)]),
        ]
        let units = try Router(options: options, locations: locations).route(advanced).get()
        #expect(units.map(\.reference) == ["HB-SO-00001-F1", "HB-SO-00001-F2"])
        #expect(units.map(\.taskIDs) == [["t1"], ["t2"]])
        options.oneOrderPerFulfilment = false
        let whole = try Router(options: options, locations: locations).route(advanced).get()
        #expect(whole.map(\.reference) == ["HB-SO-00001"])
        #expect(whole.first?.taskIDs == ["t1", "t2"])
    }
}

@Suite struct MappingTests {
    func sale() -> SaleInfo {
        SaleInfo(
            saleID: "S1",
            orderNumber: "SO-1",
            status: "ORDERED",
            customer: "Harbour Outdoor",
            customerReference: "PO-9",
            contact: "Sheree",
            phone: "03 1",
            email: "a@b.c",
            location: "Main",
            shippingAddress: .init(
                line1: "12 Dock Rd",
                line2: "",
                city: "Geelong",
                state: "VIC",
                postcode: "3220",
                country: "au",
                company: "Harbour Pty",
                contact: "Receiving"
            ),
            shippingNotes: "Dock 2",
            memo: "Fragile",
            shipBy: CalendarDate("2024-01-12T00:00:00"),
            lines: [.init(sku: "A", name: "", quantity: 1), .init(sku: "A", name: "", quantity: 2)],
            fulfilments: [.init(taskID: "T1", number: 1, pickStatus: "DRAFT", packStatus: "NOT AVAILABLE", shipStatus: "NOT AVAILABLE", lines: [])]
        )
    }

    func plan(_ sale: SaleInfo) -> Router.PlannedUnit {
        try! Router(options: .init(defaultWarehouse: .init(name: "Sydney")), locations: LocationIndex()).route(sale).get()[0]
    }

    @Test func addressAndDatesMapAsDocumented() {
        let request = OrderMapper.request(for: sale(), unit: plan(sale()), options: .init())
        #expect(request.address.companyName == "Harbour Pty")
        #expect(request.address.contactName == "Receiving")
        #expect(request.address.city == "Geelong" && request.address.suburb == "Geelong")
        #expect(request.address.stateCode == "VIC" && request.address.stateName == nil)
        #expect(request.address.countryCode == "AU")
        #expect(request.requiredDate == CalendarDate(year: 2024, month: 1, day: 12))
        #expect(request.customerReference == "PO-9")
        #expect(request.lines == [.init(sku: "A", name: "", quantity: 3)])
        #expect(request.instructions == "Dock 2")
    }

    @Test func optionsChangeTheMapping() {
        var named = sale()
        named.shippingAddress.state = "Victoria"
        let options = IntegrationConfig.OrderCreation(deliveryInstructions: .both, contactAsCompany: true)
        let request = OrderMapper.request(for: named, unit: plan(named), options: options)
        #expect(request.address.companyName == "Receiving")
        #expect(request.address.stateName == "Victoria" && request.address.stateCode == nil)
        #expect(request.instructions == "Dock 2\nFragile")
        #expect(OrderMapper.instructions(for: named, source: .memo) == "Fragile")
        #expect(OrderMapper.instructions(for: named, source: .none) == nil)
    }

    @Test func dateOnlyValuesAreNeverShifted() {
        #expect(CalendarDate("2024-12-31T00:00:00")?.isoDate == "2024-12-31")
        #expect(CalendarDate("2024-12-31")?.isoDate == "2024-12-31")
        #expect(CalendarDate("31/12/2024")?.isoDate == "2024-12-31")
        #expect(CalendarDate("garbage") == nil)
        let newYearsEveInMelbourne = Date(timeIntervalSince1970: 1_735_650_000)  // 2024-12-31T13:00:00Z
        #expect(CalendarDate(newYearsEveInMelbourne, in: TimeZone(identifier: "Australia/Melbourne")!).isoDate == "2025-01-01")
        #expect(CalendarDate(newYearsEveInMelbourne, in: TimeZone(identifier: "UTC")!).isoDate == "2024-12-31")
    }

    @Test func fingerprintNoticesLineAndAddressEdits() {
        let original = OrderMapper.fingerprint(sale())
        var edited = sale()
        edited.lines[0].quantity = 5
        #expect(OrderMapper.fingerprint(edited) != original)
        #expect(OrderMapper.describeChange(from: original, to: OrderMapper.fingerprint(edited)).contains("lines changed"))
        var moved = sale()
        moved.shippingAddress.line1 = "1 New St"
        #expect(OrderMapper.describeChange(from: original, to: OrderMapper.fingerprint(moved)).contains("address changed"))
    }
}
