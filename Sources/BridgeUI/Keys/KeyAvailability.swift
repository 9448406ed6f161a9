import SyncEngine

/// Which order keys apply to what is selected. The footer dims the others, and the reducer says why instead of
/// sending a command the engine would refuse (e.g. skip on an order that is already in the warehouse).
enum KeyAvailability {
    /// The dashboard's keys for its marked orders, or the selected one.
    static func dashboard(_ d: DashboardState) -> @Sendable (KeyIntent) -> Bool {
        let states = d.targetUnits.map(\.state)
        let enabled = d.enabled
        return { intent in check(intent, states: states, enabled: enabled) == nil }
    }

    /// The detail screen's keys for its order.
    static func detail(_ detail: DetailState) -> @Sendable (KeyIntent) -> Bool {
        let state = detail.unit.state
        return { intent in check(intent, states: [state], enabled: true) == nil }
    }

    /// Whether an order key applies to one order in `state` (keys that are not about orders always do).
    static func applies(_ intent: KeyIntent, to state: ShipmentState) -> Bool {
        switch intent {
        case .retry: ShipmentUnit.retryableStates.contains(state)
        case .skip: ShipmentUnit.skippableStates.contains(state)
        default: true
        }
    }

    /// Why `intent` does not apply to orders in `states`; nil when it does (to at least one of them).
    static func check(_ intent: KeyIntent, states: [ShipmentState], enabled: Bool) -> String? {
        switch intent {
        case .retry:
            if states.isEmpty { return "Nothing selected to retry." }
            return states.contains { applies(.retry, to: $0) }
                ? nil : "Retry applies to orders that need attention, are retrying or were skipped."
        case .skip:
            if states.isEmpty { return "Nothing selected to skip." }
            return states.contains { applies(.skip, to: $0) }
                ? nil : "Only orders not yet in the warehouse, or that failed, can be skipped."
        case .pollNow:
            return enabled ? nil : "This integration is paused: press p to resume it, then it polls at once."
        default:
            return nil
        }
    }
}
