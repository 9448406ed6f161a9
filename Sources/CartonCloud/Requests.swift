import Foundation

/// Date formats CartonCloud uses: ISO 8601 date-times with an offset, and calendar dates `YYYY-MM-DD`.
public enum CartonCloudDateFormat {
    /// Parses `2026-03-13T12:10:04+10:00` (fractional seconds and `Z` accepted too).
    public static func parse(_ text: String) -> Date? {
        try? Date.ISO8601FormatStyle(includingFractionalSeconds: true).parse(text)
    }

    /// Formats `date` as `2026-03-13T12:10:04+10:00` in `timeZone` (always a numeric offset, never `Z`).
    public static func format(_ date: Date, timeZone: TimeZone) -> String {
        let text = Date.ISO8601FormatStyle(timeZoneSeparator: .colon, timeZone: timeZone).format(date)
        return text.hasSuffix("Z") ? String(text.dropLast()) + "+00:00" : text
    }
}

/// A calendar date (`details.collect.requiredDate`), never shifted through UTC.
public struct CalendarDate: Sendable, Hashable, Codable, CustomStringConvertible {
    public var year: Int
    public var month: Int
    public var day: Int

    public init(year: Int, month: Int, day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses `YYYY-MM-DD` (a longer ISO string is cut to its date part).
    public init?(_ text: String) {
        let parts = text.prefix(10).split(separator: "-").compactMap { Int($0) }
        guard parts.count == 3, (1...12).contains(parts[1]), (1...31).contains(parts[2]) else { return nil }
        self.init(year: parts[0], month: parts[1], day: parts[2])
    }

    /// The calendar day `date` falls on in `timeZone` (the Cin7 account's zone).
    public init(_ date: Date, in timeZone: TimeZone) {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let c = calendar.dateComponents([.year, .month, .day], from: date)
        self.init(year: c.year ?? 1970, month: c.month ?? 1, day: c.day ?? 1)
    }

    public var description: String { String(format: "%04d-%02d-%02d", year, month, day) }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let date = CalendarDate(text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not a date: \(text)"))
        }
        self = date
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}

/// A JSON tree for request bodies, so absent optionals are sent as `null` exactly where we choose.
enum JSONValue: Sendable, Encodable, Equatable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .null: try container.encodeNil()
        case .bool(let value): try container.encode(value)
        case .number(let value):
            if value == value.rounded(), abs(value) < 1e15 { try container.encode(Int64(value)) } else { try container.encode(value) }
        case .string(let value): try container.encode(value)
        case .array(let value): try container.encode(value)
        case .object(let value): try container.encode(value)
        }
    }

    /// A string, or `null` when absent or blank (CartonCloud: "" is a real empty value; use null for no data).
    static func text(_ value: String?) -> JSONValue {
        guard let value, !value.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { return .null }
        return .string(value)
    }

    func encoded() throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return Array(try encoder.encode(self))
    }
}

/// What to send to create an outbound (sale) order: built by the engine from a Cin7 sale.
public struct OutboundOrderRequest: Sendable, Hashable {
    /// A warehouse referenced by UUID or by its name "exactly as spelt in CartonCloud" (the API cannot list them).
    public enum WarehouseRef: Sendable, Hashable {
        case id(String)
        case name(String)
    }

    public struct Item: Sendable, Hashable {
        /// Product code (the Cin7 SKU) → `details.product.references.code`.
        public var code: String
        /// → `measures.quantity`.
        public var quantity: Double
        /// `details.unitOfMeasure.type`; nil = the product's default.
        public var unitOfMeasure: String?
        /// `properties` (e.g. `sop_custom_field_1`: the Cin7 line id).
        public var properties: [String: String]

        public init(code: String, quantity: Double, unitOfMeasure: String? = nil, properties: [String: String] = [:]) {
            self.code = code
            self.quantity = quantity
            self.unitOfMeasure = unitOfMeasure
            self.properties = properties
        }
    }

