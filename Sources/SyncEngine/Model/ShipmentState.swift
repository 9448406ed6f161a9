/// Where one shipment unit stands (ARCHITECTURE.md, "The order lifecycle"). The raw values are the names
/// `cin7bridge orders --state` takes.
public enum ShipmentState: String, Sendable, Codable, CaseIterable, Hashable {
    /// Seen, not for the warehouse; the reason says why.
    case skipped
    /// Routed; the create call is due.
    case pending
    /// The create call is in flight (intent recorded before the call).
    case creating
    /// The warehouse order exists.
    case inWarehouse = "in_warehouse"
    /// The warehouse dispatched it; fulfilment to Cin7 is due.
    case dispatched
    /// Pick, pack and ship are being written to Cin7.
    case writingBack = "writing_back"
    /// Shipment authorised in Cin7 (tracking updates continue).
    case completed
    /// A transient failure; retried automatically with backoff.
    case retrying
    /// A person must act; the reason says what to do.
    case needsAttention = "needs_attention"
    /// Voided in Cin7 before dispatch and cancelled in the warehouse.
    case cancelled

    /// The dashboard tab this state is listed under.
    public var queue: Queue {
        switch self {
        case .skipped: .skipped
        case .pending, .creating: .pending
        case .inWarehouse: .inWarehouse
        case .dispatched, .writingBack: .dispatched
        case .completed: .completed
        case .retrying: .retrying
        case .needsAttention: .needsAttention
        case .cancelled: .cancelled
        }
    }

    /// States that need no more work from the engine (tracking updates aside).
    public var isSettled: Bool { self == .skipped || self == .completed || self == .cancelled }

    /// A short word shown beside the state wherever colour is not available.
    public var label: String {
        switch self {
        case .skipped: "skipped"
        case .pending: "pending"
        case .creating: "creating"
        case .inWarehouse: "in warehouse"
        case .dispatched: "dispatched"
        case .writingBack: "writing back"
        case .completed: "completed"
        case .retrying: "retrying"
        case .needsAttention: "needs attention"
        case .cancelled: "cancelled"
        }
    }
}

/// The dashboard's tabs, in display order.
public enum Queue: String, Sendable, Codable, CaseIterable, Hashable {
    case pending
    case inWarehouse = "in_warehouse"
    case dispatched, completed, retrying
    case needsAttention = "needs_attention"
    case skipped, cancelled

    public var title: String {
        switch self {
        case .pending: "Pending"
        case .inWarehouse: "In warehouse"
        case .dispatched: "Dispatched"
        case .completed: "Completed"
        case .retrying: "Retrying"
        case .needsAttention: "Needs attention"
        case .skipped: "Skipped"
        case .cancelled: "Cancelled"
        }
    }

    public var states: [ShipmentState] { ShipmentState.allCases.filter { $0.queue == self } }
}
