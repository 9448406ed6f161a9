import SyncEngine

/// Which order keys apply to what is selected. The footer dims the others, and the reducer says why instead of
/// sending a command the engine would refuse (e.g. skip on an order that is already in the warehouse).
enum KeyAvailability {
    /// The dashboard's keys for its marked orders, or the selected one.
    static func dashboard(_ d: DashboardState) -> @Sendable (KeyIntent) -> Bool {
        let units = d.targetUnits
        let enabled = d.enabled
        return { intent in check(intent, units: units, enabled: enabled) == nil }
    }

    /// The detail screen's keys for its order.
    static func detail(_ detail: DetailState) -> @Sendable (KeyIntent) -> Bool {
        let unit = detail.unit
        return { intent in check(intent, units: [unit], enabled: true) == nil }
    }

    /// Whether an order key applies to one order, by its state and the reason it is held for (keys that are not
    /// about orders always do).
    static func applies(_ intent: KeyIntent, to unit: ShipmentUnit) -> Bool {
        switch intent {
        case .retry: unit.allows(.retry)
        case .skip: unit.allows(.skip)
        default: true
        }
    }

    /// Why `intent` does not apply to `units`; nil when it does (to at least one of them).
    static func check(_ intent: KeyIntent, units: [ShipmentUnit], enabled: Bool) -> String? {
        switch intent {
        case .retry:
            if units.isEmpty { return "Nothing selected to retry." }
            if units.contains(where: { applies(.retry, to: $0) }) { return nil }
            return units.count == 1 && ShipmentUnit.retryableStates.contains(units[0].state)
                ? "Retry does not apply here: \(units[0].reasonCode?.advice ?? "see the order's reason")"
                : "Retry applies to orders that need attention, are retrying or were skipped."
        case .skip:
            if units.isEmpty { return "Nothing selected to skip." }
            if units.contains(where: { applies(.skip, to: $0) }) { return nil }
            return units.count == 1 && ShipmentUnit.skippableStates.contains(units[0].state)
                ? "Skip does not apply here: \(units[0].reasonCode?.advice ?? "see the order's reason")"
                : "Only orders not yet in the warehouse, or that failed, can be skipped."
        case .pollNow:
            return enabled ? nil : "This integration is paused: press p to resume it, then it polls at once."
        default:
            return nil
        }
    }
}
