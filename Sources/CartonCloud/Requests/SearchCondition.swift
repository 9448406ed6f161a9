import BridgeSupport
import Foundation

/// A search condition as documented (`AndCondition`/`OrCondition`, nested; comparison conditions on JsonField pointers).
public indirect enum SearchCondition: Sendable, Hashable {
    public enum TextMethod: String, Sendable, Hashable {
        case equalTo = "EQUAL_TO"
        case notEqualTo = "NOT_EQUAL_TO"
        case contains = "CONTAINS"
        case doesNotContain = "DOES_NOT_CONTAIN"
        case startsWith = "STARTS_WITH"
    }
    public enum Method: String, Sendable, Hashable {
        case equalTo = "EQUAL_TO"
        case notEqualTo = "NOT_EQUAL_TO"
        case greaterThan = "GREATER_THAN"
        case greaterThanOrEqualTo = "GREATER_THAN_OR_EQUAL_TO"
        case lessThan = "LESS_THAN"
        case lessThanOrEqualTo = "LESS_THAN_OR_EQUAL_TO"
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
