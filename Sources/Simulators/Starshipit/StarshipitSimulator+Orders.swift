import Foundation

extension StarshipitSimulator {
    // MARK: Dates

    /// `order_date` as real payloads send it, without `Z` (starshipit-api.md L84, L91), or as the docs show it with
    /// 7 fractional digits and `Z` (L82).
    static func orderDateText(_ date: Date, withoutZ: Bool) -> String {
        if withoutZ { return String(Date.ISO8601FormatStyle(timeZone: .gmt).format(date).dropLast()) }
        return stampWithZ(date)
    }

    /// Label and print dates carry `Z` (L91), with the docs' 7 fractional digits (L82).
    static func stampWithZ(_ date: Date) -> String {
        let text = Date.ISO8601FormatStyle(includingFractionalSeconds: true, timeZone: .gmt).format(date)
        return String(text.dropLast()) + "0000Z"
    }

    /// A `since_*` filter: "date-time in UTC (RFC3339 format)" (L81); an offset-less value is read as UTC.
    static func parseFilterDate(_ text: String) -> Date? {
        let value = text.hasSuffix("Z") || text.contains("+") || text.dropFirst(10).contains("-") ? text : text + "Z"
        return (try? Date.ISO8601FormatStyle(includingFractionalSeconds: true).parse(value)) ?? (try? Date.ISO8601FormatStyle().parse(value))
    }

    // MARK: Rendering

    /// A full order (L144-156).
    static func render(_ order: StarshipitSimOrder, _ configuration: StarshipitSimulatorConfiguration) -> SimJSON {
        var json: [String: SimJSON] = [
            "order_id": .number(Double(order.orderID)),
            "order_number": .string(order.orderNumber),
            "order_date": .string(orderDateText(order.orderDate, withoutZ: configuration.orderDatesWithoutZ)),
            "reference": order.reference.map(SimJSON.string) ?? .null,
            "carrier": order.carrier.map(SimJSON.string) ?? .null,
            "carrier_name": order.carrierName.map(SimJSON.string) ?? .null,
            "carrier_service_code": order.carrierServiceCode.map(SimJSON.string) ?? .null,
            "shipping_method": order.request["shipping_method"] ?? .null,
            "signature_required": order.request["signature_required"] ?? .bool(false),
            "currency": order.request["currency"] ?? .null,
            "status": .string(order.status),
            "manifested": .bool(order.manifested),
            "archived": .bool(order.archived),
            "type": .string("Outgoing"),
            "destination": order.request["destination"] ?? .object([:]),
            "items": .array(
                order.items.map { item in
                    let shipped = isUnshipped(order.status) ? 0 : item.quantity
                    return .object([
                        "item_id": .number(Double(item.itemID)),
                        "sku": .string(item.sku),
                        "description": .string(item.description),
                        "quantity": .number(item.quantity),
                        "quantity_to_ship": .number(item.quantity - shipped),
                        "quantity_shipped": .number(shipped),
                    ])
                }
            ),
            "packages": .array(
                order.packages.map { package in
                    .object([
                        "package_id": .number(Double(package.packageID)),
                        "name": .string(package.name),
                        "weight": .number(package.weight),
                        "height": .number(0.1),
                        "width": .number(0.05),
                        "length": .number(0.01),
                        "packaging_type": .string("Carton"),
                        "carrier_service_code": .string(package.carrierServiceCode),
                        "carrier_service_name": .string(package.carrierServiceName),
                        "tracking_number": .string(package.trackingNumber),
                        "tracking_url": .string(package.trackingURL),
                        "delivery_status": .string(order.status == "Delivered" ? "Delivered" : order.manifested ? "Dispatched" : "Printed"),
                        "label_created_date": .string(stampWithZ(package.labelCreatedDate)),
                    ])
                }
            ),
        ]
        if order.carrier == nil { json["carrier"] = order.request["carrier"] ?? .null }
        return .object(json)
    }

    // MARK: Errors

    /// A business error (L69-73): `businessErrorStatus` (400, or 200) with `success: false`.
    static func business(_ configuration: StarshipitSimulatorConfiguration, _ message: String, details: String = "") -> SimReply {
        failure(configuration.businessErrorStatus, message, details: details)
    }

