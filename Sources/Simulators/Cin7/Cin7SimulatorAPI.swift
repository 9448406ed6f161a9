import Foundation

/// Case-insensitive access to a JSON request body (Cin7 is an ASP.NET service: its model binding ignores case).
struct SimBody {
    var object: [String: SimJSON]
    func value(_ key: String) -> SimJSON? {
        object.first { $0.key.caseInsensitiveCompare(key) == .orderedSame }.flatMap { $0.value.isNull ? nil : $0.value }
    }
    func string(_ key: String) -> String? {
        switch value(key) {
        case .string(let text)?: text
        case .number(let number)?: SimJSON.number(number).stringValue
        default: nil
        }
    }
    func bool(_ key: String) -> Bool? {
        switch value(key) {
        case .bool(let flag)?: flag
        case .string(let text)?: text.lowercased() == "true"
        case .number(let number)?: number != 0
        default: nil
        }
    }
    func double(_ key: String) -> Double? { value(key)?.doubleValue }
    func objects(_ key: String) -> [SimBody]? {
        guard case .array(let items)? = value(key) else { return nil }
        return items.compactMap { item in
            guard case .object(let object) = item else { return nil }
            return SimBody(object: object)
        }
    }
}

extension Cin7SimState {
    // MARK: - Paging

    func paging(_ query: [String: String]) throws -> (page: Int, limit: Int) {
        let page =
            try query["page"].map { text -> Int in
                guard let value = Int(text), value >= 1 else { throw SimError.bad("Page must be 1 or greater.") }
                return value
            } ?? 1
        let limit =
            try query["limit"].map { text -> Int in
                guard let value = Int(text), (1...1000).contains(value) else {
                    throw SimError.bad("The minimum page size is 1 and the maximum page size is 1000 records.")
                }
                return value
            } ?? 100
        return (page, limit)
    }

    func envelope(_ key: String, _ rows: [JSONObject], _ query: [String: String]) throws -> JSONObject {
        let (page, limit) = try paging(query)
        let start = min(rows.count, (page - 1) * limit)
        let end = min(rows.count, start + limit)
        return ["Total": rows.count, "Page": page, key: Array(rows[start..<end])]
    }

    // MARK: - Me and reference data

    func me() -> JSONObject {
        [
            "Company": config.companyName, "Currency": "AUD", "TimeZone": config.timeZone, "DefaultWeightUnits": "kg",
            "DefaultDimensionsUnits": "cm", "LockDate": SimJSON.null, "OpeningBalanceDate": "2024-06-30T00:00:00",
            "TaxCalculationMethod": "Total", "DiscountRule": "Discount", "AutomaticallyApplyDiscounts": false,
        ]
    }

    func carrierList(_ query: [String: String]) throws -> JSONObject {
        var rows = carriers
        if let id = query["carrierid"] { rows = rows.filter { $0.id == id.lowercased() } }
        if let prefix = query["description"]?.lowercased(), !prefix.isEmpty { rows = rows.filter { $0.description.lowercased().hasPrefix(prefix) } }
        return try envelope("CarrierList", rows.map { ["CarrierID": $0.id, "Description": $0.description] }, query)
    }

    mutating func createCarrier(_ body: SimBody) throws -> JSONObject {
        guard let description = body.string("Description")?.trimmingCharacters(in: .whitespaces), !description.isEmpty else {
            throw SimError.bad("Description is required.")
        }
        guard !carriers.contains(where: { $0.description.caseInsensitiveCompare(description) == .orderedSame }) else {
            throw SimError.bad("Carrier with Description '\(description)' already exists.")
        }
        let carrier = ensureCarrier(description)
        return ["Total": 1, "Page": 1, "CarrierList": [["CarrierID": carrier.id, "Description": carrier.description]]]
    }

    mutating func updateCarrier(_ body: SimBody) throws -> JSONObject {
        let id = (body.string("CarrierID") ?? "").lowercased()
        guard let index = carriers.firstIndex(where: { $0.id == id }) else { throw SimError.notFound("Carrier not found") }
        if let description = body.string("Description"), !description.isEmpty { carriers[index].description = description }
        return ["Total": 1, "Page": 1, "CarrierList": [["CarrierID": carriers[index].id, "Description": carriers[index].description]]]
    }

