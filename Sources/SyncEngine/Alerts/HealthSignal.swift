import Foundation

/// Why an integration's health is bad, as a code an alert can carry (the health's own lines quote error text, which
/// an alert must not). Orders needing attention are not a signal: they have their own alert kind.
public enum HealthSignal: String, Sendable, Codable, CaseIterable {
    case cin7NotAnswering = "cin7_not_answering"
    case warehouseFailing = "warehouse_failing"
    case pollingLagging = "polling_lagging"
    case paused
    case ordersStuck = "orders_stuck"
    case orderKeepsFailing = "order_keeps_failing"
    /// A problem this version does not classify.
    case other

    /// The signals in `health`, in its order; empty when it is good apart from orders needing attention. "Not syncing"
    /// is left out: the alerting process runs the engine, so it is only ever seen as the engine stops.
    public static func signals(in health: IntegrationHealth) -> [HealthSignal] {
        guard health.enabled else { return [] }
        var signals: [HealthSignal] = []
        for problem in health.problems {
            let signal: HealthSignal?
            if problem.contains("need attention") || problem.contains("needs attention") || problem.hasPrefix("Not syncing") {
                signal = nil
            } else if problem.hasPrefix("Cin7 Core is not answering") {
                signal = .cin7NotAnswering
            } else if problem.hasPrefix("Calls to the warehouse are failing") {
                signal = .warehouseFailing
            } else if problem.hasPrefix("Polling is lagging") {
                signal = .pollingLagging
            } else if problem.hasPrefix("Orders stuck") {
                signal = .ordersStuck
            } else if problem.contains("keeps failing") {
                signal = .orderKeepsFailing
            } else if problem == health.status?.pausedReason {
                signal = .paused
            } else {
                signal = .other
            }
            if let signal, !signals.contains(signal) { signals.append(signal) }
        }
        return signals
    }

    /// What to do about it, one sentence.
    public var action: String {
        switch self {
        case .cin7NotAnswering: "Cin7 Core is not answering: check this machine's network and Cin7's status page."
        case .warehouseFailing: "calls to the warehouse are failing: check its status and the credentials in the wizard."
        case .pollingLagging: "polling is lagging: check that the service is running and not starved of CPU or network."
        case .paused: "the engine paused itself (for example the disk is full or credentials were refused)."
        case .ordersStuck: "orders are stuck in one state: look at the oldest in the dashboard."
        case .orderKeepsFailing: "an order keeps failing: fix the cause or skip it in the dashboard."
        case .other: "see the problems it lists."
        }
    }
}
