import BridgeSupport
import Foundation

/// Why one try at delivering an alert failed, in words safe for a log (no address, no output of the command).
public enum AlertDeliveryError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The receiver answered with a status other than 2xx.
    case httpStatus(Int)
    /// No answer within the hook's timeout.
    case timedOut
    case connectionFailed
    case certificateNotTrusted
    /// Plain HTTP to another machine.
    case insecureURL
    case invalidURL
    /// The command exited with this status (or was ended by this signal).
    case exitStatus(Int32)
    case killedAfterTimeout
    case couldNotStart

    public var description: String {
        switch self {
        case .httpStatus(let status): "the receiver answered HTTP \(status)"
        case .timedOut: "no answer within the timeout"
        case .connectionFailed: "the connection failed"
        case .certificateNotTrusted: "the receiver's certificate is not trusted"
        case .insecureURL: "the address is plain http:// to another machine (only https:// is allowed)"
        case .invalidURL: "the address is not valid"
        case .exitStatus(let status): "the command exited with status \(status)"
        case .killedAfterTimeout: "the command was still running at the timeout and was killed"
        case .couldNotStart: "the command could not be started (is it an executable file?)"
        }
    }

    /// Whether trying again may help.
    var isRetryable: Bool {
        switch self {
        case .insecureURL, .invalidURL, .couldNotStart: false
        default: true
        }
    }

    /// A transport failure, said without its detail (which may quote the address).
    static func from(_ error: TransportError) -> AlertDeliveryError {
        switch error {
        case .timedOut: .timedOut
        case .insecureURL: .insecureURL
        case .untrustedCertificate: .certificateNotTrusted
        case .connection, .responseTooLarge: .connectionFailed
        }
    }
}