    mutating func deleteCarrier(_ query: [String: String]) throws -> JSONObject {
        let id = (query["id"] ?? "").lowercased()
        guard carriers.contains(where: { $0.id == id }) else { throw SimError.notFound("Carrier not found") }
        carriers.removeAll { $0.id == id }
        return ["Success": true]
    }

    func locationList(_ query: [String: String]) throws -> JSONObject {
        var rows = locations
        if let id = query["id"] { rows = rows.filter { $0.id == id.lowercased() } }
        if let prefix = query["name"]?.lowercased(), !prefix.isEmpty { rows = rows.filter { $0.name.lowercased().hasPrefix(prefix) } }
        if query["deprecated"]?.lowercased() == "true" { rows = [] }
        let json: [JSONObject] = rows.map { location in
            let bins = locations.filter { $0.parentID == location.id }
            let parent = location.parentID.flatMap { id in locations.first { $0.id == id } }
            return [
                "ID": location.parentID == nil ? location.id : location.id.uppercased(),
                "Name": location.name, "IsDefault": location.id == locations.first?.id, "IsDeprecated": false,
                "Bins": bins.isEmpty
                    ? SimJSON.null
                    : bins.map { ["ID": $0.id.uppercased(), "Name": $0.name, "IsDeprecated": false, "IsStaging": false] as JSONObject }.simJSON,
                "FixedAssetsLocation": false, "ParentID": parent?.id,
                "ParentName": parent?.name, "ReferenceCount": 0,
                "AddressLine1": "", "AddressLine2": "", "AddressCitySuburb": "", "AddressStateProvince": "",
                "AddressZipPostCode": "", "AddressCountry": "", "PickZones": SimJSON.null, "IsShopfloor": false, "IsCoMan": false,
                "IsStaging": false,
            ]
        }
        return try envelope("LocationList", json, query)
    }

    func productList(_ query: [String: String]) throws -> JSONObject {
        // Only active products unless IncludeDeprecated=true (cin7-core-api-v2.apib ~L5033).
        var rows = query["includedeprecated"]?.lowercased() == "true" ? products : products.filter { !$0.deprecated }
        if let id = query["id"] { rows = rows.filter { $0.id == id.lowercased() } }
        if let sku = query["sku"]?.lowercased(), !sku.isEmpty { rows = rows.filter { $0.sku.lowercased().contains(sku) } }
        if let name = query["name"]?.lowercased(), !name.isEmpty { rows = rows.filter { $0.name.lowercased().contains(name) } }
        let json: [JSONObject] = rows.map {
            [
                "ID": $0.id, "SKU": $0.sku, "Name": $0.name, "Category": "General", "Brand": "", "Type": $0.type,
                "CostingMethod": "FIFO", "DropShipMode": "No Drop Ship", "DefaultLocation": locations.first?.name ?? "",
                "Length": 0, "Width": 0, "Height": 0, "Weight": 1.2, "UOM": "Item", "WeightUnits": "kg", "DimensionsUnits": "cm",
                "Barcode": "", "Status": $0.deprecated ? "Deprecated" : "Active", "LastModifiedOn": SimDates.timestamp($0.updated), "Sellable": true,
            ]
        }
        return try envelope("Products", json, query)
    }

    func customerList(_ query: [String: String]) throws -> JSONObject {
        var rows = customers
        if let id = query["id"] { rows = rows.filter { $0.id == id.lowercased() } }
        if let name = query["name"]?.lowercased(), !name.isEmpty { rows = rows.filter { $0.name.lowercased().hasPrefix(name) } }
        let json: [JSONObject] = rows.map {
            [
                "ID": $0.id, "Name": $0.name, "Currency": "AUD", "PaymentTerm": "30 days", "Status": "Active",
                "Location": locations.first?.name ?? "", "LastModifiedOn": SimDates.timestamp($0.updated), "Addresses": [SimJSON](),
                "Contacts": [SimJSON](),
            ]
        }
        return try envelope("CustomerList", json, query)
    }

    // MARK: - Webhooks

    func webhookJSON(_ webhook: SimWebhook) -> JSONObject {
        var json = webhook.body
        json["ID"] = webhook.id
        json["Name"] = webhook.type
        return json
    }

