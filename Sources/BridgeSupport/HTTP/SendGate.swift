/// A last look right before a request leaves the process. The engine sets one around an integration's work so that a
/// process frozen past its lease (a paused VM, SIGSTOP), which may have lost the integration to another process in
/// the meantime, sends nothing it decided before it froze: the gate throws and the request is not sent.
public enum SendGate {
    /// Called by `AsyncHTTPTransport` before each request; throwing stops the request unsent.
    @TaskLocal public static var current: (@Sendable () throws -> Void)?
}
