import Foundation

extension CartonCloudSimulator {
    /// `2026-03-13T12:10:04+10:00`: CartonCloud always sends a numeric offset, never `Z`. (Format styles, not
    /// `ISO8601DateFormatter`: a search renders every order, and creating ICU formatters dominated its cost.)
    static func timestamp(_ date: Date, offset: Int) -> String {
        let style = Date.ISO8601FormatStyle(timeZoneSeparator: .colon, timeZone: TimeZone(secondsFromGMT: offset) ?? .gmt)
        var text = style.format(date)
        if text.hasSuffix("Z") { text = String(text.dropLast()) + "+00:00" }
        return text
    }

    /// Parses an ISO 8601 date-time with or without fractional seconds.
    static func parseTimestamp(_ text: String) -> Date? {
        try? Date.ISO8601FormatStyle(includingFractionalSeconds: true).parse(text)
    }

    static func quantityText(_ value: Double) -> String {
        value == value.rounded() ? String(Int64(value)) : String(value)
    }

    /// The Address element's email rule (cartoncloud-api.md ~L3589), read strictly: no leading full stop, no space
    /// anywhere, exactly one `@` with text on both sides. An empty string is no email and is accepted.
    static func isValidEmail(_ email: String) -> Bool {
        if email.isEmpty { return true }
        if email.hasPrefix(".") || email.contains(where: \.isWhitespace) { return false }
        let parts = email.split(separator: "@", omittingEmptySubsequences: false)
        return parts.count == 2 && !parts[0].isEmpty && !parts[1].isEmpty
    }

    // MARK: Create

