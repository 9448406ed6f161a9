import Foundation

extension ShipStationSimulator {
    /// Statuses an order can have (shipstation-api.md L261).
    static let statuses: Set<String> = ["awaiting_payment", "awaiting_shipment", "pending_fulfillment", "shipped", "on_hold", "cancelled"]

    // MARK: POST /orders/createorder

    /// Create or update (L144-L155): upsert by `orderKey` (L146), a key generated when absent (L147), `orderId`
    /// forces an update of that order (L148), the whole resource replaced (L149), only open statuses updatable
    /// (L150-L154, `updatableStatuses`, `lockedUpdate`), `storeId` set only at creation (L138).
    func createOrder(_ request: ShipStationRequest) -> ShipStationReply {
        guard let json = request.json else {
            return .modelState("apiOrder", "Unexpected character encountered while parsing value.")
        }
        // L77: an array posted to createorder.
        guard case .object = json else {
            return .modelState(
                "apiOrder",
                "Cannot deserialize the current JSON array (e.g. [1,2,3]) into type 'SS.OpenApi.Models.Orders.Order' because the type requires a JSON object."
            )
        }
        if let refusal = validate(json) { return refusal }
        let orderDate: Date
        switch ShipStationPacific.parse(json["orderDate"]?.stringValue ?? "") {
        case .date(let date): orderDate = date
        case .hasOffset(let date):
            guard configuration.zuluFilterDates == .readAsUTC else { return .modelState("apiOrder.orderDate", "The orderDate is not valid.") }
            orderDate = date
        case .invalid: return .modelState("apiOrder.orderDate", "The orderDate field is required and must be a date.")
        }
        let requestedKey = json["orderKey"]?.nonEmptyString
        let requestedID = json["orderId"]?.doubleValue.map { Int($0) }
        return state.withLock { state -> ShipStationReply in
            let now = state.now
            let configuration = state.configuration
            var existing: ShipStationSimOrder?
            if let requestedID, requestedID > 0 {
                guard let found = state.orders[requestedID], !found.deleted else { return .notFound("Order") }
                existing = found
            } else if let requestedKey {
                let matches = state.orders.values.filter { $0.orderKey == requestedKey }.sorted { $0.orderId < $1.orderId }
                existing =
                    matches.first { !$0.deleted }
                    ?? (configuration.deletedOrderKey == .revivesDeletedOrder ? matches.last : nil)
            }
            let status = json["orderStatus"]?.stringValue ?? ""
            let warehouseID = json["advancedOptions"]?["warehouseId"]?.doubleValue.map { Int($0) }
            let itemCount = json["items"].map(Self.count) ?? 0
            if var order = existing {
                guard configuration.updatableStatuses.contains(order.status) else {
                    state.stats.lockedUpdates += 1
                    switch configuration.lockedUpdate {
                    case .unchanged: return .json(200, Self.render(order, state))
                    case .badRequest:
                        return .modelState("apiOrder", "The order is \(order.status) and is locked from modification through the API.")
                    }
                }
                order.body = json
                order.orderNumber = json["orderNumber"]?.stringValue ?? order.orderNumber
                order.status = status
                order.deleted = false
                order.warehouseId = warehouseID ?? order.warehouseId
                order.orderDate = orderDate
                order.modified = now
                while order.itemIDs.count < itemCount {
                    order.itemIDs.append(state.nextItemID)
                    state.nextItemID += 1
                }
                state.orders[order.orderId] = order
                state.stats.updates += 1
                return .json(200, Self.render(order, state))
            }
            let storeID =
                json["advancedOptions"]?["storeId"]?.doubleValue.map { Int($0) }
                ?? configuration.stores.first { $0.isManual && $0.active }?.id ?? configuration.stores.first?.id ?? 0
            let id = state.nextOrderID
            state.nextOrderID += 1
            var itemIDs: [Int] = []
            for _ in 0..<itemCount {
                itemIDs.append(state.nextItemID)
                state.nextItemID += 1
            }
            let order = ShipStationSimOrder(
                orderId: id,
                orderKey: requestedKey ?? Self.generatedKey(id),
                orderNumber: json["orderNumber"]?.stringValue ?? "",
                status: status,
                deleted: false,
                storeId: storeID,
                warehouseId: warehouseID ?? configuration.warehouses.first { $0.isDefault }?.id,
                created: now,
                modified: now,
                orderDate: orderDate,
                shipDate: nil,
                itemIDs: itemIDs,
                body: json
            )
            state.orders[id] = order
            state.stats.creates += 1
            return .json(200, Self.render(order, state))
        }
    }