    /// `references.customer`: the fixed reference of the shipment unit (Cin7 order number with prefix).
    public var reference: String
    public var customerID: String
    /// nil = the tenant's default warehouse.
    public var warehouse: WarehouseRef?
    public var address: Address
    /// `details.deliver.instructions`.
    public var deliveryInstructions: String?
    /// `details.instructions` (packing instructions).
    public var packingInstructions: String?
    /// `details.collect.requiredDate`: the date the order should ship.
    public var requiredDate: CalendarDate?
    /// `details.deliver.requiredDate`.
    public var deliverBy: CalendarDate?
    public var urgent: Bool
    /// `details.deliver.method`.
    public var deliveryMethod: DeliveryMethod?
    public var allowSplitting: Bool?
    public var items: [Item]
    /// Extra entries of `references` (e.g. `alternateReference`: the Cin7 customer reference).
    public var extraReferences: [String: String]
    /// `properties`: custom fields under the tenant's "Mapped Field" names.
    public var properties: [String: String]

    public init(
        reference: String, customerID: String, warehouse: WarehouseRef? = nil, address: Address,
        deliveryInstructions: String? = nil, packingInstructions: String? = nil, requiredDate: CalendarDate? = nil,
        deliverBy: CalendarDate? = nil, urgent: Bool = false, deliveryMethod: DeliveryMethod? = nil,
        allowSplitting: Bool? = nil, items: [Item], extraReferences: [String: String] = [:],
        properties: [String: String] = [:]
    ) {
        self.reference = reference
        self.customerID = customerID
        self.warehouse = warehouse
        self.address = address
        self.deliveryInstructions = deliveryInstructions
        self.packingInstructions = packingInstructions
        self.requiredDate = requiredDate
        self.deliverBy = deliverBy
        self.urgent = urgent
        self.deliveryMethod = deliveryMethod
        self.allowSplitting = allowSplitting
        self.items = items
        self.extraReferences = extraReferences
        self.properties = properties
    }

    /// The request body as documented for `POST /tenants/{t}/outbound-orders`.
    var json: JSONValue {
        var references: [String: JSONValue] = extraReferences.mapValues { JSONValue.text($0) }
        references["customer"] = .string(reference)
        let warehouseJSON: JSONValue = switch warehouse {
        case .id(let id): .object(["id": .string(id)])
        case .name(let name): .object(["name": .string(name)])
        case nil: .null
        }
        var state: JSONValue = .null
        if let code = address.state?.code, !code.isEmpty {
            state = .object(["code": .string(code)])
        } else if let name = address.state?.name, !name.isEmpty {
            state = .object(["name": .string(name)])
        }
        var country: JSONValue = .null
        if let iso2 = address.country?.iso2Code, !iso2.isEmpty {
            country = .object(["iso2Code": .string(iso2)])
        } else if let iso3 = address.country?.iso3Code, !iso3.isEmpty {
            country = .object(["iso3Code": .string(iso3)])
        } else if let name = address.country?.name, !name.isEmpty {
            country = .object(["name": .string(name)])
        }
        let addressJSON: JSONValue = .object([
            "companyName": .text(address.companyName), "contactName": .text(address.contactName),
            "address1": .text(address.address1), "address2": .text(address.address2), "suburb": .text(address.suburb),
            "city": .text(address.city), "state": state, "postcode": .text(address.postcode), "country": country,
            "phone": .text(address.phone), "email": .text(address.email),
        ])
        var deliver: [String: JSONValue] = [
            "address": addressJSON, "instructions": .text(deliveryInstructions),
            "requiredDate": deliverBy.map { .string($0.description) } ?? .null,
        ]
        if let method = deliveryMethod {
            deliver["method"] = .object(["type": .text(method.type ?? "SHIPPING"), "requestedService": .text(method.requestedService)])
        }
        var details: [String: JSONValue] = [
            "urgent": .bool(urgent), "instructions": .text(packingInstructions),
            "collect": .object(["requiredDate": requiredDate.map { .string($0.description) } ?? .null]),
            "deliver": .object(deliver),
        ]
        if let allowSplitting { details["allowSplitting"] = .bool(allowSplitting) }
        let itemsJSON: [JSONValue] = items.map { item in
            var itemDetails: [String: JSONValue] = ["product": .object(["references": .object(["code": .string(item.code)])])]
            if let unit = item.unitOfMeasure, !unit.isEmpty { itemDetails["unitOfMeasure"] = .object(["type": .string(unit)]) }
            var object: [String: JSONValue] = ["details": .object(itemDetails), "measures": .object(["quantity": .number(item.quantity)])]
            if !item.properties.isEmpty { object["properties"] = .object(item.properties.mapValues { JSONValue.text($0) }) }
            return .object(object)
        }
        return .object([
            "type": .string("OUTBOUND"),
            "references": .object(references),
            "customer": .object(["id": .string(customerID)]),
            "warehouse": warehouseJSON,
            "details": .object(details),
            "properties": .object(properties.mapValues { JSONValue.text($0) }),
            "items": .array(itemsJSON),
        ])
    }
}

