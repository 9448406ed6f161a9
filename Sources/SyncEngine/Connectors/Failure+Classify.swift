import BridgeSupport
import Cin7Core
import Foundation

extension Failure {
    /// Classifies any error the engine meets into transient or permanent, with a reason code and a message a person
    /// can act on.
    public static func classify(_ error: any Error) -> Failure {
        switch error {
        case let failure as Failure:
            return failure
        case let error as Cin7Error:
            return Failure(isTransient: error.isTransient, code: ReasonCode(error), message: "Cin7: " + error.userMessage)
        case let error as WarehouseError:
            switch error {
            case .transient(let code, let message): return .transient(message, code: code)
            case .permanent(let code, let message): return .permanent(code, message)
            }
        case let error as StoreError:
            return Failure(isTransient: true, code: .storage, message: error.description)
        case let refused as Lifecycle.Refused:
            return .permanent(.notPossibleNow, ("Not possible now: " + refused.description).sentence)
        default:
            return .transient("Unexpected error: \(error)")
        }
    }
}

extension ReasonCode {
    /// The code of a Cin7 failure (stored as `cin7_` and the error's audit outcome).
    init(_ error: Cin7Error) {
        self =
            switch error {
            case .throttled: .cin7Throttled
            case .transient: .cin7Transient
            case .notTheAPI: .cin7NotTheAPI
            case .credentialsRejected: .cin7RejectedCredentials
            case .validation: .cin7Validation
            case .notFound: .cin7NotFound
            case .malformed: .cin7Malformed
            case .insecureURL: .cin7InsecureURL
            }
    }
}