    mutating func writeWebhook(_ body: SimBody, update: Bool) throws -> JSONObject {
        guard let type = body.string("Type"), !type.isEmpty else { throw SimError.bad("Type is required.") }
        guard let url = body.string("ExternalURL"), !url.isEmpty else { throw SimError.bad("ExternalURL is required.") }
        let auth = body.string("ExternalAuthorizationType") ?? "noauth"
        guard ["noauth", "basicauth", "bearerauth"].contains(auth.lowercased()) else {
            throw SimError.bad("ExternalAuthorizationType must be noauth, basicauth or bearerauth.")
        }
        var stored: JSONObject = [:]
        for key in [
            "Type", "IsActive", "ExternalURL", "ExternalAuthorizationType", "ExternalUserName", "ExternalPassword",
            "ExternalBearerToken", "ExternalHeaders",
        ] {
            stored[key] = body.value(key) ?? SimJSON.null
        }
        stored["IsActive"] = body.bool("IsActive") ?? true
        if update {
            let id = (body.string("ID") ?? "").lowercased()
            guard let index = webhooks.firstIndex(where: { $0.id == id }) else { throw SimError.notFound("Webhook not found") }
            webhooks[index].body = stored
            return ["Webhooks": [webhookJSON(webhooks[index])]]
        }
        guard webhooks.filter({ $0.type.caseInsensitiveCompare(type) == .orderedSame }).count < 5 else {
            throw SimError.bad("You can't have more than 5 webhooks of the same type.")
        }
        let webhook = SimWebhook(id: newID(), body: stored)
        webhooks.append(webhook)
        return ["Webhooks": [webhookJSON(webhook)]]
    }

    mutating func deleteWebhook(_ query: [String: String]) throws -> JSONObject {
        let id = (query["id"] ?? "").lowercased()
        guard webhooks.contains(where: { $0.id == id }) else { throw SimError.notFound("Webhook not found") }
        webhooks.removeAll { $0.id == id }
        return ["Webhooks": [SimJSON]()]
    }

    // MARK: - Sales

    func saleFor(_ id: String?) throws -> SimSale {
        guard let id, !id.isEmpty else { throw SimError.bad("ID is required.") }
        guard let sale = sales[id.lowercased()] else { throw SimError.notFound("Sale with ID = \(id) not found.") }
        return sale
    }

    func task(_ id: String?) throws -> (SimSale, Int) {
        guard let id, !id.isEmpty else { throw SimError.bad("TaskID is required.") }
        guard let saleID = taskIndex[id.lowercased()], let sale = sales[saleID],
            let index = sale.fulfilments.firstIndex(where: { $0.taskID == id.lowercased() })
        else { throw SimError.notFound("Sale task with TaskID = \(id) not found.") }
        return (sale, index)
    }

    func saleList(_ query: [String: String]) throws -> JSONObject {
        func date(_ key: String) throws -> Date? {
            guard let text = query[key], !text.isEmpty else { return nil }
            guard let value = SimDates.parse(text) else { throw SimError.bad("\(key) is not a valid date.") }
            return value
        }
        let updatedSince = try date("updatedsince")
        let updatedUntil = try date("updateduntil")
        let createdSince = try date("createdsince")
        let shipBy = query["shipby"].flatMap { $0.isEmpty ? nil : String($0.prefix(10)) }
        func same(_ key: String, _ value: String) -> Bool {
            guard let wanted = query[key], !wanted.isEmpty else { return true }
            return wanted.caseInsensitiveCompare(value) == .orderedSame
        }
        let search = query["search"]?.lowercased() ?? ""
        let rows = saleOrder.compactMap { sales[$0] }.filter { sale in
            if let updatedSince, sale.updated <= updatedSince { return false }
            if let updatedUntil, sale.updated > updatedUntil { return false }
            if let createdSince, sale.created <= createdSince { return false }
            if let shipBy, !(sale.shipBy.map { $0 <= shipBy } ?? false) || sale.combinedShipping == "SHIPPED" { return false }
            if query["readyforshipping"]?.lowercased() == "true",
                !(sale.combinedPacking == "PACKED" && sale.combinedShipping != "SHIPPED")
            {
                return false
            }
            if !search.isEmpty,
                ![sale.orderNumber, sale.status, sale.customer.name, sale.customerReference]
                    .contains(where: { $0.lowercased().contains(search) })
            {
                return false
            }
            if let external = query["externalid"], !external.isEmpty, sale.externalID != external { return false }
            if let location = query["orderlocationid"], !location.isEmpty, sale.locationID != location.lowercased() { return false }
            return same("orderstatus", sale.voided ? "VOIDED" : sale.orderStatus) && same("status", sale.status)
                && same("quotestatus", "NOT AVAILABLE") && same("combinedpickstatus", sale.combinedPicking)
                && same("combinedpackstatus", sale.combinedPacking) && same("combinedshippingstatus", sale.combinedShipping)
                && same("combinedinvoicestatus", "NOT INVOICED") && same("creditnotestatus", "NOT AVAILABLE")
        }
        return try envelope("SaleList", rows.map(saleListItem), query)
    }

