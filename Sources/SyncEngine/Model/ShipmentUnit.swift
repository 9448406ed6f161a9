import Foundation

/// One warehouse order's worth of a Cin7 sale: the whole sale, or one fulfilment of an advanced sale when
/// "one order per fulfilment" is on. Its `reference` is fixed when it is routed and never recomputed.
public struct ShipmentUnit: Sendable, Codable, Equatable, Identifiable {
    public var id: Int64?
    public var integrationID: Int64
    /// Cin7 `SaleID`, lowercased.
    public var saleID: String
    /// 0 for the whole sale, else the Cin7 `FulfillmentNumber`.
    public var fulfilmentNumber: Int
    /// The Cin7 fulfilment `TaskID`s this unit writes back to (several when one order carries a sale's
    /// fulfilments together); empty until known, when the sale's own id stands for its one task.
    public var taskIDs: [String]
    /// Cin7 `SaleOrderNumber`, e.g. `SO-00412`.
    public var orderNumber: String
    /// The warehouse reference (prefix + order number, `-F<n>` per fulfilment; `-R<n>` after a rejected order
    /// that could not be deleted).
    public var reference: String
    public var customerName: String
    /// The Cin7 location the sale ships from (the top-level parent when it was a bin).
    public var cin7Location: String
    /// The warehouse it routes to, as the user named it.
    public var warehouse: String?
    public var warehouseOrderID: String?
    public var warehouseStatus: String?
    public var state: ShipmentState
    /// Why it is skipped or needs attention, and what to do — shown to the user.
    public var reason: String?
    /// Why it is skipped, retrying or needs attention, as a code: groups "retry all with the same reason", and says
    /// what to do and which operator actions apply.
    public var reasonCode: ReasonCode?
    /// Failed attempts at the current step.
    public var attempts: Int
    public var nextAttemptAt: Date?
    public var lastError: String?
    /// The state a `retrying` unit returns to.
    public var resumeState: ShipmentState?
    /// Cin7 `Updated` of the sale version last taken in.
    public var saleUpdated: Date?
    /// Hash of the lines and address last taken in, to notice edits after sending.
    public var saleFingerprint: String?
    /// The order as mapped for the warehouse (a JSON column).
    public var orderRequest: WarehouseOrderRequest?
    /// What the warehouse shipped (a JSON column).
    public var shipment: WarehouseShipment?
    /// Tracking number written to Cin7 last.
    public var trackingSent: String?
    /// Bit set of `WritebackStep`s already authorised in Cin7.
    public var writebackDone: Int
    /// An earlier write's outcome is unknown: read the fulfilment before writing again.
    public var writebackUncertain: Bool
    /// A create was sent whose outcome is unknown: search the warehouse by reference first.
    public var createUncertain: Bool
    /// The warehouse's tracking changed after it was written to Cin7: update the Cin7 shipment.
    public var trackingDirty: Bool
    /// A change seen in Cin7 after the order was sent (`voided`, or `changed: …`), handled when the unit is not in
    /// flight. Written by intake alone, so it is never lost to a concurrent save.
    public var cin7Change: String?
    /// Rejected orders that could not be deleted (for `-R<n>`).
    public var rejectedCount: Int
    public var createdAt: Date
    public var updatedAt: Date
    public var stateChangedAt: Date

    public init(
        id: Int64? = nil,
        integrationID: Int64,
        saleID: String,
        fulfilmentNumber: Int = 0,
        taskIDs: [String] = [],
        orderNumber: String,
        reference: String,
        customerName: String,
        cin7Location: String,
        warehouse: String? = nil,
        state: ShipmentState,
        reason: String? = nil,
        reasonCode: ReasonCode? = nil,
        now: Date
    ) {
        self.id = id
        self.integrationID = integrationID
        self.saleID = saleID.lowercased()
        self.fulfilmentNumber = fulfilmentNumber
        self.taskIDs = taskIDs
        self.orderNumber = orderNumber
        self.reference = reference
        self.customerName = customerName
        self.cin7Location = cin7Location
        self.warehouse = warehouse
        self.state = state
        self.reason = reason
        self.reasonCode = reasonCode
        self.attempts = 0
        self.writebackDone = 0
        self.writebackUncertain = false
        self.createUncertain = false
        self.trackingDirty = false
        self.rejectedCount = 0
        self.createdAt = now
        self.updatedAt = now
        self.stateChangedAt = now
    }
}

extension ShipmentUnit {
    /// The Cin7 tasks write-back goes to: the known fulfilment tasks, else the sale's own id (a simple sale's task).
    public var writebackTasks: [String] { taskIDs.isEmpty ? [saleID] : taskIDs }
}

/// The three fulfilment writes to Cin7, in order.
public enum WritebackStep: Int, Sendable, CaseIterable, Codable {
    case pick = 1
    case pack = 2
    case ship = 4

    public var name: String {
        switch self {
        case .pick: "pick"
        case .pack: "pack"
        case .ship: "ship"
        }
    }
}