/// A search condition as documented (`AndCondition`/`OrCondition`, nested; comparison conditions on JsonField pointers).
public indirect enum SearchCondition: Sendable, Hashable {
    public enum TextMethod: String, Sendable, Hashable { case equalTo = "EQUAL_TO", notEqualTo = "NOT_EQUAL_TO", contains = "CONTAINS", doesNotContain = "DOES_NOT_CONTAIN", startsWith = "STARTS_WITH" }
    public enum Method: String, Sendable, Hashable {
        case equalTo = "EQUAL_TO", notEqualTo = "NOT_EQUAL_TO", greaterThan = "GREATER_THAN"
        case greaterThanOrEqualTo = "GREATER_THAN_OR_EQUAL_TO", lessThan = "LESS_THAN", lessThanOrEqualTo = "LESS_THAN_OR_EQUAL_TO"
    }

    case and([SearchCondition])
    case or([SearchCondition])
    case text(pointer: String, TextMethod, String)
    case dateTime(pointer: String, Method, Date)
    case date(pointer: String, Method, CalendarDate)
    case numeric(pointer: String, Method, Double)
    case boolean(pointer: String, Bool)

    /// `/references/customer` EQUAL_TO `reference`.
    public static func reference(_ reference: String, _ method: TextMethod = .equalTo) -> SearchCondition {
        .text(pointer: "/references/customer", method, reference)
    }
    /// `/customer/id` EQUAL_TO `id`.
    public static func customerID(_ id: String) -> SearchCondition { .text(pointer: "/customer/id", .equalTo, id) }
    public static func modified(_ method: Method, _ date: Date) -> SearchCondition {
        .dateTime(pointer: "/timestamps/modified/time", method, date)
    }
    public static func dispatched(_ method: Method, _ date: Date) -> SearchCondition {
        .dateTime(pointer: "/timestamps/dispatched/time", method, date)
    }
    public static func created(_ method: Method, _ date: Date) -> SearchCondition {
        .dateTime(pointer: "/timestamps/created/time", method, date)
    }

    func json(timeZone: TimeZone) -> JSONValue {
        func leaf(_ type: String, _ pointer: String, _ value: JSONValue, _ method: String?) -> JSONValue {
            var object: [String: JSONValue] = [
                "type": .string(type),
                "field": .object(["type": .string("JsonField"), "pointer": .string(pointer)]),
                "value": .object(["type": .string("ValueField"), "value": value]),
            ]
            if let method { object["method"] = .string(method) }
            return .object(object)
        }
        switch self {
        case .and(let list): return .object(["type": .string("AndCondition"), "conditions": .array(list.map { $0.json(timeZone: timeZone) })])
        case .or(let list): return .object(["type": .string("OrCondition"), "conditions": .array(list.map { $0.json(timeZone: timeZone) })])
        case .text(let pointer, let method, let value): return leaf("TextComparisonCondition", pointer, .string(value), method.rawValue)
        case .dateTime(let pointer, let method, let date):
            return leaf("DateTimeComparisonCondition", pointer, .string(CartonCloudDateFormat.format(date, timeZone: timeZone)), method.rawValue)
        case .date(let pointer, let method, let date): return leaf("DateComparisonCondition", pointer, .string(date.description), method.rawValue)
        case .numeric(let pointer, let method, let value): return leaf("NumericComparisonCondition", pointer, .number(value), method.rawValue)
        case .boolean(let pointer, let value): return leaf("BooleanComparisonCondition", pointer, .bool(value), nil)
        }
    }

    /// The request body: `{"condition": <And/Or>}` (a single comparison is wrapped in an AndCondition).
    func body(timeZone: TimeZone) -> JSONValue {
        switch self {
        case .and, .or: .object(["condition": json(timeZone: timeZone)])
        default: .object(["condition": SearchCondition.and([self]).json(timeZone: timeZone)])
        }
    }
}