    func saleListItem(_ sale: SimSale) -> JSONObject {
        [
            "SaleID": sale.id, "OrderNumber": sale.orderNumber, "Status": sale.status,
            "OrderDate": SimDates.dateOnly(sale.saleOrderDate), "InvoiceDate": SimJSON.null, "Customer": sale.customer.name,
            "CustomerID": sale.customer.id, "InvoiceNumber": "", "CustomerReference": sale.customerReference,
            "InvoiceAmount": 0, "PaidAmount": 0, "InvoiceDueDate": SimJSON.null,
            "ShipBy": sale.shipBy.map { SimDates.dateOnly($0) }, "BaseCurrency": "AUD", "CustomerCurrency": "AUD",
            "CreditNoteNumber": SimJSON.null, "Updated": SimDates.timestamp(sale.updated), "QuoteStatus": "NOT AVAILABLE",
            "OrderStatus": sale.voided ? "VOIDED" : sale.orderStatus, "CombinedPickingStatus": sale.combinedPicking,
            "CombinedPackingStatus": sale.combinedPacking, "CombinedShippingStatus": sale.combinedShipping,
            "FulFilmentStatus": sale.fulfilmentStatus, "CombinedInvoiceStatus": sale.voided ? "VOIDED" : "NOT INVOICED",
            "CreditNoteStatus": "NOT AVAILABLE", "CombinedPaymentStatus": sale.voided ? "VOIDED" : "UNPAID", "Type": sale.type,
            "CombinedTrackingNumbers": sale.combinedTrackingNumbers, "SourceChannel": SimJSON.null,
            "ExternalID": sale.externalID, "OrderLocationID": sale.locationID,
        ]
    }

    func addressJSON(_ address: SimAddress, countryFormat: String?, withID: Bool) -> JSONObject {
        let country = countryFormat?.lowercased() == "code2" ? SimCountries.code2(address.country) : SimCountries.name(address.country)
        var json: JSONObject = [
            "DisplayAddressLine1": [address.line1, address.line2].filter { !$0.isEmpty }.joined(separator: " "),
            "DisplayAddressLine2": [address.city, address.state, address.postcode, SimCountries.name(address.country)].filter { !$0.isEmpty }.joined(
                separator: " "
            ),
            "Line1": address.line1, "Line2": address.line2, "City": address.city, "State": address.state,
            "Postcode": address.postcode, "Country": country, "Company": address.company, "Contact": address.contact,
            "ShipToOther": false,
        ]
        if withID { json["ID"] = SimJSON.null }
        return json
    }

