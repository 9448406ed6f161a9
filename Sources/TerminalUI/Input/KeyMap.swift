/// The key bindings of one screen, in the order they appear in the footer and help.
///
/// ```swift
/// let keys = KeyMap<QueueAction>(title: "Queues", bindings: [
///     KeyBinding(.char("r"), label: "Retry", help: "Retry the selected order now", action: .retry),
///     KeyBinding([.up, .char("k")], label: "Up", action: .moveUp, showInFooter: false),
///     KeyBinding(.char("?"), label: "Help", action: .help),
/// ])
/// if let action = keys.action(for: key) { ... }
/// Footer(keyMap: keys).draw(into: &buffer, in: footerRect, theme: theme)
/// ```
public struct KeyMap<Action> {
    /// The screen name (a section heading in the help).
    public var title: String
    public var bindings: [KeyBinding<Action>]

    public init(title: String, bindings: [KeyBinding<Action>]) {
        self.title = title
        self.bindings = bindings
    }

    /// The action of the first binding that contains `key` (that key's own, in a family of keys); `nil` when
    /// none does.
    /// Upper-case Ctrl letters match their lower-case bindings.
    public func action(for key: Key) -> Action? {
        let normalised: Key
        if case .ctrl(let c) = key { normalised = .control(c) } else { normalised = key }
        for binding in bindings {
            if let action = binding.action(for: normalised) ?? binding.action(for: key) { return action }
        }
        return nil
    }

    /// The bindings shown in the footer that fit in `width` cells.
    ///
    /// Items are `key label` separated by two spaces, in key-map order. A binding on `?` (help) is kept at the
    /// end whenever anything is shown; when items had to be dropped, an ellipsis item takes their place.
    /// - Parameters:
    ///   - width: the footer width in cells.
    ///   - ascii: ASCII key names and ellipsis.
    ///   - isEnabled: whether an action applies now; disabled items are still shown (dimmed), so keys do not move.
    /// - Returns: the items to draw, in order.
    public func footerItems(width: Int, ascii: Bool = false, isEnabled: (Action) -> Bool = { _ in true }) -> [FooterItem] {
        let shown = bindings.filter(\.showInFooter)
        let all = shown.map { FooterItem(key: $0.keyDisplay(ascii: ascii), label: $0.label, enabled: isEnabled($0.action)) }
        let helpIndex = shown.firstIndex { $0.keys.contains(.char("?")) }
        if FooterItem.width(of: all) <= width { return all }

        let pinned = helpIndex.map { all[$0] }
        let rest = all.enumerated().filter { $0.offset != helpIndex }.map(\.element)
        let more = FooterItem(key: "", label: ascii ? "~" : "…")
        var chosen: [FooterItem] = []
        for item in rest {
            let candidate = chosen + [item, more] + (pinned.map { [$0] } ?? [])
            if FooterItem.width(of: candidate) > width { break }
            chosen.append(item)
        }
        var result = chosen + [more] + (pinned.map { [$0] } ?? [])
        while FooterItem.width(of: result) > width, !result.isEmpty {
            result.removeFirst()
        }
        return result
    }
}

/// One `key label` pair in the footer.
public struct FooterItem: Hashable, Sendable {
    public var key: String
    public var label: String
    /// Whether the key applies to what is selected now (drawn dimmed when not).
    public var enabled: Bool

    public init(key: String, label: String, enabled: Bool = true) {
        self.key = key
        self.label = label
        self.enabled = enabled
    }

    /// `"q Quit"`, or just the label when there is no key.
    public var text: String { key.isEmpty ? label : key + " " + label }

    /// The width of items joined by two spaces.
    public static func width(of items: [FooterItem]) -> Int {
        guard !items.isEmpty else { return 0 }
        return items.reduce(0) { $0 + DisplayWidth.of($1.text) } + 2 * (items.count - 1)
    }
}

extension KeyMap: Sendable where Action: Sendable {}
extension KeyMap: Equatable where Action: Equatable {}
