import Foundation

/// Turns a storm of alerts into few messages, one integration at a time: the first alert of a kind goes at once and
/// opens a quiet period; alerts of that kind during it are held and, when it ends, sent as ONE summary with their
/// count (which opens another quiet period, so a storm that goes on gives one summary per period). A pure value:
/// the caller says what time it is.
public struct AlertThrottle: Sendable, Equatable {
    private struct Window: Sendable, Equatable {
        var endsAt: Date
        var held: [AlertEvent]
    }

    private var windows: [AlertEvent.Kind: Window] = [:]

    public init() {}

    /// Offers `event`: returns it when it may go now, or nil when it is held for the summary. Summaries that are due
    /// should be taken with `due(now:)` first.
    public mutating func offer(_ event: AlertEvent, quietPeriod: TimeInterval, now: Date) -> AlertEvent? {
        if var window = windows[event.kind], now < window.endsAt {
            window.held.append(event)
            windows[event.kind] = window
            return nil
        }
        windows[event.kind] = quietPeriod > 0 ? Window(endsAt: now.addingTimeInterval(quietPeriod), held: []) : nil
        return event
    }

    /// The summaries of quiet periods that have ended by `now`, oldest first; a period that held nothing just ends.
    public mutating func due(now: Date, quietPeriod: TimeInterval) -> [AlertEvent] {
        var summaries: [AlertEvent] = []
        for kind in AlertEvent.Kind.allCases {
            guard let window = windows[kind], now >= window.endsAt else { continue }
            if let summary = AlertEvent.summary(of: window.held, at: now) {
                summaries.append(summary)
                windows[kind] = quietPeriod > 0 ? Window(endsAt: now.addingTimeInterval(quietPeriod), held: []) : nil
            } else {
                windows[kind] = nil
            }
        }
        return summaries
    }

    /// When `due(now:)` next has something to do: the end of the earliest open quiet period.
    public var nextDeadline: Date? { windows.values.map(\.endsAt).min() }

    /// How many alerts are held for summaries.
    public var heldCount: Int { windows.values.reduce(0) { $0 + $1.held.count } }

    /// Every held alert as its summary now, the quiet periods ended (when the process stops).
    public mutating func flush(now: Date) -> [AlertEvent] {
        let summaries = AlertEvent.Kind.allCases.compactMap { kind in windows[kind].flatMap { AlertEvent.summary(of: $0.held, at: now) } }
        windows = [:]
        return summaries
    }
}
