import Foundation

extension ShipStationSimulator {
    // MARK: GET /shipments

    /// Labels (shipstation-api.md §10.1): filters of L225 (`orderNumber` as a starts-with search like orders, L193 —
    /// the shipments page does not say), `includeShipmentItems` default false (L225), voided labels kept with
    /// `voided: true` and `voidDate` (L244), ascending `createDate` by default (L225), paged (L201).
    func listShipments(_ request: ShipStationRequest) -> ShipStationReply {
        let names = ["createDate", "shipDate", "voidDate"].flatMap { [$0 + "Start", $0 + "End"] }
        let dates: [String: Date]
        switch dateFilters(names, request) {
        case .success(let value): dates = value
        case .failure(let error): return error.reply
        }
        let includeItems = request.query["includeShipmentItems"]?.lowercased() == "true"
        let orderID = request.query["orderId"].flatMap(Int.init)
        let number = request.query["orderNumber"]
        let tracking = request.query["trackingNumber"]
        let carrier = request.query["carrierCode"]
        let rows = state.withLock { state -> [SimJSON] in
            state.shipments.filter { shipment in
                let order = state.orders[shipment.orderId]
                return (orderID.map { shipment.orderId == $0 } ?? true) && (number.map { order?.orderNumber.hasPrefix($0) == true } ?? true)
                    && (tracking.map { shipment.trackingNumber == $0 } ?? true) && (carrier.map { shipment.carrierCode == $0 } ?? true)
                    && Self.within(shipment.created, "createDate", dates)
                    && Self.within(ShipStationPacific.calendar.startOfDay(for: shipment.shipDate), "shipDate", dates)
                    && (dates["voidDateStart"] == nil && dates["voidDateEnd"] == nil || Self.within(shipment.voidDate, "voidDate", dates))
            }
            .sorted { ($0.created, $0.shipmentId) < ($1.created, $1.shipmentId) }
            .map { Self.render($0, order: state.orders[$0.orderId], includeItems: includeItems) }
        }
        return paged("shipments", rows, request)
    }

    /// One `/shipments` row with the fields of L229-L240: `createDate` Pacific timestamp, `shipDate` a day (L95).
    static func render(_ shipment: ShipStationSimShipment, order: ShipStationSimOrder?, includeItems: Bool) -> SimJSON {
        var items = SimJSON.null
        if includeItems {
            let lines = order?.lines ?? []
            items = .array(
                shipment.items.map { item in
                    let line = lines.first { $0.sku == item.sku }
                    var row: [String: SimJSON] = ["sku": .string(item.sku), "quantity": .number(Double(item.quantity))]
                    row["orderItemId"] = line.map { SimJSON.number(Double($0.id)) } ?? .null
                    row["lineItemKey"] = line?.key.map(SimJSON.string) ?? .null
                    row["name"] = .string(line?.name ?? item.sku)
                    row["unitPrice"] = .null
                    row["weight"] = .null
                    row["options"] = .array([])
                    return .object(row)
                }
            )
        }
        var row: [String: SimJSON] = [:]
        row["shipmentId"] = .number(Double(shipment.shipmentId))
        row["orderId"] = .number(Double(shipment.orderId))
        row["orderKey"] = order.map { SimJSON.string($0.orderKey) } ?? .null
        row["orderNumber"] = order.map { SimJSON.string($0.orderNumber) } ?? .null
        row["userId"] = .null
        row["customerEmail"] = order?.body["customerEmail"] ?? .null
        row["createDate"] = .string(ShipStationPacific.timestamp(shipment.created))
        row["shipDate"] = .string(ShipStationPacific.day(shipment.shipDate))
        row["shipmentCost"] = .number(2.35)
        row["insuranceCost"] = .number(0)
        row["trackingNumber"] = .string(shipment.trackingNumber)
        row["isReturnLabel"] = .bool(false)
        row["batchNumber"] = .null
        row["carrierCode"] = .string(shipment.carrierCode)
        row["serviceCode"] = shipment.serviceCode.map(SimJSON.string) ?? .null
        row["packageCode"] = .string("package")
        row["confirmation"] = .string("none")
        row["warehouseId"] = order?.warehouseId.map { SimJSON.number(Double($0)) } ?? .null
        row["voided"] = .bool(shipment.voided)
        row["voidDate"] = shipment.voidDate.map { SimJSON.string(ShipStationPacific.timestamp($0)) } ?? .null
        row["marketplaceNotified"] = .bool(true)
        row["notifyErrorMessage"] = .null
        row["shipTo"] = order?.body["shipTo"] ?? .null
        row["weight"] = .object(["value": .number(6), "units": .string("ounces"), "WeightUnits": .number(1)])
        row["dimensions"] = .null
        row["insuranceOptions"] = .null
        row["advancedOptions"] = .object(["storeId": order.map { SimJSON.number(Double($0.storeId)) } ?? .null])
        row["shipmentItems"] = items
        row["labelData"] = .null
        row["formData"] = .null
        return .object(row)
    }

    // MARK: GET /fulfillments