    /// The number of elements of an array (0 for anything else).
    static func count(_ json: SimJSON) -> Int {
        guard case .array(let items) = json else { return 0 }
        return items.count
    }

    /// A key ShipStation makes up when none is sent (L112, L147).
    static func generatedKey(_ id: Int) -> String {
        String(format: "%08x", id &* 2_654_435_761 & 0xFFFF_FFFF) + "-ss-\(id)"
    }

    /// The documented refusals of an order body (400 `ModelState`, L72-L78).
    func validate(_ json: SimJSON) -> ShipStationReply? {
        // L111: orderNumber required, max 50 characters.
        guard let number = json["orderNumber"]?.nonEmptyString else {
            return .modelState("apiOrder.orderNumber", "The orderNumber field is required.")
        }
        guard number.count <= 50 else {
            return .modelState("apiOrder.orderNumber", "The field orderNumber must be a string with a maximum length of 50.")
        }
        // L115, L261: orderStatus required, one of the statuses.
        guard let status = json["orderStatus"]?.stringValue, Self.statuses.contains(status) else {
            return .modelState("apiOrder.orderStatus", "The orderStatus field is required and must be a valid status.")
        }
        // L117: billTo and shipTo required; L129: country is the required two-letter code.
        for name in ["billTo", "shipTo"] {
            guard case .object = json[name] else { return .modelState("apiOrder.\(name)", "The \(name) field is required.") }
            // L78: a boolean sent as 0.
            if let residential = json[name]?["residential"], residential != .null, residential.boolValue == nil || residential.doubleValue != nil {
                return .modelState("apiOrder.\(name).residential", "Error converting value to type 'System.Nullable`1[System.Boolean]'.")
            }
        }
        guard let country = json["shipTo"]?["country"]?.stringValue, country.count == 2, country.uppercased() == country else {
            return .modelState("apiOrder.shipTo.country", "The country field is required and must be a two-letter ISO code.")
        }
        // L135: item name cannot be null; quantity is a whole number.
        if let items = json["items"], items != .null {
            guard case .array(let list) = items else { return .modelState("apiOrder.items", "The items field must be an array.") }
            for (index, item) in list.enumerated() {
                guard item["name"]?.nonEmptyString != nil else { return .modelState("apiOrder.items[\(index)].name", "The name field is required.") }
                if let quantity = item["quantity"]?.doubleValue, quantity != quantity.rounded() {
                    return .modelState("apiOrder.items[\(index)].quantity", "Error converting value \(quantity) to type 'System.Int32'.")
                }
            }
        }
        return nil
    }

    // MARK: GET /orders, GET and DELETE /orders/{id}

    /// The list (L193-L203): deleted orders left out (L309), `orderNumber` starts-with (L193), status, store and date
    /// filters, `sortBy`/`sortDir` (default ascending `orderId`), paged.
    func listOrders(_ request: ShipStationRequest) -> ShipStationReply {
        let names = ["createDate", "modifyDate", "orderDate"].flatMap { [$0 + "Start", $0 + "End"] }
        let dates: [String: Date]
        switch dateFilters(names, request) {
        case .success(let value): dates = value
        case .failure(let error): return error.reply
        }
        let number = request.query["orderNumber"]
        let status = request.query["orderStatus"]
        let store = request.query["storeId"].flatMap(Int.init)
        let (orders, rendered) = state.withLock { state -> ([ShipStationSimOrder], [Int: SimJSON]) in
            let orders = state.orders.values.filter { order in
                !order.deleted && (number.map { order.orderNumber.hasPrefix($0) } ?? true) && (status.map { order.status == $0 } ?? true)
                    && (store.map { order.storeId == $0 } ?? true) && Self.within(order.created, "createDate", dates)
                    && Self.within(order.modified, "modifyDate", dates) && Self.within(order.orderDate, "orderDate", dates)
            }
            return (orders, Dictionary(uniqueKeysWithValues: orders.map { ($0.orderId, Self.render($0, state)) }))
        }
        let descending = request.query["sortDir"]?.uppercased() == "DESC"
        let key: (ShipStationSimOrder) -> Double =
            switch request.query["sortBy"] {
            case "ModifyDate": { $0.modified.timeIntervalSince1970 }
            case "CreateDate": { $0.created.timeIntervalSince1970 }
            case "OrderDate": { $0.orderDate.timeIntervalSince1970 }
            default: { Double($0.orderId) }
            }
        let sorted = orders.sorted { lhs, rhs in
            let (a, b) = (key(lhs), key(rhs))
            if a == b { return lhs.orderId < rhs.orderId }
            return descending ? a > b : a < b
        }
        return paged("orders", sorted.compactMap { rendered[$0.orderId] }, request)
    }

