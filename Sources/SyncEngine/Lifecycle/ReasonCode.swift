/// Why a unit is skipped, retrying or needs attention: a stable code that groups like units ("retry all with this
/// reason"), says whether a configuration change can lift it, what a person should do, and which operator actions
/// apply. Stored as its raw text (`unknown_sku`, `unmapped_location`, …), so rows written by any version read back;
/// text no version of this type knows decodes as `unrecognised` and keeps its text.
public enum ReasonCode: Hashable, Sendable {
    // Routing: the sale is not for the warehouse (state `skipped`).
    /// The sale's status is not among the statuses imported.
    case status
    /// Voided in Cin7 before it reached the warehouse (skipped, or cancelled once it was routed).
    case voided
    case alreadyShipped
    /// The sale's location maps to no warehouse and there is no default.
    case unmappedLocation
    case beforeGoLive
    case noStockLines
    case serviceSale
    /// Skipped by a person, with a note.
    case operatorSkip
    /// Waiting for Cin7: an Advanced Sale with no fulfilment yet, or a fulfilment whose pick nobody has filled in.
    case awaitingFulfilment

    // The warehouse's side.
    /// Rejected by the warehouse for a product it does not know.
    case unknownSKU
    /// Rejected by the warehouse for another reason.
    case rejected
    case shortShipped
    case cancelledInWarehouse
    /// The warehouse no longer has the order (deleted there by staff).
    case warehouseOrderNotFound
    /// The shipping label was voided after Cin7 was told the order shipped.
    case labelVoided

    // Changes in Cin7 after routing.
    case voidedAfterDispatch
    /// Voided in Cin7, but the warehouse would not cancel its order.
    case voidedInWarehouse
    case changedAfterSend
    /// Changed in Cin7 before sending, and the new version could not be read.
    case cin7RereadFailed

    // The engine.
    /// The unit has no order the warehouse can be sent (read the sale again).
    case orderNotPrepared
    /// A base URL in the configuration is not an address.
    case configuration
    case storage
    /// An event that does not apply to the unit's state.
    case notPossibleNow
    /// An error no classification knows; retried.
    case unclassified

    // Cin7 answers (`Cin7Error`).
    case cin7Throttled, cin7Transient, cin7NotTheAPI, cin7RejectedCredentials, cin7Validation, cin7NotFound, cin7Malformed, cin7InsecureURL

    /// How a call to the warehouse platform failed, naming the platform (stored as `cartoncloud_throttled`,
    /// `shipstation_credentials`, …).
    case warehouse(WarehousePlatform, WarehouseFailure)

    /// Text from a stored row that this version does not know (written by a newer one, or a retired code).
    case unrecognised(String)

    /// Every code this version knows. A new case belongs here too (the tests check that each one round-trips).
    public static let known: [ReasonCode] =
        [
            .status, .voided, .alreadyShipped, .unmappedLocation, .beforeGoLive, .noStockLines, .serviceSale, .operatorSkip, .awaitingFulfilment,
            .unknownSKU, .rejected, .shortShipped, .cancelledInWarehouse, .warehouseOrderNotFound, .labelVoided,
            .voidedAfterDispatch, .voidedInWarehouse, .changedAfterSend, .cin7RereadFailed,
            .orderNotPrepared, .configuration, .storage, .notPossibleNow, .unclassified,
            .cin7Throttled, .cin7Transient, .cin7NotTheAPI, .cin7RejectedCredentials, .cin7Validation, .cin7NotFound, .cin7Malformed,
            .cin7InsecureURL,
        ] + WarehousePlatform.allCases.flatMap { platform in WarehouseFailure.allCases.map { .warehouse(platform, $0) } }

    private static let byText: [String: ReasonCode] = Dictionary(uniqueKeysWithValues: known.map { ($0.rawValue, $0) })

    public var isRecognised: Bool {
        if case .unrecognised = self { return false }
        return true
    }

    /// Skips that a later change to the sale may lift, so intake looks again when the sale changes.
    public var reconsideredOnSaleChange: Bool {
        switch self {
        case .status, .beforeGoLive, .alreadyShipped, .unmappedLocation, .noStockLines, .awaitingFulfilment: true
        default: false
        }
    }

    /// Skips that a configuration change may lift: "re-evaluate" routes them again.
    public var reevaluatedOnConfigurationChange: Bool { actions.contains(.reevaluate) }

    /// The operator actions that make sense for a unit held for this reason (the unit's state decides too: see
    /// `ShipmentUnit.retryableStates` and `skippableStates`). Retry on a skipped sale reads it again from Cin7.
    public var actions: Set<OperatorAction> {
        switch self {
        case .status, .unmappedLocation, .beforeGoLive, .noStockLines, .awaitingFulfilment: [.retry, .reevaluate]
        case .voided, .alreadyShipped, .serviceSale, .operatorSkip: [.retry]
        case .voidedAfterDispatch, .voidedInWarehouse: [.skip]
        default: [.retry, .skip]
        }
    }

