import SyncEngine
import TerminalUI

/// The key tables of every screen. Each one dispatches keys, draws its screen's footer and fills the `?` help.
public enum KeyMaps {
    static let nav: [KeyBinding<KeyIntent>] = [
        KeyBinding([.up, .char("k")], label: "Up", help: "Move up", action: .up, showInFooter: false, keyName: "↑/k"),
        KeyBinding([.down, .char("j")], label: "Down", help: "Move down", action: .down, showInFooter: false, keyName: "↓/j"),
        KeyBinding([.pageUp], label: "Page up", action: .pageUp, showInFooter: false),
        KeyBinding([.pageDown], label: "Page down", action: .pageDown, showInFooter: false),
        KeyBinding([.home, .char("g")], label: "Top", help: "First row", action: .top, showInFooter: false),
        KeyBinding([.end, .char("G")], label: "Bottom", help: "Last row", action: .bottom, showInFooter: false),
    ]
    static let help = KeyBinding<KeyIntent>(
        [.char("?"), .function(1)],
        label: "Help",
        help: "All keys, the status legend, data directory and log file",
        action: .help
    )
    static let quit = KeyBinding<KeyIntent>(
        [.char("q"), .ctrl("c")],
        label: "Quit",
        help: "Quit (asks first when this process is syncing)",
        action: .quit
    )
    static let demoFix = KeyBinding<KeyIntent>(
        .char("M"),
        label: "Add product",
        help: "Demo only: add the missing product MAT-SELF to the simulated warehouse",
        action: .addMissingProduct
    )

    public static func home(demo: Bool) -> KeyMap<KeyIntent> {
        KeyMap(
            title: "Integrations",
            bindings: [
                KeyBinding(.enter, label: "Open", help: "Open the integration's dashboard", action: .open),
                KeyBinding(.char("/"), label: "Filter", help: "Filter by name or platform (Esc clears)", action: .filter),
                KeyBinding(.char("s"), label: "Sort", help: "Sort by health (needing attention, then down, first) or by name", action: .sort),
                KeyBinding(.char("n"), label: "New", help: "Configure a new integration (the wizard)", action: .new),
                KeyBinding(.char("c"), label: "Reconfigure", help: "Open the wizard filled in with this integration", action: .reconfigure),
                KeyBinding(.char("p"), label: "Pause/resume", help: "Pause or resume syncing this integration", action: .togglePause),
                KeyBinding(.char("d"), label: "Delete", help: "Delete the integration (asks; default No)", action: .delete),
                KeyBinding(.escape, label: "Clear filter", help: "Clear the filter", action: .back, showInFooter: false),
            ] + (demo ? [demoFix] : []) + nav + [help, quit]
        )
    }

    public static func dashboard(demo: Bool) -> KeyMap<KeyIntent> {
        KeyMap(
            title: "Dashboard",
            bindings: [
                KeyBinding([.tab, .right, .char("l")], label: "Next queue", action: .nextTab, showInFooter: false, keyName: "Tab/→"),
                KeyBinding([.backTab, .left, .char("h")], label: "Previous queue", action: .prevTab, showInFooter: false, keyName: "S-Tab/←"),
                KeyBinding(
                    Queue.allCases.enumerated().map { (key: Key.char(Character("\($0.offset + 1)")), action: KeyIntent.tab($0.element)) },
                    label: "Queue",
                    help: "Jump to queue 1–8 (Pending … Cancelled)",
                    showInFooter: false,
                    keyName: "1-8"
                ),
                KeyBinding(.enter, label: "Open", help: "Open the order: both sides, why it failed, timeline", action: .open),
                KeyBinding(.char("r"), label: "Retry", help: "Retry the marked orders (or the selected one) now", action: .retry),
                KeyBinding(.char(" "), label: "Mark", help: "Mark or unmark the order for retry/skip", action: .mark),
                KeyBinding(
                    .char("R"),
                    label: "Retry reason",
                    help: "Retry every order needing attention with the selected order's reason",
                    action: .retryReason
                ),
                KeyBinding(.char("s"), label: "Skip", help: "Skip the marked (or selected) orders, with a note", action: .skip),
                KeyBinding(.char("/"), label: "Filter", help: "Filter by order number, reference or customer (Esc clears)", action: .filter),
                KeyBinding(.char("e"), label: "Re-evaluate", help: "Re-evaluate skipped orders after a mapping change", action: .reevaluate),
                KeyBinding(.char("y"), label: "Sync now", help: "Poll Cin7 and the warehouse now", action: .pollNow),
                KeyBinding(
                    .char("f"),
                    label: "Findings",
                    help: "What the last reconciliation found, with what to do (`cin7bridge reconcile`)",
                    action: .findings,
                    showInFooter: false
                ),
                KeyBinding(.char("c"), label: "Reconfigure", help: "Open the wizard for this integration", action: .reconfigure, showInFooter: false),
                KeyBinding(.char("p"), label: "Pause/resume", help: "Pause or resume syncing", action: .togglePause, showInFooter: false),
            ] + (demo ? [demoFix] : []) + [
                KeyBinding(.escape, label: "Back", help: "Back to Integrations (or clear the filter)", action: .back)
            ] + nav + [help, quit]
        )
    }

