import SyncEngine

/// What a key binding asks for (the same value dispatches the key, draws the footer and fills the help).
public enum KeyIntent: Sendable, Equatable {
    case up, down, pageUp, pageDown, top, bottom
    case nextTab, prevTab
    case tab(Queue)
    case open, back, help, quit
    case new, reconfigure, togglePause, delete
    case retry, mark, retryReason, skip, reevaluate, pollNow, filter, sort, addMissingProduct, findings
    case nextField, prevField, nextStep, prevStep, finish, activate, cycleBack, cycleForward
    case confirmYes, confirmNo
}