    func saleJSON(_ sale: SimSale, countryFormat: String?) throws -> JSONObject {
        let orderLines: [JSONObject] = sale.lines.map { line in
            let product = self.product(sku: line.sku)
            return [
                "ProductID": product?.id, "SKU": product?.sku ?? line.sku, "Name": product?.name ?? line.sku,
                "Quantity": line.quantity, "Price": 10, "Discount": 0, "Tax": 0, "AverageCost": 5, "TaxRule": "GST on Income",
                "Comment": "", "DropShip": line.dropShip, "Backorder": sale.backordered,
                "BackorderQuantity": sale.backordered ? line.quantity : 0, "Total": 10 * line.quantity,
            ]
        }
        let charges: [JSONObject] = sale.additionalCharges.map {
            ["Description": $0, "Price": 15, "Quantity": 1, "Discount": 0, "Tax": 1.5, "Total": 15, "TaxRule": "GST on Income", "Comment": ""]
        }
        let total = sale.lines.reduce(0) { $0 + 10 * $1.quantity } + 15 * Double(sale.additionalCharges.count)
        return [
            "ID": sale.id, "Customer": sale.customer.name, "CustomerID": sale.customer.id, "Contact": sale.address.contact,
            "Phone": sale.phone, "Email": sale.email, "DefaultAccount": "200", "SkipQuote": true,
            "BillingAddress": addressJSON(sale.address, countryFormat: countryFormat, withID: false),
            "ShippingAddress": addressJSON(sale.address, countryFormat: countryFormat, withID: true),
            "ShippingNotes": sale.shippingNotes, "BaseCurrency": "AUD", "CustomerCurrency": "AUD", "TaxRule": "GST on Income",
            "TaxCalculation": "Exclusive", "Terms": "30 days", "PriceTier": "Tier 1",
            "ShipBy": sale.shipBy.map { SimDates.dateOnly($0) }, "Location": sale.locationName,
            "SaleOrderDate": SimDates.dateOnly(sale.saleOrderDate), "LastModifiedOn": SimDates.timestamp(sale.updated),
            "Note": "", "CustomerReference": sale.customerReference, "COGSAmount": 0, "Status": sale.status,
            "CombinedPickingStatus": sale.combinedPicking, "CombinedPackingStatus": sale.combinedPacking,
            "CombinedShippingStatus": sale.combinedShipping, "FulFilmentStatus": sale.fulfilmentStatus,
            "CombinedInvoiceStatus": sale.voided ? "VOIDED" : "NOT INVOICED", "CombinedPaymentStatus": sale.voided ? "VOIDED" : "UNPAID",
            "CombinedTrackingNumbers": sale.combinedTrackingNumbers, "Carrier": "", "CurrencyRate": 1, "SalesRepresentative": "",
            "ServiceOnly": false, "Type": sale.type, "SourceChannel": SimJSON.null,
            "ExternalID": sale.externalID,
            "Quote": [
                "Memo": "", "Status": "NOT AVAILABLE", "Prepayments": [SimJSON](), "Lines": [SimJSON](), "AdditionalCharges": [SimJSON](),
                "TotalBeforeTax": 0, "Tax": 0, "Total": 0,
            ] as JSONObject,
            "Order": [
                "SaleOrderNumber": sale.orderNumber, "Memo": sale.memo, "Status": sale.voided ? "VOIDED" : sale.orderStatus,
                "Lines": orderLines, "AdditionalCharges": charges, "TotalBeforeTax": total, "Tax": 0, "Total": total,
            ] as JSONObject,
            "Fulfilments": sale.fulfilments.map { fulfilmentJSON($0, sale: sale, countryFormat: countryFormat) },
            "Invoices": [SimJSON](), "CreditNotes": [SimJSON](), "ManualJournals": ["Status": "NOT AVAILABLE", "Lines": [SimJSON]()] as JSONObject,
            "AdditionalAttributes": SimJSON.null, "Attachments": [SimJSON](), "InventoryMovements": [SimJSON](), "Transactions": [SimJSON](),
        ]
    }

    func taskLineJSON(_ line: SimTaskLine, pack: Bool) -> JSONObject {
        var json: JSONObject = [
            "ProductID": line.productID, "SKU": line.sku, "Name": line.name, "Location": line.location,
            "LocationID": line.locationID, "Quantity": line.quantity, "BatchSN": line.batchSN,
            "ExpiryDate": SimJSON.null, "NonInventory": false,
        ]
        if pack {
            json["Box"] = line.box ?? ""
            json["WarrantyRegistrationNumber"] = SimJSON.null
        }
        return json
    }

    /// A draft pick lists the lines the fulfilment will pick (as the .apib's sale example shows), so an advanced
    /// sale's split is visible before anything is picked; a fulfilment added through `POST sale/fulfilment` has an
    /// empty draft pick until someone fills it in (cin7-core-api-v2.apib ~L23230).
    func pickJSON(_ f: SimFulfilment, sale: SimSale) -> JSONObject {
        let showPlan = f.pickLines.isEmpty && !f.voided && f.pickStatus == "DRAFT" && !f.emptyDraftPick
        let lines = showPlan ? taskLines(for: f.planned, sale: sale) : f.pickLines
        return ["TaskID": f.taskID, "Status": f.voided ? "VOIDED" : f.pickStatus, "Lines": lines.map { taskLineJSON($0, pack: false) }]
    }

