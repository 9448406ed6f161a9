/// A gauge for a batch: `Pushing ████░░░░ 12/30 40% ETA 1m05s`.
public struct ProgressBar: Sendable {
    public var label: String
    public var completed: Int
    public var total: Int
    /// Time since the batch started; used for the ETA.
    public var elapsed: Duration?

    public init(label: String = "", completed: Int, total: Int, elapsed: Duration? = nil) {
        self.label = label
        self.completed = completed
        self.total = total
        self.elapsed = elapsed
    }

    public var fraction: Double { total > 0 ? min(1, Double(max(0, completed)) / Double(total)) : 0 }

    /// The remaining time at the average rate so far; `nil` before the first item or when done.
    public static func eta(completed: Int, total: Int, elapsed: Duration) -> Duration? {
        guard completed > 0, total > completed else { return nil }
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        let remaining = seconds / Double(completed) * Double(total - completed)
        return .milliseconds(Int64((remaining * 1000).rounded()))
    }

    /// `"12/30 40% ETA 1m05s"`.
    public var statusText: String {
        var s = "\(completed)/\(total) \(Int((fraction * 100).rounded(.down)))%"
        if completed >= total && total > 0 {
            s += " done"
        } else if let elapsed, let eta = Self.eta(completed: completed, total: total, elapsed: elapsed) {
            s += " ETA " + DurationFormat.short(eta)
        }
        return s
    }

    public func draw(into buffer: inout ScreenBuffer, in rect: Rect, theme: Theme) {
        Gauge(label: label, fraction: fraction, text: statusText).draw(into: &buffer, in: rect, theme: theme)
    }
}
