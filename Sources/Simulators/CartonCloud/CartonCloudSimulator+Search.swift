import Foundation

extension CartonCloudSimulator {
    enum SearchResource {
        case outboundOrders, consignments, warehouseProducts

        /// Documented JsonField pointers → where the value sits in the rendered entity.
        var pointers: [String: String] {
            switch self {
            case .outboundOrders:
                [
                    "/references/customer": "/references/customer", "/customer/name": "/customer/name",
                    "/customer/id": "/customer/id", "/timestamps/created/time": "/timestamps/created/time",
                    "/timestamps/modified/time": "/timestamps/modified/time",
                    "/timestamps/dispatched/time": "/timestamps/dispatched/time",
                    "/timestamps/packed/time": "/timestamps/packed/time",
                ]
            case .consignments:
                ["/generatedFromTask/id": "/generatedFromTask/id", "/details/type": "/details/type"]
            case .warehouseProducts:
                [
                    "/id": "/id", "/code": "/references/code", "/name": "/name", "/customer/id": "/customer/id",
                    "/customer/name": "/customer/name", "/details/active": "/details/active",
                    "/timestamps/created/time": "/timestamps/created/time",
                    "/timestamps/modified/time": "/timestamps/modified/time",
                ]
            }
        }

        /// Documented (deprecated) ValueField keys. nil target: documented but never matches here (run sheets,
        /// drivers and delivery runs are not simulated).
        var valueFields: [String: String?] {
            switch self {
            case .outboundOrders:
                ["reference": "/references/customer", "customerName": "/customer/name", "customerId": "/customer/id"]
            case .consignments:
                [
                    "reference": "/references/customer", "customerName": "/customer/name", "customerId": "/customer/id",
                    "runSheetId": nil, "runSheetDate": nil, "runSheetName": nil, "runSheetStatus": nil, "driverId": nil,
                    "driverName": nil, "deliveryRunId": nil, "deliveryRunName": nil,
                ]
            case .warehouseProducts:
                [:]
            }
        }
    }

    struct SearchError: Error { var message: String }

    /// What an entity was rendered from: a render is reused while its stamp is unchanged.
    struct RenderStamp: Equatable, Sendable {
        var version: Int
        var modified: Date
        var status: String
        var timeZoneOffset: Int
    }

    func search(_ request: SimRequest, resource: SearchResource) -> SimReply {
        guard let body = request.json, let condition = body["condition"], case .object = condition else {
            return .errors(400, [("/condition", "A search condition must be provided.")])
        }
        let minimal = request.header("Prefer")?.contains("return=minimal") == true
        let entities: [SimJSON] = state.withLock { state in
            switch resource {
            case .outboundOrders:
                state.orderSequence.compactMap { state.orders[$0] }.filter { !$0.deleted }.map { order in
                    state.rendered(order.id, version: order.version, modified: order.modified, status: order.status) { render(order, $0) }
                }
            case .consignments:
                state.consignmentSequence.compactMap { state.consignments[$0] }
                    .filter { state.orders[$0.orderID]?.deleted != true }.map { consignment in
                        state.rendered(consignment.id, version: consignment.version, modified: consignment.modified, status: consignment.status) {
                            render(consignment, $0)
                        }
                    }
            case .warehouseProducts:
                state.products.map { render($0, state) }
            }
        }
        do {
            // Validate fields and methods even when nothing is there to match.
            _ = try evaluate(condition, on: .object([:]), resource)
            var matches: [SimJSON] = []
            for entity in entities where try evaluate(condition, on: entity, resource) { matches.append(entity) }
            return paged(matches, request, minimal: minimal)
        } catch let error as SearchError {
            return .errors(400, [("/condition", error.message)])
        } catch {
            return .error(400, "Request is invalid")
        }
    }

