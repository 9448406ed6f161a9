import Foundation

/// How the simulator answers when a caller is over its rate limit (the sources disagree; live Cin7 uses all three).
public enum Cin7ThrottleShape: String, Sendable, Codable, CaseIterable {
    /// 503 with `You reached 60 calls per minute API limit` (the 2024 blueprint; live `/saleList`).
    case http503
    /// 429 with `{"ErrorCode":429,"Exception":"You reached 60 calls per minute API limit"}` (the newer blueprint).
    case http429
    /// 400 with `[{"ErrorCode":400,"Exception":"You have reached 60 calls per 60 seconds API limit."}]` (live `/purchase`).
    case http400Array
}

/// How validation and not-found errors are shaped.
public enum Cin7ErrorShape: String, Sendable, Codable, CaseIterable {
    /// `[{"ErrorCode":…,"Exception":…}]` with the error status.
    case array
    /// `{"ErrorCode":…,"Exception":…}` with the error status.
    case object
    /// `[{"ErrorCode":…,"Exception":…}]` with status 200.
    case okWithErrorModel
}

/// What an unknown path answers.
public enum Cin7UnknownPathAnswer: String, Sendable, Codable, CaseIterable {
    case notFound
    /// 200 with an HTML "Page not found" (live behaviour for wrong paths).
    case htmlPage
}

public struct Cin7SimulatorConfiguration: Sendable {
    public var accountID: String = UUID().uuidString.lowercased()
    public var applicationKey: String = UUID().uuidString.lowercased()
    public var companyName: String = "Harbour Outdoor Co"
    public var rateLimit: Int = 60
    public var rateWindow: TimeInterval = 60
    public var rateLimitEnabled: Bool = true
    public var throttleShape: Cin7ThrottleShape = .http503
    public var errorShape: Cin7ErrorShape = .array
    public var unknownPathAnswer: Cin7UnknownPathAnswer = .notFound
    /// Reject ship and tracking writes whose `Carrier` is not in `ref/carrier`. On by default: the ship line's
    /// `Carrier` is the "Carrier referenced by this Line" (cin7-core-api-v2.apib ~L29862), carriers being records of
    /// `ref/carrier` (~L697); the digest notes the live behaviour is unconfirmed (cin7-core-api.md ~L354), hence the switch.
    public var rejectUnknownCarrierOnShip: Bool = true
    /// A Simple Sale's fulfilment `TaskID` equal to its `SaleID`. Off by default: the document says so only of
    /// Service Sales (cin7-core-api-v2.apib ~L20040 "For Service Sale `TaskID` Always = `SaleID`").
    public var simpleSaleTaskIDIsSaleID: Bool = false
    /// Keep a `TrackingURL` sent in a ship POST/PUT. Off by default: the field table says "Read-only"
    /// (cin7-core-api-v2.apib ~L29865); the request examples send it empty (~L23788), which is still accepted.
    public var storeTrackingURLFromWrites: Bool = false
    /// The account's `me` → `TimeZone` (cin7-core-api-v2.apib ~L3750, example "Europe/Moscow" ~L3788).
    public var timeZone: String = "Australia/Melbourne"
    public var faults: SimulatorFaults = .none
    public var seed: UInt64 = 1

    public init() {}
}

/// A sale line for the control API.
public struct SimLine: Sendable, Hashable, Codable {
    public var sku: String
    public var quantity: Double
    public var dropShip: Bool
    public init(sku: String, quantity: Double, dropShip: Bool = false) {
        self.sku = sku
        self.quantity = quantity
        self.dropShip = dropShip
    }
}

/// A shipping address for the control API. `country` is an ISO-2 code or a country name.
public struct SimAddress: Sendable, Hashable, Codable {
    public var line1: String
    public var line2: String
    public var city: String
    public var state: String
    public var postcode: String
    public var country: String
    public var company: String
    public var contact: String
    public init(
        line1: String = "12 Dock Rd",
        line2: String = "",
        city: String = "Geelong",
        state: String = "VIC",
        postcode: String = "3220",
        country: String = "AU",
        company: String = "",
        contact: String = ""
    ) {
        self.line1 = line1
        self.line2 = line2
        self.city = city
        self.state = state
        self.postcode = postcode
        self.country = country
        self.company = company
        self.contact = contact
    }
}