    /// Not captured (L193): `notFoundStatus` (404, or 200) with `success: false`.
    static func notFound(_ configuration: StarshipitSimulatorConfiguration, _ what: String) -> SimReply {
        failure(configuration.notFoundStatus, "Order not found", details: what)
    }

    // MARK: Create and update

    /// `POST /api/orders` `{"order": {...}}` → `{"order": {full order}, "success": true}` (L162-163). Only
    /// `order_number` is required, 1–50 characters (L102); the other documented limits are checked (L104, L132).
    func createOrder(_ request: SimRequest) -> SimReply {
        let configuration = self.configuration
        guard let body = request.json, case .object = body, let order = body["order"], case .object = order else {
            return Self.business(configuration, "The request is invalid", details: "Body must be {\"order\": {...}}")
        }
        let number = order["order_number"]?.stringValue ?? ""
        guard (1...50).contains(number.count) else {
            return Self.business(
                configuration,
                "The field order_number must be a string with a minimum length of 1 and a maximum length of 50.",
                details: "order_number"
            )
        }
        if let problem = Self.lengthProblem(order) { return Self.business(configuration, problem.message, details: problem.field) }
        return state.withLock { state -> SimReply in
            let existing = state.sequence.compactMap { state.orders[$0] }.first { !$0.deleted && $0.orderNumber == number }
            if let existing {
                switch configuration.duplicatePolicy {
                case .allow:
                    break
                case .reject409:
                    state.stats.duplicatesRefused += 1
                    return Self.failure(409, "Order number already exists", details: number)
                case .returnExisting:
                    return Self.success(["order": Self.render(existing, configuration)])
                }
            }
            let now = state.now
            var items: [StarshipitSimItem] = []
            if case .array(let lines)? = order["items"] {
                for line in lines {
                    items.append(
                        StarshipitSimItem(
                            itemID: state.nextItemID,
                            sku: line["sku"]?.stringValue ?? "",
                            description: line["description"]?.stringValue ?? "",
                            quantity: line["quantity"]?.doubleValue ?? 1
                        )
                    )
                    state.nextItemID += 1
                }
            }
            let created = StarshipitSimOrder(
                orderID: state.nextOrderID,
                orderNumber: number,
                reference: order["reference"]?.stringValue,
                orderDate: order["order_date"]?.stringValue.flatMap(Self.parseFilterDate) ?? now,
                status: "Unshipped",
                manifested: false,
                archived: false,
                deleted: false,
                carrier: nil,
                carrierName: nil,
                carrierServiceCode: order["carrier_service_code"]?.stringValue,
                items: items,
                packages: [],
                lastUpdated: now,
                printedAt: nil,
                request: order
            )
            state.nextOrderID += 1
            state.orders[created.orderID] = created
            state.sequence.append(created.orderID)
            state.stats.creates += 1
            return Self.success(["order": Self.render(created, configuration)])
        }
    }

    /// The documented length limits (L104, L132).
    static func lengthProblem(_ order: SimJSON) -> (field: String, message: String)? {
        let checks: [(pointer: String, range: ClosedRange<Int>)] = [
            ("/reference", 0...50), ("/destination/name", 0...100), ("/destination/post_code", 0...10), ("/destination/country", 2...100),
            ("/destination/delivery_instructions", 0...100), ("/shipping_method", 0...100), ("/shipping_description", 0...100),
        ]
        for check in checks {
            guard let text = order.at(pointer: check.pointer)?.stringValue, !check.range.contains(text.count) else { continue }
            let field = check.pointer.split(separator: "/").joined(separator: ".")
            return (field, "The field \(field) must be between \(check.range.lowerBound) and \(check.range.upperBound) characters.")
        }
        return nil
    }