    func packJSON(_ f: SimFulfilment, sale: SimSale) -> JSONObject {
        ["TaskID": f.taskID, "Status": f.voided ? "VOIDED" : f.packStatus, "Lines": f.packLines.map { taskLineJSON($0, pack: true) }]
    }

    func shipJSON(_ f: SimFulfilment, sale: SimSale, countryFormat: String?) -> JSONObject {
        [
            "TaskID": f.taskID, "Status": f.voided ? "VOIDED" : f.shipStatus,
            "RequireBy": (f.requireBy ?? sale.shipBy).map { SimDates.dateOnly($0) },
            "ShippingAddress": addressJSON(sale.address, countryFormat: countryFormat, withID: false),
            "ShippingNotes": sale.shippingNotes,
            "Lines": f.shipLines.map {
                [
                    "ID": $0.id, "ShipmentDate": SimDates.dateOnly($0.shipmentDate), "Carrier": $0.carrier, "Boxes": $0.box,
                    "TrackingNumber": $0.trackingNumber, "TrackingURL": $0.trackingURL, "IsShipped": $0.isShipped,
                ] as JSONObject
            },
        ]
    }

    func fulfilmentJSON(_ f: SimFulfilment, sale: SimSale, countryFormat: String?) -> JSONObject {
        [
            "TaskID": f.taskID, "FulfillmentNumber": f.number, "LinkedInvoiceNumber": SimJSON.null, "FulFilmentStatus": f.fulfilmentStatus,
            "Pick": pickJSON(f, sale: sale), "Pack": packJSON(f, sale: sale), "Ship": shipJSON(f, sale: sale, countryFormat: countryFormat),
        ]
    }

    func fulfilmentsJSON(_ sale: SimSale) -> JSONObject {
        ["SaleID": sale.id, "Fulfilments": sale.fulfilments.map { fulfilmentJSON($0, sale: sale, countryFormat: nil) }]
    }

    mutating func deleteSale(_ query: [String: String]) throws -> JSONObject {
        let sale = try saleFor(query["id"])
        guard query["void"]?.lowercased() == "true" else { throw SimError.bad("Undo is not supported by this simulator.") }
        guard !sale.voided else { throw SimError.bad("Sale is already VOIDED.") }
        guard sale.combinedShipping != "SHIPPED" else { throw SimError.bad("Sale with authorised shipment cannot be voided.") }
        void(sale.id)
        return try saleJSON(sales[sale.id]!, countryFormat: nil)
    }

    // MARK: - Fulfilment writes

    mutating func addFulfilment(_ body: SimBody) throws -> JSONObject {
        let sale = try saleFor(body.string("SaleID"))
        _ = try newFulfilment(sale.id)
        return fulfilmentsJSON(sales[sale.id]!)
    }

    /// `DELETE sale/fulfilment?TaskID=&Void=true` (cin7-core-api-v2.apib ~L23271). Undo is not simulated.
    mutating func deleteFulfilment(_ query: [String: String]) throws -> JSONObject {
        let (sale, index) = try task(query["taskid"])
        guard query["void"]?.lowercased() == "true" else { throw SimError.bad("Undo is not supported by this simulator.") }
        return fulfilmentsJSON(try voidFulfilment(sale.fulfilments[index].taskID))
    }

    func parseTaskLines(_ body: SimBody, sale: SimSale, pack: Bool) throws -> [SimTaskLine] {
        try (body.objects("Lines") ?? []).map { line in
            guard let sku = line.string("SKU"), !sku.isEmpty else { throw SimError.bad("SKU is required.") }
            guard let product = product(sku: sku) else { throw SimError.bad("Product with SKU '\(sku)' not found.") }
            guard let quantity = line.double("Quantity"), quantity > 0 else { throw SimError.bad("Quantity must be greater than 0.") }
            let location: SimLocation?
            if let id = line.string("LocationID"), !id.isEmpty {
                location = locations.first { $0.id == id.lowercased() }
                guard location != nil else { throw SimError.bad("Location with ID '\(id)' not found.") }
            } else if let name = line.string("Location"), !name.isEmpty {
                location = self.location(named: name)
                guard location != nil else { throw SimError.bad("Location '\(name)' not found.") }
            } else {
                throw SimError.bad("Location or LocationID is required.")
            }
            return SimTaskLine(
                productID: product.id,
                sku: product.sku,
                name: product.name,
                location: location!.name,
                locationID: location!.id,
                quantity: quantity,
                box: pack ? (line.string("Box") ?? "") : nil,
                batchSN: line.string("BatchSN")
            )
        }
    }

