import Foundation

/// Waits for the owning engine's answers to queued operator commands, for whoever gave them (the TUI's status line,
/// the CLI's exit status). The engine may run in this process or another; the answer is read from the store.
public struct CommandAnswers: Sendable, Equatable {
    public var reports: [OperatorCommand.Report]
    /// Commands with no answer when the wait ended (no engine running the integration, or a long call in flight).
    public var unanswered: Int

    public init(reports: [OperatorCommand.Report], unanswered: Int) {
        self.reports = reports
        self.unanswered = unanswered
    }

    public var refused: [OperatorCommand.Report] { reports.filter { $0.outcome == .refused } }

    /// Polls the store for the commands' answers until all have one or `timeout` passes.
    public static func wait(
        for ids: [Int64],
        store: BridgeStore,
        timeout: TimeInterval,
        pollEvery: Duration = .milliseconds(150)
    ) async -> CommandAnswers {
        let deadline = Date().addingTimeInterval(timeout)
        var answered: [Int64: OperatorCommand.Report] = [:]
        while true {
            for id in ids where answered[id] == nil {
                if let report = try? store.command(id: id)?.report { answered[id] = report }
            }
            if answered.count == ids.count || Date() >= deadline { break }
            try? await Task.sleep(for: pollEvery)
        }
        return CommandAnswers(reports: ids.compactMap { answered[$0] }, unanswered: ids.count - answered.count)
    }

    /// One line for a status bar or a terminal: what was done, what was refused and why, what got no answer.
    public var summary: String {
        var parts: [String] = []
        let done = reports.filter { $0.outcome == .done }
        if done.count == 1 { parts.append(done[0].message) } else if done.count > 1 { parts.append("Done for \(done.count): \(done[0].message)") }
        if refused.count == 1 {
            parts.append("Refused: \(refused[0].message)")
        } else if refused.count > 1 {
            parts.append("\(refused.count) refused, e.g. \(refused[0].message)")
        }
        if unanswered > 0 {
            parts.append(
                "\(unanswered == 1 ? "Queued, but no engine has" : "\(unanswered) queued, but no engine has") answered yet: "
                    + "it is carried out when this integration runs (`cin7bridge run` or the TUI)."
            )
        }
        return parts.isEmpty ? "Nothing to do." : parts.joined(separator: " ")
    }
}