    /// `PUT /api/orders` `{"order": {"order_id": …}}` (L210): unshipped orders change freely; printed and shipped
    /// ones only their `status`, never back to unshipped (L213).
    func updateOrder(_ request: SimRequest) -> SimReply {
        let configuration = self.configuration
        guard let body = request.json, let order = body["order"], case .object(let fields) = order,
            let id = order["order_id"]?.doubleValue.map({ Int($0) })
        else {
            return Self.business(configuration, "The request is invalid", details: "order.order_id is required")
        }
        return state.withLock { state -> SimReply in
            guard var current = state.orders[id], !current.deleted else { return Self.notFound(configuration, "order_id \(id)") }
            if Self.isUnshipped(current.status) {
                if let problem = Self.lengthProblem(order) { return Self.business(configuration, problem.message, details: problem.field) }
                for (key, value) in fields where !["order_id", "status", "order_number"].contains(key) {
                    current.request[key] = value
                }
                if let reference = fields["reference"]?.stringValue { current.reference = reference }
            } else {
                guard fields.keys.allSatisfy({ ["order_id", "status"].contains($0) }) else {
                    return Self.business(configuration, "Only the status of a printed or shipped order can be updated", details: current.status)
                }
                if let status = fields["status"]?.stringValue, Self.isUnshipped(status) {
                    return Self.business(configuration, "You can not update back to unshipped once printed", details: current.status)
                }
            }
            if let status = fields["status"]?.stringValue { current.status = status }
            current.lastUpdated = state.now
            state.orders[id] = current
            return Self.success(["order": Self.render(current, configuration)])
        }
    }

    /// `DELETE /api/orders/delete?order_id=` → `{"success": true}`, unshipped orders only (L222).
    func deleteOrder(_ request: SimRequest) -> SimReply {
        let configuration = self.configuration
        guard let id = request.query["order_id"].flatMap({ Int($0) }) else {
            return Self.business(configuration, "The request is invalid", details: "order_id is required")
        }
        let refusal = state.withLock { state -> SimReply? in
            guard var order = state.orders[id], !order.deleted else { return Self.notFound(configuration, "order_id \(id)") }
            guard Self.isUnshipped(order.status) else {
                return Self.business(configuration, "Only unshipped orders can be deleted", details: order.status)
            }
            order.deleted = true
            order.lastUpdated = state.now
            state.orders[id] = order
            state.stats.deletes += 1
            return nil
        }
        return refusal ?? Self.success([:])
    }

    // MARK: Reads

    /// `GET /api/orders?order_id=` or `?order_number=` → `{"order": {...}, "success": true}` (L191); without either, the
    /// list (L194-200) with `status` (`Unshipped` default, or `Shipped`) and `page_number`/`page_size` (default and
    /// max 500).
    func getOrders(_ request: SimRequest) -> SimReply {
        let configuration = self.configuration
        let live = state.withLock { state in state.sequence.compactMap { state.orders[$0] }.filter { !$0.deleted } }
        if let text = request.query["order_id"] {
            guard let id = Int(text), let order = live.first(where: { $0.orderID == id }) else {
                return Self.notFound(configuration, "order_id \(text)")
            }
            return Self.success(["order": Self.render(order, configuration)])
        }
        if let number = request.query["order_number"] {
            guard let order = live.first(where: { $0.orderNumber == number }) else { return Self.notFound(configuration, "order_number \(number)") }
            return Self.success(["order": Self.render(order, configuration)])
        }
        let status = request.query["status"] ?? "Unshipped"
        let matching: [StarshipitSimOrder]
        switch status.lowercased() {
        case "unshipped": matching = live.filter { Self.isUnshipped($0.status) && !$0.archived }
        case "shipped": matching = live.filter { ["Shipped", "Delivered"].contains($0.status) }
        default: return Self.business(configuration, "The status is invalid", details: "status must be Unshipped or Shipped")
        }
        guard let paging = Self.paging(request, pageKey: "page_number", sizeKey: "page_size", defaultSize: 500, maxSize: 500) else {
            return Self.business(configuration, "The paging is invalid", details: "page_number ≥ 1, page_size 1–500")
        }
        let (page, totalPages) = Self.slice(matching, paging)
        let orders = SimJSON.array(page.map { Self.render($0, configuration) })
        if configuration.listNestedInData {
            return Self.success([
                "page_number": .number(Double(paging.page)), "page_size": .number(Double(paging.size)),
                "total_pages": .number(Double(totalPages)), "total_records": .number(Double(matching.count)),
                "data": .object(["orders": orders]),
            ])
        }
        return Self.success(["order": orders, "total_pages": .number(Double(totalPages))])
    }

    /// `GET /api/orders/unshipped` (L201): `since_last_updated` (default: the last 24 hours), `since_order_date`,
    /// `ids_only`, `limit` (default 50, max 250), `page`.
    func listUnshipped(_ request: SimRequest) -> SimReply {
        list(request) { order, since in
            Self.isUnshipped(order.status) && !order.archived && order.lastUpdated >= since
        }
    }