    func createOrder(_ request: SimRequest, _ configuration: CartonCloudSimulatorConfiguration) -> SimReply {
        // The documented limit: 30 creates per minute per user (counted when accepted for processing).
        let limited = state.withLock { state -> Bool in
            let now = Date()
            state.createLog.removeAll { now.timeIntervalSince($0) >= configuration.createRateWindow }
            if state.createLog.count >= configuration.createRateLimit {
                state.stats.rateLimited += 1
                return true
            }
            state.createLog.append(now)
            return false
        }
        if limited { return .error(429, "Rate limiting has been applied") }
        guard let body = request.json, case .object = body else {
            return .error(400, "Request is invalid: the body is not a JSON object")
        }
        return state.withLock { state in
            var problems: [(field: String?, message: String)] = []
            let reference = body.at(pointer: "/references/customer")?.nonEmptyString
            if reference == nil { problems.append(("/references/customer", "Customer reference cannot be empty.")) }
            // Customer: id, then references.code, then name.
            var customer: CustomerRecord?
            if let ref = body["customer"], case .object = ref {
                if let id = ref["id"]?.nonEmptyString {
                    customer = state.customers.first { $0.id == id }
                } else if let code = ref.at(pointer: "/references/code")?.nonEmptyString {
                    customer = state.customers.first { $0.code == code }
                } else if let name = ref["name"]?.nonEmptyString {
                    customer = state.customers.first { $0.name == name }
                } else {
                    problems.append(("/customer", "Customer cannot be empty."))
                }
                if customer == nil, problems.last?.field != "/customer" { problems.append(("/customer", "Customer not found")) }
            } else {
                problems.append(("/customer", "Customer cannot be empty."))
            }
            // Warehouse: id, then name (exactly as spelt); none → the default warehouse.
            var warehouse: Warehouse? = state.warehouses.first
            if let ref = body["warehouse"], case .object = ref {
                if let id = ref["id"]?.nonEmptyString {
                    warehouse = state.warehouses.first { $0.id == id }
                } else if let name = ref["name"]?.nonEmptyString {
                    warehouse = state.warehouses.first { $0.name == name }
                }
                if warehouse == nil { problems.append(("/warehouse", "Warehouse not found")) }
            }
            let address = body.at(pointer: "/details/deliver/address")
            if let address, case .object = address {
                if address["companyName"]?.nonEmptyString == nil, address["contactName"]?.nonEmptyString == nil {
                    problems.append(("/details/deliver/address/companyName", "Company name or contact name must be provided."))
                }
                // cartoncloud-api.md ~L3588: "Valid phone number must be a string between 0 to 64 characters."
                if let phone = address["phone"]?.stringValue, phone.count > 64 {
                    problems.append(("/details/deliver/address/phone", "Phone must be between 0 and 64 characters."))
                }
                // cartoncloud-api.md ~L3589: "Valid emails must not start with a full stop (a period), must not start
                // with or contain any spaces, and must have data before and after an @ symbol."
                if let email = address["email"]?.stringValue, !Self.isValidEmail(email) {
                    problems.append(("/details/deliver/address/email", "Email is not valid."))
                }
            } else {
                problems.append(("/details/deliver/address", "Delivery address cannot be empty."))
            }
            var items: [SimJSON] = []
            if case .array(let list)? = body["items"], !list.isEmpty {
                items = list
            } else {
                problems.append(("/items", "Items cannot be empty."))
            }
            for (index, item) in items.enumerated() {
                if item.at(pointer: "/details/product") == nil || item.at(pointer: "/details/product")?.isNull == true {
                    problems.append(("/items/\(index)/details/product", "Product cannot be empty."))
                }
                if item.at(pointer: "/measures/quantity")?.doubleValue == nil {
                    problems.append(("/items/\(index)/measures/quantity", "Quantity must be a number."))
                }
            }
            guard problems.isEmpty, let reference, let customer, let warehouse else {
                return .errors(422, problems)
            }
            if configuration.duplicateReferenceCheck,
                let existing = state.orderSequence.compactMap({ state.orders[$0] }).first(where: {
                    !$0.deleted && $0.customerID == customer.id && $0.reference == reference
                })
            {
                state.stats.duplicates += 1
                return .json(
                    422,
                    .array([
                        .object([
                            "field": .string("/references/customer"),
                            "message": .string("A Sale Order with this Customer Reference already exists."),
                            "type": .string("DUPLICATE"),
                            "details": .object(["duplicateId": .string(existing.id)]),
                        ])
                    ])
                )
            }
            // Products: id, then references.code, then references.barcode, then name — within the customer's products.
            var lines: [SimOrderLine] = []
            var errors: [String] = []
            for item in items {
                let product = item.at(pointer: "/details/product") ?? .null
                let quantity = item.at(pointer: "/measures/quantity")?.doubleValue ?? 0
                let owned = state.products.filter { $0.customerID == customer.id }
                var found: Product?
                if let id = product["id"]?.nonEmptyString {
                    found = owned.first { $0.id == id }
                } else if let code = product.at(pointer: "/references/code")?.nonEmptyString {
                    found = owned.first { $0.code == code }
                } else if let name = product["name"]?.nonEmptyString {
                    found = owned.first { $0.name == name }
                }
                let code =
                    found?.code ?? product.at(pointer: "/references/code")?.nonEmptyString
                    ?? product["id"]?.nonEmptyString ?? product["name"]?.nonEmptyString ?? "?"
                let name = found?.name ?? product["name"]?.nonEmptyString ?? code
                let unit = item.at(pointer: "/details/unitOfMeasure/type")?.nonEmptyString ?? "UNITS"
                if found == nil {
                    errors.append("\(name) (\(code)) x \(Self.quantityText(quantity)) \(unit) - Product not found")
                } else if found?.active == false {
                    errors.append("\(name) (\(code)) x \(Self.quantityText(quantity)) \(unit) - Product deactivated")
                } else if quantity <= 0 {
                    errors.append("\(name) (\(code)) x \(Self.quantityText(quantity)) \(unit) - Product qty is zero")
                }
                lines.append(SimOrderLine(code: code, productID: found?.id, name: name, quantity: quantity))
            }
            let now = state.now
            let id = state.newID()
            let order = SimOutboundOrder(
                id: id,
                numericID: state.nextNumericID,
                reference: reference,
                customerID: customer.id,
                warehouseID: warehouse.id,
                status: errors.isEmpty ? "AWAITING_PICK_AND_PACK" : "REJECTED",
                version: 1,
                deleted: false,
                lines: lines,
                errors: errors,
                created: now,
                modified: now,
                packed: nil,
                dispatched: nil,
                consignmentIDs: [],
                request: body
            )
            state.nextNumericID += 1
            state.orders[id] = order
            state.orderSequence.append(id)
            state.stats.creates += 1
            if !errors.isEmpty { state.stats.rejectedCreates += 1 }
            return .json(errors.isEmpty ? 201 : 228, render(order, state))
        }
    }

