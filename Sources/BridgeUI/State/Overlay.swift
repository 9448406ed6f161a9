import SyncEngine
import TerminalUI

/// A dialog over the current screen.
public enum Overlay: Sendable, Equatable {
    case help(scroll: Int)
    case confirmQuit
    case confirmDelete(id: Int64, name: String)
    case confirmDiscardWizard
    case confirmRetryReason(code: ReasonCode, reason: String, count: Int)
    case skipNote(unitIDs: [Int64], field: TextField)
    /// One timeline line of the order detail, in full.
    case timelineEntry(Int)
    /// The dashboard's last reconciliation, its findings listed from line `scroll`.
    case findings(scroll: Int)
}