    /// `GET /api/orders/shipped` (L253): shipped (manifested) orders updated since `since_last_updated` (default:
    /// the last 24 hours), full orders with packages. Printed orders appear only once manifested (L244).
    func listShipped(_ request: SimRequest) -> SimReply {
        list(request) { order, since in
            ["Shipped", "Delivered"].contains(order.status) && order.lastUpdated >= since
        }
    }

    private func list(_ request: SimRequest, _ include: (StarshipitSimOrder, Date) -> Bool) -> SimReply {
        let configuration = self.configuration
        let now = self.now
        guard let since = Self.since(request, "since_last_updated", now: now, window: configuration.defaultSinceWindow) else {
            return Self.business(configuration, "since_last_updated must be a date-time in UTC (RFC3339 format)", details: "since_last_updated")
        }
        let sinceOrderDate = request.query["since_order_date"].flatMap(Self.parseFilterDate)
        if request.query["since_order_date"] != nil, sinceOrderDate == nil {
            return Self.business(configuration, "since_order_date must be a date-time in UTC (RFC3339 format)", details: "since_order_date")
        }
        guard let paging = Self.paging(request, pageKey: "page", sizeKey: "limit", defaultSize: configuration.defaultLimit, maxSize: 250) else {
            return Self.business(configuration, "The paging is invalid", details: "page ≥ 1, limit 1–250")
        }
        let matching = allOrders().filter { order in
            !order.deleted && include(order, since) && (sinceOrderDate.map { order.orderDate >= $0 } ?? true)
        }
        let (page, totalPages) = Self.slice(matching, paging)
        var payload: [String: SimJSON] = [
            "orders": .array(page.map { Self.render($0, configuration) }), "total_pages": .number(Double(totalPages)),
        ]
        if request.query["ids_only"]?.lowercased() == "true" {
            payload["orders"] = .array([])
            payload["order_ids"] = .array(page.map { .number(Double($0.orderID)) })
        }
        return Self.success(payload)
    }

    /// `GET /api/orders/shipments?status=recently_printed|unmanifested&since_created_date=&limit=&page=` (L262):
    /// printed orders with tracking numbers; `date` is the print time (UTC). `since_created_date` is compared with
    /// the print time or the order date (`shipmentsSinceComparesOrderDate`, undocumented) and defaults to the last
    /// 24 hours (L333).
    func listShipments(_ request: SimRequest) -> SimReply {
        let configuration = self.configuration
        let status = request.query["status"] ?? ""
        guard ["recently_printed", "unmanifested"].contains(status) else {
            return Self.business(configuration, "The status is invalid", details: "status must be recently_printed or unmanifested")
        }
        guard let since = Self.since(request, "since_created_date", now: now, window: configuration.defaultSinceWindow) else {
            return Self.business(configuration, "since_created_date must be a date-time in UTC (RFC3339 format)", details: "since_created_date")
        }
        guard let paging = Self.paging(request, pageKey: "page", sizeKey: "limit", defaultSize: configuration.defaultLimit, maxSize: 250) else {
            return Self.business(configuration, "The paging is invalid", details: "page ≥ 1, limit 1–250")
        }
        let matching = allOrders().filter { order in
            guard !order.deleted, !order.archived, let printed = order.printedAt else { return false }
            guard (configuration.shipmentsSinceComparesOrderDate ? order.orderDate : printed) >= since else { return false }
            return status == "recently_printed" || (order.status == "Printed" && !order.manifested)
        }
        let (page, totalPages) = Self.slice(matching, paging)
        let rows = page.map { order -> SimJSON in
            .object([
                "order_id": .number(Double(order.orderID)),
                "order_number": .string(order.orderNumber),
                "date": .string(Self.stampWithZ(order.printedAt ?? order.lastUpdated)),
                "name": order.request.at(pointer: "/destination/name") ?? .null,
                "carrier_name": order.carrierName.map(SimJSON.string) ?? .null,
                "carrier_service_code": order.carrierServiceCode.map(SimJSON.string) ?? .null,
                "tracking_numbers": .array(order.packages.map { .string($0.trackingNumber) }),
                "country": order.request.at(pointer: "/destination/country") ?? .null,
            ])
        }
        return Self.success(["orders": .array(rows), "status": .string(status), "total_pages": .number(Double(totalPages))])
    }