    public static func detail(demo: Bool) -> KeyMap<KeyIntent> {
        KeyMap<KeyIntent>(
            title: "Order detail",
            bindings: [
                KeyBinding(.char("r"), label: "Retry", help: "Retry this order now", action: .retry),
                KeyBinding(.char("s"), label: "Skip", help: "Skip this order, with a note", action: .skip),
            ] + (demo ? [demoFix] : []) + [
                KeyBinding(.escape, label: "Back", help: "Back to the queue", action: .back),
                KeyBinding(.enter, label: "Open line", help: "Show the selected timeline line in full", action: .open, showInFooter: false),
                KeyBinding([.up, .char("k")], label: "Scroll up", help: "Scroll the timeline up", action: .up, showInFooter: false, keyName: "↑/k"),
                KeyBinding(
                    [.down, .char("j")],
                    label: "Scroll down",
                    help: "Scroll the timeline down",
                    action: .down,
                    showInFooter: false,
                    keyName: "↓/j"
                ),
                help, quit,
            ]
        )
    }

    /// The wizard types letters into fields, so its keys are Tab, arrows, Ctrl and function keys.
    public static let wizard = KeyMap<KeyIntent>(
        title: "Configure wizard",
        bindings: [
            KeyBinding([.tab, .down], label: "Next field", action: .nextField, keyName: "Tab/↓"),
            KeyBinding([.backTab, .up], label: "Previous field", action: .prevField, showInFooter: false, keyName: "S-Tab/↑"),
            KeyBinding(
                [.ctrl("n"), .pageDown],
                label: "Next",
                help: "Next step (checks this step first); on the last step, Finish",
                action: .nextStep,
                keyName: "^N"
            ),
            KeyBinding([.ctrl("p"), .pageUp], label: "Back", help: "Previous step", action: .prevStep, keyName: "^P"),
            KeyBinding(
                .function(10),
                label: "Finish",
                help: "Save and start syncing (from any step once everything is valid)",
                action: .finish,
                showInFooter: false
            ),
            KeyBinding(
                .enter,
                label: "Test/next",
                help: "Run the focused test or preview; on a field, go to the next one",
                action: .activate,
                showInFooter: false
            ),
            KeyBinding(
                [.char(" "), .right],
                label: "Change",
                help: "Toggle a checkbox or choose the next option",
                action: .cycleForward,
                showInFooter: false,
                keyName: "Space/→"
            ),
            KeyBinding(.left, label: "Previous option", action: .cycleBack, showInFooter: false, keyName: "←"),
            KeyBinding(.escape, label: "Cancel", help: "Leave the wizard (asks when there are unsaved changes)", action: .back),
            KeyBinding(.function(1), label: "Help", help: "Help (? types a question mark in text fields)", action: .help),
        ]
    )

    public static let helpScreen = KeyMap<KeyIntent>(
        title: "Help",
        bindings: [
            KeyBinding([.up, .char("k")], label: "Up", action: .up, keyName: "↑/k"),
            KeyBinding([.down, .char("j")], label: "Down", action: .down, keyName: "↓/j"),
            KeyBinding(.pageUp, label: "Page up", action: .pageUp, showInFooter: false),
            KeyBinding(.pageDown, label: "Page down", action: .pageDown, showInFooter: false),
            KeyBinding(.home, label: "First line", action: .top, showInFooter: false),
            KeyBinding(.end, label: "Last line", action: .bottom, showInFooter: false),
            KeyBinding([.escape, .char("?"), .char("q"), .function(1)], label: "Close", action: .back, keyName: "Esc"),
        ]
    )

    /// The last reconciliation's findings.
    public static let findings = KeyMap<KeyIntent>(
        title: "Reconciliation findings",
        bindings: [
            KeyBinding([.up, .char("k")], label: "Up", action: .up, keyName: "↑/k"),
            KeyBinding([.down, .char("j")], label: "Down", action: .down, keyName: "↓/j"),
            KeyBinding(.pageUp, label: "Page up", action: .pageUp, showInFooter: false),
            KeyBinding(.pageDown, label: "Page down", action: .pageDown, showInFooter: false),
            KeyBinding([.escape, .char("f"), .char("q")], label: "Close", action: .back, keyName: "Esc"),
        ]
    )

    /// A timeline line shown in full.
    public static let timelineEntry = KeyMap<KeyIntent>(
        title: "Timeline line",
        bindings: [
            KeyBinding([.escape, .enter, .char("q")], label: "Close", action: .back, keyName: "Esc")
        ]
    )

    public static let confirm = KeyMap<KeyIntent>(
        title: "Confirmation",
        bindings: [
            KeyBinding([.char("y"), .char("Y")], label: "Yes", action: .confirmYes),
            KeyBinding(
                [.char("n"), .char("N"), .escape, .enter],
                label: "No",
                help: "No (the default: Enter, n or Esc)",
                action: .confirmNo,
                keyName: "n/Esc"
            ),
        ]
    )

    public static let skipNote = KeyMap<KeyIntent>(
        title: "Skip note",
        bindings: [
            KeyBinding(.enter, label: "Skip", help: "Skip with this note", action: .confirmYes),
            KeyBinding(.escape, label: "Cancel", action: .confirmNo),
        ]
    )

    public static let filter = KeyMap<KeyIntent>(
        title: "Filter",
        bindings: [
            KeyBinding(.enter, label: "Keep", help: "Keep the filter", action: .confirmYes),
            KeyBinding(.escape, label: "Clear", help: "Clear the filter", action: .confirmNo),
        ]
    )

    /// Every table, for the help screen.
    public static func all(demo: Bool) -> [KeyMap<KeyIntent>] {
        [home(demo: demo), dashboard(demo: demo), detail(demo: demo), wizard, filter, skipNote, confirm, timelineEntry, findings, helpScreen]
    }
}