    func requestedStatus(_ body: SimBody, allowed: Set<String>) throws -> String {
        let status = (body.string("Status") ?? "DRAFT").uppercased()
        guard allowed.contains(status) else {
            throw SimError.bad("Status '\(status)' is not allowed. Use \(allowed.sorted().joined(separator: ", ")).")
        }
        return status
    }

    mutating func writePick(_ body: SimBody, replace: Bool) throws -> JSONObject {
        var (sale, index) = try task(body.string("TaskID"))
        guard !sale.voided, sale.orderStatus == "AUTHORISED" else {
            throw SimError.bad("Pick cannot be created. Order status is \(sale.voided ? "VOIDED" : sale.orderStatus), not AUTHORISED.")
        }
        var f = sale.fulfilments[index]
        // cin7-core-api-v2.apib ~L23442: "POST method will return exception if Pick status is not - DRAFT or NOT AVAILABLE".
        guard f.pickStatus == "DRAFT" || f.pickStatus == "NOT AVAILABLE" else {
            throw SimError.bad("Pick status is not DRAFT or NOT AVAILABLE. Pick Status is \(f.pickStatus).")
        }
        if body.string("AutoPickMode")?.uppercased() == "AUTOPICK" {
            f.pickLines = taskLines(for: f.planned, sale: sale)
            f.pickStatus = "AUTHORISED"
            f.emptyDraftPick = false
        } else {
            let status = try requestedStatus(body, allowed: ["DRAFT", "AUTHORISED"])
            let lines = try parseTaskLines(body, sale: sale, pack: false)
            f.pickLines = replace ? lines : f.pickLines + lines
            if status == "AUTHORISED" && f.pickLines.isEmpty { throw SimError.bad("Pick has no lines to authorise.") }
            f.emptyDraftPick = false
            f.pickStatus = status
        }
        if f.pickStatus == "AUTHORISED" { f.packStatus = "DRAFT" }
        sale.fulfilments[index] = f
        sales[sale.id] = sale
        touch(sale.id)
        return pickJSON(f, sale: sale)
    }

    mutating func writePack(_ body: SimBody, replace: Bool) throws -> JSONObject {
        var (sale, index) = try task(body.string("TaskID"))
        var f = sale.fulfilments[index]
        guard f.pickStatus == "AUTHORISED" else { throw SimError.bad("Pack cannot be created. Pick status is \(f.pickStatus).") }
        guard f.packStatus == "DRAFT" || f.packStatus == "NOT AVAILABLE" else {
            throw SimError.bad("Pack cannot be changed. Pack Status is \(f.packStatus).")
        }
        let status = try requestedStatus(body, allowed: ["DRAFT", "AUTHORISED"])
        let lines = try parseTaskLines(body, sale: sale, pack: true)
        f.packLines = replace ? lines : f.packLines + lines
        if status == "AUTHORISED" && f.packLines.isEmpty { throw SimError.bad("Pack has no lines to authorise.") }
        f.packStatus = status
        if status == "AUTHORISED" { f.shipStatus = "DRAFT" }
        sale.fulfilments[index] = f
        sales[sale.id] = sale
        touch(sale.id)
        return packJSON(f, sale: sale)
    }

