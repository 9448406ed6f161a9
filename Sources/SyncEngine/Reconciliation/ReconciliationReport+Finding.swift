import Foundation

extension ReconciliationReport {
    /// One discrepancy between Cin7, the bridge's units and the warehouse, naming the sale, the unit and the
    /// warehouse orders involved, with what to do about it.
    public struct Finding: Sendable, Codable, Equatable {
        public enum Kind: String, Sendable, Codable, CaseIterable {
            /// Should have gone to the warehouse; nothing live there and no recorded reason why not.
            case missing
            /// More than one live warehouse order for one unit.
            case duplicated
            /// Dispatched by the warehouse, not shipped in Cin7.
            case shippedNotInCin7 = "shipped_not_in_cin7"
            /// Shipped in Cin7 by someone else while the bridge's unit is still on its way through the warehouse.
            case shippedInCin7ByOthers = "shipped_in_cin7_by_others"
            /// A unit has waited in one state longer than the integration's limit.
            case stuck

            /// The heading the findings of this kind are listed under.
            public var title: String {
                switch self {
                case .missing: "Missing from the warehouse"
                case .duplicated: "Duplicated in the warehouse"
                case .shippedNotInCin7: "Shipped in the warehouse, not in Cin7"
                case .shippedInCin7ByOthers: "Shipped in Cin7 by someone else"
                case .stuck: "Stuck"
                }
            }

            /// A short word for lists (`missing`, `duplicated`, …).
            public var label: String {
                switch self {
                case .missing: "missing"
                case .duplicated: "duplicated"
                case .shippedNotInCin7: "not in Cin7"
                case .shippedInCin7ByOthers: "shipped by others"
                case .stuck: "stuck"
                }
            }
        }

        public var kind: Kind
        /// Cin7 `SaleOrderNumber`.
        public var orderNumber: String
        /// Cin7 `SaleID`, lowercased.
        public var saleID: String?
        public var unitID: Int64?
        /// The unit's warehouse reference.
        public var reference: String?
        public var unitState: ShipmentState?
        /// The warehouse orders involved, by id.
        public var warehouseOrderIDs: [String]
        /// What was seen, in one sentence.
        public var detail: String
        /// What to do, in one or two sentences.
        public var advice: String

        public init(
            kind: Kind,
            orderNumber: String,
            saleID: String? = nil,
            unitID: Int64? = nil,
            reference: String? = nil,
            unitState: ShipmentState? = nil,
            warehouseOrderIDs: [String] = [],
            detail: String,
            advice: String
        ) {
            self.kind = kind
            self.orderNumber = orderNumber
            self.saleID = saleID
            self.unitID = unitID
            self.reference = reference
            self.unitState = unitState
            self.warehouseOrderIDs = warehouseOrderIDs
            self.detail = detail
            self.advice = advice
        }
    }
}

extension ReconciliationReport.Finding {
    /// A finding about one of the bridge's orders: its sale, unit, reference and state come from the unit.
    init(_ kind: Kind, unit: ShipmentUnit, warehouseOrderIDs: [String], detail: String, advice: String) {
        self.init(
            kind: kind,
            orderNumber: unit.orderNumber,
            saleID: unit.saleID,
            unitID: unit.id,
            reference: unit.reference,
            unitState: unit.state,
            warehouseOrderIDs: warehouseOrderIDs,
            detail: detail,
            advice: advice
        )
    }
}
