import Foundation

extension OperatorCommand {
    /// The timeline line every store writes with the command when it is queued.
    var askedEntry: AuditEntry {
        AuditEntry(
            integrationID: integrationID,
            unitID: unitID,
            at: createdAt,
            kind: .operatorAction,
            message: "Operator asked: \(kind.rawValue)\(argument.map { " (\($0))" } ?? "")",
            actor: actor
        )
    }

    /// The timeline line every store writes when the engine refused the command.
    func refusedEntry(_ report: Report, at date: Date) -> AuditEntry {
        AuditEntry(
            integrationID: integrationID,
            unitID: unitID,
            at: date,
            kind: .operatorAction,
            message: "Refused \(kind.rawValue): \(report.message)",
            actor: actor
        )
    }
}