    mutating func writeShip(_ body: SimBody, method: String) throws -> JSONObject {
        var (sale, index) = try task(body.string("TaskID"))
        var f = sale.fulfilments[index]
        guard f.packStatus == "AUTHORISED" else { throw SimError.bad("Shipment cannot be created. Pack status is \(f.packStatus).") }
        let addTracking = method == "PUT" && body.bool("AddTrackingNumbers") == true
        let incoming = body.objects("Lines") ?? []
        func carrierName(_ line: SimBody) throws -> String {
            let name = line.string("Carrier") ?? ""
            if config.rejectUnknownCarrierOnShip, !name.isEmpty,
                !carriers.contains(where: { $0.description.caseInsensitiveCompare(name) == .orderedSame })
            {
                throw SimError.bad("Carrier '\(name)' not found.")
            }
            return name
        }
        // `TrackingURL` is read-only (cin7-core-api-v2.apib ~L29865): accepted in a body, as the examples send it, not kept.
        func trackingURL(_ line: SimBody) -> String? { config.storeTrackingURLFromWrites ? line.string("TrackingURL") : nil }
        // `Boxes` is required; POST/PUT name it `Box` (~L29863).
        func boxName(_ line: SimBody) throws -> String {
            guard let box = line.string("Box")?.trimmingCharacters(in: .whitespaces), !box.isEmpty else { throw SimError.bad("Box is required.") }
            return box
        }
        if f.shipStatus == "AUTHORISED" || f.shipStatus == "PARTIALLY AUTHORISED" {
            guard addTracking else { throw SimError.bad("Shipment cannot be changed. Shipment Status is \(f.shipStatus).") }
            for line in incoming {
                let box = try boxName(line)
                guard let target = f.shipLines.firstIndex(where: { $0.box.caseInsensitiveCompare(box) == .orderedSame }) else {
                    throw SimError.bad("Box '\(box)' is not part of this shipment.")
                }
                if line.value("Carrier") != nil { f.shipLines[target].carrier = try carrierName(line) }
                if let tracking = line.string("TrackingNumber") { f.shipLines[target].trackingNumber = tracking }
                if let url = trackingURL(line) { f.shipLines[target].trackingURL = url }
            }
        } else {
            let status = try requestedStatus(body, allowed: ["DRAFT", "PARTIALLY AUTHORISED", "AUTHORISED"])
            let packedBoxes = f.packLines.compactMap { $0.box?.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            func packed(_ box: String) -> Bool { packedBoxes.contains { $0.caseInsensitiveCompare(box) == .orderedSame } }
            var lines: [SimShipLine] = []
            for line in incoming {
                guard let date = line.string("ShipmentDate"), SimDates.parse(date) != nil else {
                    throw SimError.bad("ShipmentDate is required.")
                }
                let box = try boxName(line)
                // Boxes are the pack's boxes: a shipment ships boxes from the Packing stage (~L23703, ~L23705).
                guard packedBoxes.isEmpty || packed(box) else {
                    throw SimError.bad("Box '\(box)' is not in the pack. Packed boxes: \(packedBoxes.joined(separator: ", ")).")
                }
                lines.append(
                    SimShipLine(
                        id: newID(),
                        shipmentDate: String(date.prefix(10)),
                        carrier: try carrierName(line),
                        box: box,
                        trackingNumber: line.string("TrackingNumber") ?? "",
                        trackingURL: trackingURL(line) ?? "",
                        isShipped: line.bool("IsShipped") ?? false
                    )
                )
            }
            let shipLines = method == "PUT" ? lines : f.shipLines + lines
            if status != "DRAFT" && shipLines.isEmpty { throw SimError.bad("Shipment has no lines to authorise.") }
            let listed = Set(shipLines.map { $0.box.lowercased() })
            let missing = packedBoxes.filter { !listed.contains($0.lowercased()) }
            // A PUT "should contain all boxes from Packing stage listed in Lines" (~L23703); an authorised shipment ships
            // them all (~L23705).
            if !missing.isEmpty, method == "PUT" || status == "AUTHORISED" {
                throw SimError.bad("The payload should contain all boxes from Packing stage. Missing: \(missing.joined(separator: ", ")).")
            }
            f.shipLines = shipLines
            let shippedBoxes = Set(f.shipLines.filter(\.isShipped).map { $0.box.lowercased() })
            // Status becomes AUTHORISED once every packed box is shipped (~L23705).
            if status == "AUTHORISED" || (!packedBoxes.isEmpty && Set(packedBoxes.map { $0.lowercased() }).isSubset(of: shippedBoxes)) {
                f.shipStatus = "AUTHORISED"
            } else {
                f.shipStatus = status
            }
            if let requireBy = body.string("RequireBy") { f.requireBy = String(requireBy.prefix(10)) }
            if method == "POST" { stats.shipPostsBySale[sale.id, default: 0] += 1 }
        }
        sale.fulfilments[index] = f
        sales[sale.id] = sale
        touch(sale.id)
        return shipJSON(f, sale: sales[sale.id]!, countryFormat: nil)
    }
}