    // MARK: Get, delete

    func getOrder(id: String) -> SimReply {
        state.withLock { state in
            // cartoncloud-api.md ~L3991: 404 "The resource does not exist" (a deleted order included).
            guard let order = state.orders[id], !order.deleted else { return .error(404, "The resource does not exist") }
            return .json(200, render(order, state))
        }
    }

    func deleteOrder(id: String, _ configuration: CartonCloudSimulatorConfiguration) -> SimReply {
        state.withLock { state in
            // cartoncloud-api.md ~L3991: 404 "The resource does not exist" (deleted by staff or by an earlier call).
            guard var order = state.orders[id], !order.deleted else { return .error(404, "The resource does not exist") }
            guard configuration.deletableStatuses.contains(order.status) else {
                return .error(422, "Sale Order cannot be deleted in status \(order.status)")
            }
            order.deleted = true
            order.modified = state.now
            state.orders[id] = order
            state.stats.deletes += 1
            return SimReply(status: 204, body: [])
        }
    }

    func getConsignment(id: String, noItems: Bool) -> SimReply {
        state.withLock { state in
            guard let consignment = state.consignments[id], state.orders[consignment.orderID]?.deleted != true else {
                return .error(404, "Consignment not found")
            }
            var json = render(consignment, state)
            if noItems, case .object(var object) = json {
                object["items"] = nil
                json = .object(object)
            }
            return .json(200, json)
        }
    }

    func getProduct(id: String) -> SimReply {
        state.withLock { state in
            guard let product = state.products.first(where: { $0.id == id }) else { return .error(404, "Product not found") }
            return .json(200, render(product, state))
        }
    }

    // MARK: Rendering

    func customerJSON(_ id: String, _ state: State) -> SimJSON {
        let customer = state.customers.first { $0.id == id }
        var object: [String: SimJSON] = ["id": .string(id), "enabled": .bool(true), "name": customer.map { .string($0.name) } ?? .null]
        if let code = customer?.code { object["references"] = .object(["code": .string(code)]) }
        return .object(object)
    }

    func render(_ order: SimOutboundOrder, _ state: State) -> SimJSON {
        let offset = state.configuration.timeZoneOffsetSeconds
        var json = order.request
        var references: [String: SimJSON] = [:]
        if case .object(let given)? = order.request["references"] { references = given }
        references["customer"] = .string(order.reference)
        references["numericId"] = .string(String(order.numericID))
        json["id"] = .string(order.id)
        json["type"] = .string("OUTBOUND")
        json["status"] = .string(order.status)
        json["version"] = .number(Double(order.version))
        json["references"] = .object(references)
        json["customer"] = customerJSON(order.customerID, state)
        let warehouse = state.warehouses.first { $0.id == order.warehouseID }
        json["warehouse"] = .object(["id": .string(order.warehouseID), "name": warehouse.map { .string($0.name) } ?? .null, "enabled": .bool(true)])
        var details: SimJSON = order.request["details"].flatMap { if case .object = $0 { $0 } else { nil } } ?? .object([:])
        if details["urgent"] == nil || details["urgent"] == .null { details["urgent"] = .bool(false) }
        if details["allowSplitting"] == nil || details["allowSplitting"] == .null { details["allowSplitting"] = .bool(true) }
        if !order.errors.isEmpty {
            details["errors"] = .array(order.errors.map { .object(["message": .string($0), "isResolved": .bool(order.errorsResolved)]) })
        }
        json["details"] = details
        if json["properties"] == nil || json["properties"] == .null { json["properties"] = .object([:]) }
        var items: [SimJSON] = []
        if case .array(let requested)? = order.request["items"] {
            for (index, item) in requested.enumerated() {
                var rendered = item
                let line = index < order.lines.count ? order.lines[index] : nil
                rendered["type"] = .string("ITEM")
                var itemDetails = item["details"] ?? .object([:])
                var product: [String: SimJSON] = [
                    "name": line.map { .string($0.name) } ?? .null,
                    "references": .object(["code": line.map { .string($0.code) } ?? .null]),
                ]
                if let productID = line?.productID { product["id"] = .string(productID) }
                itemDetails["product"] = .object(product)
                let unit = item.at(pointer: "/details/unitOfMeasure/type")?.nonEmptyString ?? "UNITS"
                itemDetails["unitOfMeasure"] = .object(["type": .string(unit), "name": .string(unit)])
                rendered["details"] = itemDetails
                items.append(rendered)
            }
        }
        json["items"] = .array(items)
        var timestamps: [String: SimJSON] = [
            "created": .object(["time": .string(Self.timestamp(order.created, offset: offset))]),
            "modified": .object(["time": .string(Self.timestamp(order.modified, offset: offset))]),
        ]
        if let packed = order.packed { timestamps["packed"] = .object(["time": .string(Self.timestamp(packed, offset: offset))]) }
        if let dispatched = order.dispatched {
            timestamps["dispatched"] = .object(["time": .string(Self.timestamp(dispatched, offset: offset))])
        }
        json["timestamps"] = .object(timestamps)
        return json
    }