    /// What a person should do, as the TUI's order detail says it (naming its keys).
    public var advice: String {
        switch self {
        case .status, .unmappedLocation, .beforeGoLive, .noStockLines:
            Self.skippedAdvice
        case .awaitingFulfilment:
            "Waiting for Cin7: add the fulfilment, or fill in its pick, in Cin7; it is sent as soon as the sale changes."
        case .voided:
            "Voided in Cin7: nothing is sent to the warehouse."
        case .alreadyShipped:
            "Already shipped or tracked in Cin7, so nothing is sent; it is looked at again when the sale changes."
        case .serviceSale:
            "A service sale has nothing to ship; nothing to do."
        case .operatorSkip:
            "Skipped by an operator (see the note); press r to read it again from Cin7 and route it."
        case .unknownSKU:
            "Add the missing product to the warehouse (same code as the Cin7 SKU), then press r to retry."
        case .rejected:
            "Fix what the warehouse rejected (see the reason), then press r: the rejected order is replaced."
        case .shortShipped:
            "The warehouse shipped less than ordered: check with the warehouse, then fix the sale in Cin7 or skip it (s)."
        case .cancelledInWarehouse:
            "The order was cancelled in the warehouse: press r to send it again, or s to skip it with a note if it should not ship."
        case .warehouseOrderNotFound:
            "The order was deleted in the warehouse: press r to send it again, or s to skip it with a note if it should not ship."
        case .labelVoided:
            "The label was voided after Cin7 was told it shipped: check whether the goods went. Press r once a new label is made "
                + "(its tracking goes to Cin7), or fix the Cin7 shipment by hand and skip (s) with a note."
        case .voidedAfterDispatch:
            "Voided in Cin7 after the warehouse dispatched it: recover the goods, then skip (s) with a note."
        case .voidedInWarehouse:
            "Voided in Cin7 but still open in the warehouse: cancel it in the warehouse, then skip (s) with a note."
        case .changedAfterSend:
            "The sale changed in Cin7 after it was sent: update the warehouse order by hand, then retry (r) or skip (s)."
        case .cin7RereadFailed:
            "The changed sale could not be read from Cin7: it is tried again automatically; press r to retry now, or s to skip with a note."
        case .orderNotPrepared:
            "Press r to read the sale again from Cin7 and route it with the current configuration, or s to skip it with a note."
        case .cin7RejectedCredentials:
            "Check the Cin7 account ID and application key in the wizard (c on the dashboard), then retry (r)."
        case .warehouse(let platform, let failure):
            failure.advice(platform)
        case .configuration, .cin7NotTheAPI, .cin7InsecureURL:
            "Check the connection settings in the wizard (c on the dashboard), then retry (r)."
        case .cin7Throttled, .cin7Transient, .cin7Malformed, .storage, .unclassified:
            "Retried automatically with backoff; press r to retry now."
        case .cin7Validation, .cin7NotFound, .notPossibleNow, .unrecognised:
            "Fix the cause named above, then press r to retry, or s to skip with a note."
        }
    }

    static let skippedAdvice = "Skipped orders are looked at again when the sale changes; after a mapping change press e on the dashboard."
}

extension ReasonCode: RawRepresentable {
    /// Never fails: unknown text is kept as `unrecognised`.
    public init(rawValue: String) {
        self = Self.byText[rawValue] ?? .unrecognised(rawValue)
    }

    /// The stored text.
    public var rawValue: String {
        switch self {
        case .status: "status"
        case .voided: "voided"
        case .alreadyShipped: "already_shipped"
        case .unmappedLocation: "unmapped_location"
        case .beforeGoLive: "before_go_live"
        case .noStockLines: "no_stock_lines"
        case .serviceSale: "service_sale"
        case .operatorSkip: "operator"
        case .awaitingFulfilment: "awaiting_fulfilment"
        case .unknownSKU: "unknown_sku"
        case .rejected: "rejected"
        case .shortShipped: "short_shipped"
        case .cancelledInWarehouse: "cancelled_in_warehouse"
        case .warehouseOrderNotFound: "warehouse_order_not_found"
        case .labelVoided: "label_voided"
        case .voidedAfterDispatch: "voided_after_dispatch"
        case .voidedInWarehouse: "voided_in_warehouse"
        case .changedAfterSend: "changed_after_send"
        case .cin7RereadFailed: "cin7_reread_failed"
        case .orderNotPrepared: "mapping"
        case .configuration: "configuration"
        case .storage: "storage"
        case .notPossibleNow: "state"
        case .unclassified: "transient"
        case .cin7Throttled: "cin7_throttled"
        case .cin7Transient: "cin7_transient"
        case .cin7NotTheAPI: "cin7_not_the_api"
        case .cin7RejectedCredentials: "cin7_rejected_credentials"
        case .cin7Validation: "cin7_validation"
        case .cin7NotFound: "cin7_not_found"
        case .cin7Malformed: "cin7_malformed"
        case .cin7InsecureURL: "cin7_insecure_url"
        case .warehouse(let platform, let failure): platform.rawValue + "_" + failure.rawValue
        case .unrecognised(let text): text
        }
    }
}

extension ReasonCode: Codable {
    public init(from decoder: any Decoder) throws {
        self.init(rawValue: try decoder.singleValueContainer().decode(String.self))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}

extension ReasonCode: CustomStringConvertible {
    public var description: String { rawValue }
}