    private func evaluate(_ condition: SimJSON, on entity: SimJSON, _ resource: SearchResource) throws -> Bool {
        guard let type = condition["type"]?.stringValue else { throw SearchError(message: "Condition type missing") }
        switch type {
        case "AndCondition", "OrCondition":
            guard case .array(let list)? = condition["conditions"] else { throw SearchError(message: "\(type) needs conditions") }
            let results = try list.map { try evaluate($0, on: entity, resource) }
            return type == "AndCondition" ? !results.contains(false) : results.contains(true)
        case "TextComparisonCondition", "DateTimeComparisonCondition", "DateComparisonCondition",
            "NumericComparisonCondition", "BooleanComparisonCondition":
            guard let target = try resolve(condition["field"], resource) else { return false }
            let actual = entity.at(pointer: target)
            guard let expected = condition.at(pointer: "/value/value") else { throw SearchError(message: "Condition value missing") }
            let method = condition["method"]?.stringValue ?? "EQUAL_TO"
            return try compare(type: type, method: method, actual: actual, expected: expected)
        default:
            throw SearchError(message: "Unknown condition type \(type)")
        }
    }

    /// The pointer into the rendered entity for a condition's `field`; nil for a documented key that never matches.
    private func resolve(_ field: SimJSON?, _ resource: SearchResource) throws -> String? {
        guard let field, let type = field["type"]?.stringValue else { throw SearchError(message: "Condition field missing") }
        if type == "JsonField", let pointer = field["pointer"]?.stringValue {
            guard let target = resource.pointers[pointer] else { throw SearchError(message: "Unsupported search field \(pointer)") }
            return target
        }
        if type == "ValueField", let name = field["value"]?.stringValue {
            guard let target = resource.valueFields[name] else { throw SearchError(message: "Unsupported search field \(name)") }
            return target
        }
        throw SearchError(message: "Unsupported field type \(type)")
    }

    private func compare(type: String, method: String, actual: SimJSON?, expected: SimJSON) throws -> Bool {
        guard let actual, actual != .null else { return false }
        func ordered<T: Comparable>(_ lhs: T, _ rhs: T) throws -> Bool {
            switch method {
            case "EQUAL_TO": lhs == rhs
            case "NOT_EQUAL_TO": lhs != rhs
            case "GREATER_THAN": lhs > rhs
            case "GREATER_THAN_OR_EQUAL_TO": lhs >= rhs
            case "LESS_THAN": lhs < rhs
            case "LESS_THAN_OR_EQUAL_TO": lhs <= rhs
            default: throw SearchError(message: "Unsupported method \(method)")
            }
        }
        switch type {
        case "TextComparisonCondition":
            // Compared without regard to case (as a database collation would); documents are silent.
            guard let lhs = actual.stringValue?.lowercased(), let rhs = expected.stringValue?.lowercased() else { return false }
            switch method {
            case "EQUAL_TO": return lhs == rhs
            case "NOT_EQUAL_TO": return lhs != rhs
            case "CONTAINS": return lhs.contains(rhs)
            case "DOES_NOT_CONTAIN": return !lhs.contains(rhs)
            case "STARTS_WITH": return lhs.hasPrefix(rhs)
            default: throw SearchError(message: "Unsupported method \(method)")
            }
        case "DateTimeComparisonCondition":
            guard let rhsText = expected.stringValue, let rhs = Self.parseTimestamp(rhsText) else {
                throw SearchError(message: "Invalid ISO 8601 date time \(expected.stringValue ?? "")")
            }
            guard let lhsText = actual.stringValue, let lhs = Self.parseTimestamp(lhsText) else { return false }
            return try ordered(lhs, rhs)
        case "DateComparisonCondition":
            guard let lhs = actual.stringValue?.prefix(10), let rhs = expected.stringValue?.prefix(10) else { return false }
            return try ordered(String(lhs), String(rhs))
        case "NumericComparisonCondition":
            guard let lhs = actual.doubleValue, let rhs = expected.doubleValue else { return false }
            return try ordered(lhs, rhs)
        default:
            guard let lhs = actual.boolValue, let rhs = expected.boolValue else { return false }
            return lhs == rhs
        }
    }
}

extension CartonCloudSimulator.State {
    /// The cached render of entity `id` while it is unchanged, else a fresh one (remembered).
    mutating func rendered(_ id: String, version: Int, modified: Date, status: String, _ render: (Self) -> SimJSON) -> SimJSON {
        let stamp = CartonCloudSimulator.RenderStamp(
            version: version,
            modified: modified,
            status: status,
            timeZoneOffset: configuration.timeZoneOffsetSeconds
        )
        if let cached = searchRenders[id], cached.stamp == stamp { return cached.json }
        let json = render(self)
        searchRenders[id] = (stamp, json)
        return json
    }
}
