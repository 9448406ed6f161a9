extension ShipmentUnit {
    /// What a person should do about this unit (the TUI's "What to do"), from its reason code; nil when the unit
    /// waits for nobody. A code this version does not know gets its state's general advice.
    public var advice: String? {
        let known = reasonCode.flatMap { $0.isRecognised ? $0 : nil }
        return switch state {
        case .needsAttention: (known ?? .unrecognised("")).advice
        case .retrying: (known ?? .unclassified).advice
        case .skipped: known?.advice ?? ReasonCode.skippedAdvice
        default: nil
        }
    }
}