    /// `GET /api/orders/search?phrase=&limit=&page=&status=All|Unshipped|Shipped&fields=All|Order_Number|TheirRef`
    /// (L202): summaries `{order_id, order_date, order_number, name, carrier_name, tracking_number, country}`.
    /// Unshipped orders are found only with `searchIncludesUnshipped` (L202 conflict).
    func search(_ request: SimRequest) -> SimReply {
        let configuration = self.configuration
        guard let phrase = request.query["phrase"], !phrase.isEmpty else {
            return Self.business(configuration, "The phrase is required", details: "phrase")
        }
        let status = (request.query["status"] ?? "All").lowercased()
        let fields = (request.query["fields"] ?? "All").lowercased()
        guard ["all", "unshipped", "shipped"].contains(status), ["all", "order_number", "theirref"].contains(fields) else {
            return Self.business(configuration, "The search is invalid", details: "status All|Unshipped|Shipped, fields All|Order_Number|TheirRef")
        }
        guard let paging = Self.paging(request, pageKey: "page", sizeKey: "limit", defaultSize: configuration.defaultLimit, maxSize: 250) else {
            return Self.business(configuration, "The paging is invalid", details: "page ≥ 1, limit 1–250")
        }
        let needle = phrase.lowercased()
        let matching = allOrders().filter { order in
            guard !order.deleted else { return false }
            let unshipped = Self.isUnshipped(order.status)
            if unshipped, !configuration.searchIncludesUnshipped { return false }
            if status == "unshipped", !unshipped { return false }
            if status == "shipped", unshipped { return false }
            var haystack: [String] = []
            if fields == "all" || fields == "order_number" { haystack.append(order.orderNumber) }
            if fields == "all" || fields == "theirref" { haystack.append(order.reference ?? "") }
            if fields == "all" {
                haystack.append(order.request.at(pointer: "/destination/name")?.stringValue ?? "")
                haystack += order.packages.map(\.trackingNumber)
            }
            return haystack.contains { $0.lowercased().contains(needle) }
        }
        let (page, totalPages) = Self.slice(matching, paging)
        let rows = page.map { order -> SimJSON in
            .object([
                "order_id": .number(Double(order.orderID)),
                "order_date": .string(Self.orderDateText(order.orderDate, withoutZ: configuration.orderDatesWithoutZ)),
                "order_number": .string(order.orderNumber),
                "name": order.request.at(pointer: "/destination/name") ?? .null,
                "carrier_name": order.carrierName.map(SimJSON.string) ?? .null,
                "tracking_number": order.packages.first.map { .string($0.trackingNumber) } ?? .null,
                "country": order.request.at(pointer: "/destination/country") ?? .null,
            ])
        }
        return Self.success(["orders": .array(rows), "total_pages": .number(Double(totalPages))])
    }

    // MARK: Paging and windows

    struct Paging {
        var page: Int
        var size: Int
    }

    /// The end point's own paging names (L28, L332): a name it does not know is ignored, a value out of range refused.
    static func paging(_ request: SimRequest, pageKey: String, sizeKey: String, defaultSize: Int, maxSize: Int) -> Paging? {
        let page = request.query[pageKey].map { Int($0) ?? 0 } ?? 1
        let size = request.query[sizeKey].map { Int($0) ?? 0 } ?? defaultSize
        guard page >= 1, (1...maxSize).contains(size) else { return nil }
        return Paging(page: page, size: size)
    }

    static func slice(_ orders: [StarshipitSimOrder], _ paging: Paging) -> (page: [StarshipitSimOrder], totalPages: Int) {
        let totalPages = (orders.count + paging.size - 1) / paging.size
        let start = min(orders.count, (paging.page - 1) * paging.size)
        return (Array(orders[start..<min(orders.count, start + paging.size)]), totalPages)
    }

    /// A `since_*` filter, or the default window when it is omitted (L201, L253, L333); nil when unreadable.
    static func since(_ request: SimRequest, _ key: String, now: Date, window: TimeInterval) -> Date? {
        guard let text = request.query[key] else { return now.addingTimeInterval(-window) }
        return parseFilterDate(text)
    }
}