    /// One order; unknown or deleted → 404 (L192).
    func getOrder(_ request: ShipStationRequest) -> ShipStationReply {
        guard let id = request.id.flatMap(Int.init) else { return .notFound("Order") }
        return state.withLock { state in
            guard let order = state.orders[id], !order.deleted else { return .notFound("Order") }
            return .json(200, Self.render(order, state))
        }
    }

    /// Soft delete (L213-L215): the order leaves lists and GET answers 404.
    func deleteOrder(_ request: ShipStationRequest) -> ShipStationReply {
        guard let id = request.id.flatMap(Int.init) else { return .notFound("Order") }
        return state.withLock { state in
            guard var order = state.orders[id], !order.deleted else { return .notFound("Order") }
            order.deleted = true
            order.modified = state.now
            state.orders[id] = order
            state.stats.deletes += 1
            return .json(200, .object(["success": .bool(true), "message": .string("The requested order has been deleted.")]))
        }
    }

    // MARK: Rendering

    /// The full order (L173): the request echoed with ShipStation's own fields, dates Pacific without offset (L95).
    static func render(_ order: ShipStationSimOrder, _ state: State) -> SimJSON {
        var json: SimJSON = order.body
        let created = ShipStationPacific.timestamp(order.created)
        let modified = ShipStationPacific.timestamp(order.modified)
        json["orderId"] = .number(Double(order.orderId))
        json["orderNumber"] = .string(order.orderNumber)
        json["orderKey"] = .string(order.orderKey)
        json["orderStatus"] = .string(order.status)
        json["orderDate"] = .string(ShipStationPacific.timestamp(order.orderDate))
        json["createDate"] = .string(created)
        json["modifyDate"] = .string(modified)
        json["shipDate"] = order.shipDate.map { .string(ShipStationPacific.midnight($0)) } ?? .null
        for name in ["paymentDate", "shipByDate", "holdUntilDate"] {
            if case .date(let date) = ShipStationPacific.parse(json[name]?.stringValue ?? "") {
                json[name] = .string(ShipStationPacific.timestamp(date))
            } else {
                json[name] = .null
            }
        }
        json["customerId"] = .null
        json["userId"] = .null
        json["externallyFulfilled"] = .bool(false)
        json["externallyFulfilledBy"] = .null
        var total = (json["shippingAmount"]?.doubleValue ?? 0) + (json["taxAmount"]?.doubleValue ?? 0)
        var items: [SimJSON] = []
        if case .array(let list)? = order.body["items"] {
            for (index, var item) in list.enumerated() {
                item["orderItemId"] = .number(Double(index < order.itemIDs.count ? order.itemIDs[index] : 0))
                item["createDate"] = .string(created)
                item["modifyDate"] = .string(modified)
                total += (item["quantity"]?.doubleValue ?? 0) * (item["unitPrice"]?.doubleValue ?? 0)
                items.append(item)
            }
        }
        json["items"] = .array(items)
        json["orderTotal"] = .number(total)
        var options = SimJSON.object([:])
        if case .object? = order.body["advancedOptions"], let given = order.body["advancedOptions"] { options = given }
        options["warehouseId"] = order.warehouseId.map { .number(Double($0)) } ?? .null
        options["storeId"] = .number(Double(order.storeId))
        options["source"] = options["source"] ?? .null
        options["mergedOrSplit"] = .bool(false)
        options["mergedIds"] = .array([])
        options["parentId"] = .null
        for name in ["customField1", "customField2", "customField3"] where options[name] == nil { options[name] = .null }
        json["advancedOptions"] = options
        return json
    }
}
