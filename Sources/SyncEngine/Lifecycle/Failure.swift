import Foundation

/// A classified failure: the engine only needs to know whether time alone may fix it, a reason code to group like
/// failures, and a message that tells a person what to do.
public struct Failure: Error, Sendable, Equatable, CustomStringConvertible {
    public var isTransient: Bool
    public var code: ReasonCode
    public var message: String

    public init(isTransient: Bool, code: ReasonCode, message: String) {
        self.isTransient = isTransient
        self.code = code
        self.message = message
    }

    public static func transient(_ message: String, code: ReasonCode = .unclassified) -> Failure {
        Failure(isTransient: true, code: code, message: message)
    }

    public static func permanent(_ code: ReasonCode, _ message: String) -> Failure {
        Failure(isTransient: false, code: code, message: message)
    }

    public var description: String { message }
}
