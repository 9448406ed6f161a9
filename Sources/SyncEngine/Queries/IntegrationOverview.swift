import Foundation

/// What the health of one integration is judged from (`IntegrationHealth.evaluate(_:config:now:)`), read for every
/// integration at once by `BridgeStore.integrationOverviews(flowingStates:)`: a screen or `status` listing hundreds
/// of integrations then costs a fixed number of queries, not several per integration.
public struct IntegrationOverview: Sendable, Equatable {
    /// Orders needing attention for one reason.
    public struct AttentionReason: Sendable, Equatable {
        public var code: ReasonCode
        /// A sample of the reason's text.
        public var reason: String
        public var count: Int

        public init(code: ReasonCode, reason: String, count: Int) {
            self.code = code
            self.reason = reason
            self.count = count
        }
    }

    /// The `retrying` order that has failed most often in a row.
    public struct RetriedOrder: Sendable, Equatable {
        public var orderNumber: String
        public var attempts: Int
        public var lastError: String?

        public init(orderNumber: String, attempts: Int, lastError: String?) {
            self.orderNumber = orderNumber
            self.attempts = attempts
            self.lastError = lastError
        }
    }

    public var record: IntegrationRecord
    /// Units per state (the trigger-kept counts).
    public var counts: [ShipmentState: Int]
    public var status: IntegrationStatus?
    public var lease: Lease?
    /// Why orders need attention, the reason with the most orders first.
    public var attentionReasons: [AttentionReason]
    /// The oldest state change among units in the states asked for (the flowing ones, for "stuck").
    public var oldestStateChange: Date?
    public var mostRetried: RetriedOrder?

    public init(
        record: IntegrationRecord,
        counts: [ShipmentState: Int] = [:],
        status: IntegrationStatus? = nil,
        lease: Lease? = nil,
        attentionReasons: [AttentionReason] = [],
        oldestStateChange: Date? = nil,
        mostRetried: RetriedOrder? = nil
    ) {
        self.record = record
        self.counts = counts
        self.status = status
        self.lease = lease
        self.attentionReasons = attentionReasons
        self.oldestStateChange = oldestStateChange
        self.mostRetried = mostRetried
    }

    /// Sorts each integration's reasons, most orders first (ties by code, so both stores agree).
    static func sortedReasons(_ reasons: [AttentionReason]) -> [AttentionReason] {
        reasons.sorted { ($1.count, $0.code.rawValue) < ($0.count, $1.code.rawValue) }
    }
}
