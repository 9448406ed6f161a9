import Foundation

/// One thing a person should hear about, built only from typed facts (order numbers, reason codes, counts): never from
/// the configuration or from error text, which could carry a credential. `AlertPayload` turns it into the JSON a hook
/// receives.
public struct AlertEvent: Sendable, Equatable {
    public enum Kind: String, Sendable, Codable, CaseIterable {
        /// An order entered `needs_attention` (a person must act).
        case orderNeedsAttention = "order_needs_attention"
        /// The integration's health went from good to bad (`status --check` would now fail for more than orders
        /// needing attention, which have their own kind).
        case healthTurnedBad = "health_turned_bad"
        /// A reconciliation of Cin7 against the warehouse found differences.
        case reconciliationFindings = "reconciliation_findings"
    }

    public var integrationID: Int64
    public var integrationName: String
    public var kind: Kind
    public var at: Date
    /// Cin7 order numbers concerned (at most `maxOrders`).
    public var orders: [String]
    /// How many times each reason code (`unknown_sku`), health signal (`cin7_not_answering`) or finding occurred.
    public var reasons: [String: Int]
    /// How many occurrences this alert stands for (1, or more in a storm summary).
    public var count: Int
    /// Whether this is the summary sent at the end of a quiet period for the alerts held back during it.
    public var isSummary: Bool
    /// What a person should do, one sentence.
    public var action: String

    /// The most order numbers one alert lists.
    public static let maxOrders = 50

    public init(
        integrationID: Int64,
        integrationName: String,
        kind: Kind,
        at: Date,
        orders: [String] = [],
        reasons: [String: Int] = [:],
        count: Int = 1,
        isSummary: Bool = false,
        action: String
    ) {
        self.integrationID = integrationID
        self.integrationName = integrationName
        self.kind = kind
        self.at = at
        self.orders = Array(orders.prefix(Self.maxOrders))
        self.reasons = reasons
        self.count = count
        self.isSummary = isSummary
        self.action = action
    }

    /// A unit that has just entered `needs_attention`.
    public static func orderNeedsAttention(_ unit: ShipmentUnit, integrationName: String, at: Date) -> AlertEvent {
        let code = unit.reasonCode ?? .unrecognised("")
        return AlertEvent(
            integrationID: unit.integrationID,
            integrationName: integrationName,
            kind: .orderNeedsAttention,
            at: at,
            orders: [unit.orderNumber],
            reasons: [code.rawValue.isEmpty ? "unknown" : code.rawValue: 1],
            action: unit.advice ?? code.advice
        )
    }

    /// The integration's health turned bad, with the signals that made it so.
    public static func healthTurnedBad(integrationID: Int64, integrationName: String, signals: [HealthSignal], at: Date) -> AlertEvent {
        AlertEvent(
            integrationID: integrationID,
            integrationName: integrationName,
            kind: .healthTurnedBad,
            at: at,
            reasons: Dictionary(signals.map { ($0.rawValue, 1) }, uniquingKeysWith: +),
            action: "Run `cin7bridge status` on the bridge's machine to see what is wrong; "
                + (signals.first?.action ?? "the engine keeps retrying meanwhile.")
        )
    }

    /// What a reconciliation found: `findings` counts each kind of difference (as its code), `orders` the order numbers
    /// concerned. The entry point for the reconciliation pass (`AlertDispatcher.notify`).
    public static func reconciliationFindings(
        integrationID: Int64,
        integrationName: String,
        findings: [String: Int],
        orders: [String],
        at: Date
    ) -> AlertEvent {
        AlertEvent(
            integrationID: integrationID,
            integrationName: integrationName,
            kind: .reconciliationFindings,
            at: at,
            orders: orders,
            reasons: findings,
            count: max(1, findings.values.reduce(0, +)),
            action:
                "Open the findings (`cin7bridge reconcile --integration NAME`, or f on the integration's dashboard): each says what to correct in Cin7 or the warehouse."
        )
    }

    /// A saved reconciliation's findings: counted by kind, with their order numbers.
    public static func reconciliationFindings(_ report: ReconciliationReport) -> AlertEvent {
        .reconciliationFindings(
            integrationID: report.integrationID,
            integrationName: report.integrationName,
            findings: Dictionary(report.findings.map { ($0.kind.rawValue, 1) }, uniquingKeysWith: +),
            orders: report.findings.map(\.orderNumber),
            at: report.ranAt
        )
    }

    /// The one message standing for `events` (all of one integration and kind, the first already sent): the count of
    /// those held back, their order numbers and reasons together.
    public static func summary(of events: [AlertEvent], at: Date) -> AlertEvent? {
        guard let first = events.first else { return nil }
        var orders: [String] = []
        var seen = Set<String>()
        for order in events.flatMap(\.orders) where seen.insert(order).inserted { orders.append(order) }
        return AlertEvent(
            integrationID: first.integrationID,
            integrationName: events.last?.integrationName ?? first.integrationName,
            kind: first.kind,
            at: at,
            orders: orders,
            reasons: events.reduce(into: [:]) { total, event in total.merge(event.reasons, uniquingKeysWith: +) },
            count: events.reduce(0) { $0 + $1.count },
            isSummary: true,
            action: first.action
        )
    }

    /// One line for people: what happened, to which integration.
    public var message: String {
        let name = "\(integrationName):"
        let orderList = orders.prefix(5).joined(separator: ", ") + (orders.count > 5 ? ", …" : "")
        let reasonList = reasons.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.map { "\($0.value) × \($0.key)" }
            .joined(separator: ", ")
        switch (kind, isSummary) {
        case (.orderNeedsAttention, false):
            return "\(name) order \(orderList) needs attention (\(reasonList))."
        case (.orderNeedsAttention, true):
            return "\(name) and \(count) more order\(count == 1 ? "" : "s") need attention (\(reasonList)): \(orderList)."
        case (.healthTurnedBad, false):
            return "\(name) health turned bad (\(reasons.keys.sorted().joined(separator: ", ")))."
        case (.healthTurnedBad, true):
            return "\(name) health turned bad \(count) more time\(count == 1 ? "" : "s") (\(reasonList))."
        case (.reconciliationFindings, false):
            return "\(name) reconciliation found \(count) difference\(count == 1 ? "" : "s") (\(reasonList))."
        case (.reconciliationFindings, true):
            return "\(name) and \(count) more reconciliation finding\(count == 1 ? "" : "s") (\(reasonList))."
        }
    }
}
