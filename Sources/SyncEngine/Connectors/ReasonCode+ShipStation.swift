import ShipStation

extension ReasonCode {
    /// The code of a ShipStation failure.
    init(shipStation error: ShipStationError) {
        let failure: WarehouseFailure =
            switch error {
            case .rateLimited: .throttled
            case .transient: .transient
            case .malformed: .malformed
            case .unexpectedStatus: .unexpected
            case .credentialsRejected: .credentials
            case .forbidden: .forbidden
            case .notTheAPI: .notTheAPI
            case .invalidConfiguration: .configuration
            case .notFound: .notFound
            case .validation: .validation
            }
        self = .warehouse(.shipStation, failure)
    }
}
