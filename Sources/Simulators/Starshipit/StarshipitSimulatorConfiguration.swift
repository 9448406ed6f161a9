import Foundation

/// How the simulated Starshipit account is set up. Where starshipit-api.md is silent or its sources conflict, a switch
/// with both behaviours (each cites the line).
public struct StarshipitSimulatorConfiguration: Sendable {
    /// `StarShipIT-Api-Key`: selects the account (L41).
    public var apiKey: String = StarshipitSimulatorConfiguration.randomKey()
    /// `Ocp-Apim-Subscription-Key`: selects the tier and rate limit (L41).
    public var subscriptionKey: String = StarshipitSimulatorConfiguration.randomKey()
    public var accountName: String = "Demo Warehouse"
    /// The subscription's tier: Developer 2 requests per second, Production 20 (L17, L55).
    public var tier: StarshipitSimTier = .developer
    /// Requests per second, overriding the tier's (tests, benchmarks).
    public var requestsPerSecond: Int?
    public var rateLimitEnabled: Bool = true
    /// Whether a 429 carries `Retry-After: 1`. Not documented (L58 gap); APIM usually sends it (L59-60).
    public var retryAfterHeader: Bool = true
    /// What a second order with an existing `order_number` does; the sources conflict (L170-185).
    public var duplicatePolicy: StarshipitSimDuplicatePolicy = .allow
    /// HTTP status of a business error (validation, refused delete): not documented (L69); 400 with `success:false`,
    /// or 200 with `success:false` (L73).
    public var businessErrorStatus: Int = 400
    /// HTTP status of an order not found: not captured (L193); 404 with `success:false`, or 200 with `success:false`.
    public var notFoundStatus: Int = 404
    /// `order_date` without `Z` as real payloads send it (L84, L91), or with `Z` as the docs show (L82).
    public var orderDatesWithoutZ: Bool = true
    /// Whether `GET /api/orders/search` finds unshipped orders: its `status=All|Unshipped|Shipped` parameter says yes,
    /// its description says it searches printed orders (L202).
    public var searchIncludesUnshipped: Bool = true
    /// The shape of a `GET /api/orders` list; the sources conflict (L200): an `order` list (T4), or
    /// `{page_number, page_size, total_pages, total_records, data: {orders}}` (T5 fixture).
    public var listNestedInData: Bool = false
    /// What `since_created_date` on `GET /api/orders/shipments` compares with. Not documented (L262 names only the
    /// filter; `date` in the answer is the print time): the print time (default), or the order's creation
    /// (`order_date`), as the name suggests.
    public var shipmentsSinceComparesOrderDate: Bool = false
    /// The window `since_*` filters default to when omitted: the last 24 hours (L201, L253, L333).
    public var defaultSinceWindow: TimeInterval = 24 * 3600
    /// Whether the subscription's plan includes the API. The notes are silent on 403 [gap]; off answers 403 with the
    /// envelope, for testing plan problems.
    public var planIncludesAPI: Bool = true
    /// The first `order_id` handed out (L210's example id).
    public var firstOrderID: Int = 1_020_304_051
    /// Page size when a `page`/`limit` request gives none (default 50, L201, L253).
    public var defaultLimit: Int = 50
    public var faults: SimulatorFaults = .none
    public var seed: UInt64 = 3

    public init() {}

    public static func randomKey() -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<16).map { _ in String(format: "%02x", UInt8.random(in: 0...255, using: &generator)) }.joined()
    }

    /// Requests per second the account answers before 429.
    public var effectiveRequestsPerSecond: Int { requestsPerSecond ?? tier.requestsPerSecond }
}

/// The subscription tier (L17, L55).
public enum StarshipitSimTier: String, Sendable, CaseIterable {
    case developer, production

    public var requestsPerSecond: Int { self == .developer ? 2 : 20 }
}

/// Duplicate `order_number` behaviour (L185): the sources conflict (L172-174).
public enum StarshipitSimDuplicatePolicy: String, Sendable, CaseIterable {
    /// "creating the same order_number twice may create a duplicate" (L174): a second order is created.
    case allow
    /// "409 if order number already exists" (L173): `{"success":false,"errors":[{"message":"Order number already
    /// exists","details":"<n>"}]}` (L185).
    case reject409
    /// The existing order is returned and nothing is created (L185).
    case returnExisting
}
