/// One entry of a screen's key map: which keys trigger which action, and how it is described.
///
/// Bindings are data: the same list dispatches keys, draws the footer and fills the `?` help.
public struct KeyBinding<Action> {
    /// The keys that trigger the action (the first is the main one).
    public var keys: [Key]
    /// Short label for the footer (`"Retry"`).
    public var label: String
    /// Longer description for the help screen (`"Retry the selected orders now"`).
    public var help: String
    public var action: Action
    /// Whether the binding appears in the footer (it is always in the help).
    public var showInFooter: Bool
    /// A custom key name for footer and help (e.g. `"↑↓"` for a pair); derived from ``keys`` when `nil`.
    public var keyName: String?
    /// Each key's own action, in the order of ``keys``, for a family of keys shown as one entry (`1-8 Queue`);
    /// empty when every key triggers ``action``.
    public var keyActions: [Action] = []

    public init(
        _ keys: [Key],
        label: String,
        help: String? = nil,
        action: Action,
        showInFooter: Bool = true,
        keyName: String? = nil
    ) {
        self.keys = keys
        self.label = label
        self.help = help ?? label
        self.action = action
        self.showInFooter = showInFooter
        self.keyName = keyName
    }

    public init(
        _ key: Key,
        label: String,
        help: String? = nil,
        action: Action,
        showInFooter: Bool = true,
        keyName: String? = nil
    ) {
        self.init([key], label: label, help: help, action: action, showInFooter: showInFooter, keyName: keyName)
    }

    /// A family of keys, each with its own action, shown as one entry (`1-8 Queue`); ``action`` is the first
    /// key's (the footer dims the entry by it).
    public init(
        _ keyActions: [(key: Key, action: Action)],
        label: String,
        help: String? = nil,
        showInFooter: Bool = true,
        keyName: String? = nil
    ) {
        precondition(!keyActions.isEmpty, "a binding needs at least one key")
        self.init(keyActions.map(\.key), label: label, help: help, action: keyActions[0].action, showInFooter: showInFooter, keyName: keyName)
        self.keyActions = keyActions.map(\.action)
    }

    /// The key names as shown to a person: ``keyName`` or the keys joined by `/` (`"q/^C"`).
    public func keyDisplay(ascii: Bool = false) -> String {
        keyName ?? keys.map { $0.display(ascii: ascii) }.joined(separator: "/")
    }

    /// `true` when `key` triggers this binding.
    public func matches(_ key: Key) -> Bool { keys.contains(key) }

    /// The action `key` triggers; `nil` when it is not one of ``keys``.
    public func action(for key: Key) -> Action? {
        guard let index = keys.firstIndex(of: key) else { return nil }
        return keyActions.isEmpty ? action : keyActions[index]
    }
}

extension KeyBinding: Sendable where Action: Sendable {}
extension KeyBinding: Equatable where Action: Equatable {}