    func render(_ consignment: SimConsignment, _ state: State) -> SimJSON {
        let offset = state.configuration.timeZoneOffsetSeconds
        let order = state.orders[consignment.orderID]
        var references: [String: SimJSON] = ["customer": order.map { .string($0.reference) } ?? .null]
        if let tracking = consignment.tracking { references["tracking"] = .string(tracking.number) }
        var details: [String: SimJSON] = ["type": .string("WAREHOUSE_FULFILMENT")]
        if let address = order?.request.at(pointer: "/details/deliver/address") {
            details["deliver"] = .object(["address": address])
        }
        if let tracking = consignment.tracking {
            // cartoncloud-api.md ~L2188-2189: details.tracking.companyName and url, plain strings (an empty url is kept as sent).
            details["tracking"] = .object(["companyName": .string(tracking.carrier), "url": tracking.url.map { .string($0) } ?? .null])
        }
        let warehouse = order.flatMap { order in state.warehouses.first { $0.id == order.warehouseID } }
        return .object([
            "id": .string(consignment.id),
            "type": .string("CONSIGNMENT"),
            "status": .string(consignment.status),
            "version": .number(Double(consignment.version)),
            "references": .object(references),
            "customer": order.map { customerJSON($0.customerID, state) } ?? .null,
            "warehouse": warehouse.map { .object(["id": .string($0.id), "name": .string($0.name)]) } ?? .null,
            "generatedFromTask": .object(["id": .string(consignment.orderID)]),
            "details": .object(details),
            // cartoncloud-api.md ~L2136-2155: items carry a product reference and measures (quantity, pallets, weight).
            "items": .array(
                consignment.lines.map { line in
                    var measures: [String: SimJSON] = ["quantity": .number(line.quantity)]
                    if line.code == "CARTON" { measures["weight"] = .number(line.quantity * 5) }
                    return .object([
                        "details": .object(["product": .object(["references": .object(["code": .string(line.code)])])]),
                        "measures": .object(measures),
                    ])
                }
            ),
            "timestamps": .object([
                "created": .object(["time": .string(Self.timestamp(consignment.created, offset: offset))]),
                "modified": .object(["time": .string(Self.timestamp(consignment.modified, offset: offset))]),
            ]),
        ])
    }

    func render(_ product: Product, _ state: State) -> SimJSON {
        let offset = state.configuration.timeZoneOffsetSeconds
        let stamp: SimJSON = .object(["time": .string(Self.timestamp(product.created, offset: offset))])
        return .object([
            "id": .string(product.id),
            "scope": .string("WAREHOUSE"),
            "name": .string(product.name),
            "type": .string("GENERAL"),
            "references": .object(["code": .string(product.code)]),
            "customer": customerJSON(product.customerID, state),
            "details": .object(["active": .bool(product.active)]),
            "defaultUnitOfMeasure": .string("units"),
            "unitOfMeasures": .object(["units": .object(["baseQty": .number(1)])]),
            "timestamps": .object(["created": stamp, "modified": stamp]),
        ])
    }
}
