import SyncEngine

/// A connection test's progress.
public enum TestState: Sendable, Equatable {
    case notRun, running
    case done(ConnectionReport)
}