    /// Orders marked shipped without a label (L249-L250): the shipments filters minus carrier/service, plus
    /// `fulfillmentId`; `shipDate` a midnight timestamp (L95).
    func listFulfillments(_ request: ShipStationRequest) -> ShipStationReply {
        let names = ["createDate", "shipDate"].flatMap { [$0 + "Start", $0 + "End"] }
        let dates: [String: Date]
        switch dateFilters(names, request) {
        case .success(let value): dates = value
        case .failure(let error): return error.reply
        }
        let orderID = request.query["orderId"].flatMap(Int.init)
        let fulfillmentID = request.query["fulfillmentId"].flatMap(Int.init)
        let number = request.query["orderNumber"]
        let rows = state.withLock { state -> [SimJSON] in
            state.fulfillments.filter { row in
                (orderID.map { row.orderId == $0 } ?? true) && (fulfillmentID.map { row.fulfillmentId == $0 } ?? true)
                    && (number.map { state.orders[row.orderId]?.orderNumber.hasPrefix($0) == true } ?? true)
                    && Self.within(row.created, "createDate", dates)
                    && Self.within(ShipStationPacific.calendar.startOfDay(for: row.shipDate), "shipDate", dates)
            }
            .sorted { ($0.created, $0.fulfillmentId) < ($1.created, $1.fulfillmentId) }
            .map { Self.render($0, order: state.orders[$0.orderId]) }
        }
        return paged("fulfillments", rows, request)
    }

    /// One `/fulfillments` row with the fields of L250.
    static func render(_ fulfillment: ShipStationSimFulfillment, order: ShipStationSimOrder?) -> SimJSON {
        var row: [String: SimJSON] = [:]
        row["fulfillmentId"] = .number(Double(fulfillment.fulfillmentId))
        row["orderId"] = .number(Double(fulfillment.orderId))
        row["orderNumber"] = order.map { SimJSON.string($0.orderNumber) } ?? .null
        row["userId"] = .null
        row["customerEmail"] = order?.body["customerEmail"] ?? .null
        row["trackingNumber"] = fulfillment.trackingNumber.map(SimJSON.string) ?? .null
        row["createDate"] = .string(ShipStationPacific.timestamp(fulfillment.created))
        row["shipDate"] = .string(ShipStationPacific.midnight(fulfillment.shipDate))
        row["voidDate"] = .null
        row["deliveryDate"] = .null
        row["carrierCode"] = fulfillment.carrierCode.map(SimJSON.string) ?? .null
        row["fulfillmentProviderCode"] = .null
        row["fulfillmentServiceCode"] = .null
        row["fulfillmentFee"] = .number(0)
        row["voidRequested"] = .bool(false)
        row["voided"] = .bool(fulfillment.voided)
        row["marketplaceNotified"] = .bool(false)
        row["notifyErrorMessage"] = .null
        row["shipTo"] = order?.body["shipTo"] ?? .null
        return .object(row)
    }

    // MARK: Warehouses, stores, carriers

    /// A bare array (L286-L287).
    func listWarehouses() -> ShipStationReply {
        let warehouses = configuration.warehouses
        let created = ShipStationPacific.timestamp(Date(timeIntervalSince1970: 1_500_000_000))
        return .json(
            200,
            .array(
                warehouses.map { warehouse in
                    let address: SimJSON = .object([
                        "name": .string(warehouse.name), "company": .null, "street1": .string("1 Depot Rd"), "street2": .null, "street3": .null,
                        "city": .string("Austin"), "state": .string("TX"), "postalCode": .string("78701"), "country": .string("US"),
                        "phone": .null, "residential": .bool(false), "addressVerified": .null,
                    ])
                    return .object([
                        "warehouseId": .number(Double(warehouse.id)), "warehouseName": .string(warehouse.name), "originAddress": address,
                        "returnAddress": address, "createDate": .string(created), "isDefault": .bool(warehouse.isDefault),
                    ])
                }
            )
        )
    }

    /// A bare array (L288); inactive stores only with `showInactive=true`.
    func listStores(_ request: ShipStationRequest) -> ShipStationReply {
        let showInactive = request.query["showInactive"]?.lowercased() == "true"
        let created = ShipStationPacific.timestamp(Date(timeIntervalSince1970: 1_500_000_000))
        return .json(
            200,
            .array(
                configuration.stores.filter { showInactive || $0.active }.map { store in
                    .object([
                        "storeId": .number(Double(store.id)), "storeName": .string(store.name),
                        "marketplaceId": .number(store.isManual ? 0 : 1), "marketplaceName": .string(store.marketplaceName),
                        "active": .bool(store.active), "refreshDate": .null, "createDate": .string(created), "modifyDate": .string(created),
                        "autoRefresh": .bool(!store.isManual),
                    ])
                }
            )
        )
    }

    /// A bare array (L289).
    func listCarriers() -> ShipStationReply {
        .json(
            200,
            .array(
                configuration.carriers.enumerated().map { index, carrier in
                    .object([
                        "name": .string(carrier.name), "code": .string(carrier.code), "accountNumber": .string("ACC\(1000 + index)"),
                        "requiresFundedAccount": .bool(carrier.code == "stamps_com"), "balance": .number(0), "nickname": .null,
                        "shippingProviderId": .number(Double(10_000 + index)), "primary": .bool(carrier.primary),
                    ])
                }
            )
        )
    }
}
