import ShipStation

extension ReasonCode {
    /// The code of a ShipStation failure. `ReasonCode` is a closed enum whose stored text must round-trip, so these
    /// are the existing generic codes (new `shipStation…` cases are proposed to the lead rather than added here).
    init(shipStation error: ShipStationError) {
        self =
            switch error {
            case .rateLimited, .transient, .malformed, .unexpectedStatus: .unclassified
            case .credentialsRejected, .forbidden, .notTheAPI, .invalidConfiguration: .configuration
            case .notFound: .warehouseOrderNotFound
            case .validation: .rejected
            }
    }
}
