/// A last look right before a request leaves the process. The engine sets one around an integration's work so that a
/// process frozen past its lease (a paused VM, SIGSTOP), which may have lost the integration to another process in
/// the meantime, sends nothing it decided before it froze: the gate throws and the request is not sent.
///
/// A class, not a closure, in the task-local: an optimised build bound an optional closure as a task-local value
/// with broken type metadata and crashed in `swift_task_localValuePush` as engines started (Swift 6.3, release only).
public final class SendGate: Sendable {
    private let check: @Sendable () throws -> Void

    public init(_ check: @escaping @Sendable () throws -> Void) {
        self.check = check
    }

    /// Throws when the request must not be sent.
    public func checkBeforeSending() throws {
        try check()
    }

    /// The gate of the work running, if any: `AsyncHTTPTransport` asks it before each request.
    @TaskLocal public static var current: SendGate?
}
