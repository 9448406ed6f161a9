/// What a person asks the engine that owns an integration to do, from the TUI or the CLI (queued as an
/// `OperatorCommand`; stored as its raw text).
public enum OperatorAction: String, Sendable, Codable, Hashable {
    /// Retry one unit now. A skipped sale is read again from Cin7 and routed with the configuration as it is now.
    case retry
    /// Retry every unit needing attention with the command's argument as reason code.
    case retryReason = "retry_reason"
    /// Skip one unit with the command's argument as the note.
    case skip
    /// Route again the skipped sales a configuration change may lift (after a mapping change).
    case reevaluate
    /// Read one sale again from Cin7 now and route it as new information.
    case resync
    case pause, resume
    /// Poll Cin7 and the warehouse now instead of at the next interval.
    case pollNow = "poll_now"
}