/// A sale to create with `Cin7Simulator.createSale`.
public struct SimSaleDraft: Sendable {
    public var customer: String
    /// Name of a location or bin.
    public var location: String
    public var lines: [SimLine]
    /// Additional charge descriptions, e.g. "Freight".
    public var additionalCharges: [String]
    public var shippingAddress: SimAddress
    public var phone: String
    public var email: String
    public var shippingNotes: String
    public var memo: String
    public var customerReference: String
    /// `yyyy-MM-dd`.
    public var shipBy: String?
    /// nil: a Simple Sale; otherwise an Advanced Sale with one fulfilment per entry.
    public var advancedFulfilments: [[SimLine]]?
    public var backordered: Bool
    public var externalID: String?

    public init(
        customer: String,
        location: String,
        lines: [SimLine],
        additionalCharges: [String] = [],
        shippingAddress: SimAddress = SimAddress(),
        phone: String = "",
        email: String = "",
        shippingNotes: String = "",
        memo: String = "",
        customerReference: String = "",
        shipBy: String? = nil,
        advancedFulfilments: [[SimLine]]? = nil,
        backordered: Bool = false,
        externalID: String? = nil
    ) {
        self.customer = customer
        self.location = location
        self.lines = lines
        self.additionalCharges = additionalCharges
        self.shippingAddress = shippingAddress
        self.phone = phone
        self.email = email
        self.shippingNotes = shippingNotes
        self.memo = memo
        self.customerReference = customerReference
        self.shipBy = shipBy
        self.advancedFulfilments = advancedFulfilments
        self.backordered = backordered
        self.externalID = externalID
    }
}

public struct SimSaleRef: Sendable, Hashable {
    public var saleID: String
    public var orderNumber: String
}

public struct SimShipLineSnapshot: Sendable, Hashable {
    public var id: String
    public var shipmentDate: String
    public var carrier: String
    public var box: String
    public var trackingNumber: String
    public var trackingURL: String
    public var isShipped: Bool
}

public struct SimFulfilmentSnapshot: Sendable, Hashable {
    public var taskID: String
    public var number: Int
    public var pickStatus: String
    public var packStatus: String
    public var shipStatus: String
    public var fulfilmentStatus: String
    public var pickLineCount: Int
    public var packLineCount: Int
    public var shipLines: [SimShipLineSnapshot]
}

public struct SimSaleSnapshot: Sendable, Hashable {
    public var saleID: String
    public var orderNumber: String
    public var type: String
    public var status: String
    public var orderStatus: String
    public var combinedPickingStatus: String
    public var combinedPackingStatus: String
    public var combinedShippingStatus: String
    public var fulfilmentStatus: String
    public var combinedTrackingNumbers: String
    public var updated: Date
    public var fulfilments: [SimFulfilmentSnapshot]
}

public struct Cin7SimulatorStats: Sendable, Equatable {
    public var totalRequests: Int = 0
    /// When the first and the latest request arrived (since the last reset).
    public var firstRequestAt: Date?
    public var lastRequestAt: Date?
    public var throttledResponses: Int = 0
    public var rejectedCredentials: Int = 0
    /// Keyed `"METHOD path"` with the canonical lower-case path, e.g. `"GET salelist"`.
    public var requestsByEndpoint: [String: Int] = [:]
    /// Successful `POST sale/fulfilment/ship` per sale ID.
    public var shipPostsBySale: [String: Int] = [:]
    /// Every pick, pack and ship write that reached the API (past credentials, throttling and injected 5xx), accepted
    /// or refused, per task ID (lowercased) and `"METHOD step"` (e.g. `"POST ship"`): a write re-sent after a crash
    /// shows here even when Cin7 refused it, which `shipPostsBySale` cannot show.
    public var fulfilmentWrites: [String: [String: Int]] = [:]
    /// Injected faults by kind (`serverError`, `malformed`, `drop`, `hang`).
    public var faultsInjected: [String: Int] = [:]

    public init() {}

    public func count(_ method: String, _ path: String) -> Int { requestsByEndpoint["\(method.uppercased()) \(path.lowercased())"] ?? 0 }

    /// How many `method` writes of `step` (`pick`, `pack`, `ship`) reached the API for `taskID`, accepted or refused.
    public func writes(task taskID: String, _ method: String, _ step: String) -> Int {
        fulfilmentWrites[taskID.lowercased()]?["\(method.uppercased()) \(step.lowercased())"] ?? 0
    }
}

/// What `seedDemoData` created.
public struct Cin7DemoSeed: Sendable {
    public var locationIDs: [String: String]
    public var skus: [String]
    public var customers: [String]
    public var sales: [SimSaleRef]
}
