import Foundation

/// One line of an order's (or an integration's) timeline: a state change, an external call or an operator action.
/// Append-only, and never holds a secret: messages are built from our own text and call records carry no headers.
public struct AuditEntry: Sendable, Codable, Equatable, Identifiable {
    public enum Kind: String, Sendable, Codable {
        case state, call
        case operatorAction = "operator"
        case info, error
    }

    public var id: Int64?
    public var integrationID: Int64
    public var unitID: Int64?
    public var at: Date
    public var kind: Kind
    public var message: String
    public var method: String?
    public var path: String?
    public var status: Int?
    /// Seconds.
    public var duration: Double?
    /// Login name (and SSH client address) for operator actions; `engine` otherwise.
    public var actor: String?

    public init(
        id: Int64? = nil,
        integrationID: Int64,
        unitID: Int64? = nil,
        at: Date,
        kind: Kind,
        message: String,
        method: String? = nil,
        path: String? = nil,
        status: Int? = nil,
        duration: Double? = nil,
        actor: String? = nil
    ) {
        self.id = id
        self.integrationID = integrationID
        self.unitID = unitID
        self.at = at
        self.kind = kind
        self.message = message
        self.method = method
        self.path = path
        self.status = status
        self.duration = duration
        self.actor = actor
    }
}

/// An operator action queued for the engine that owns the integration (from the TUI or the CLI, in any process).
public struct OperatorCommand: Sendable, Codable, Equatable, Identifiable {
    /// Whether the engine carried the command out or refused it (nil until it has acted).
    public enum Outcome: String, Sendable, Codable {
        /// Carried out; `result` says what changed.
        case done
        /// Not carried out; `result` says why (also on the order's timeline).
        case refused
    }

    /// What the engine answered: the outcome and a sentence for whoever asked.
    public struct Report: Sendable, Equatable {
        public var outcome: Outcome
        public var message: String

        public init(_ outcome: Outcome, _ message: String) {
            self.outcome = outcome
            self.message = message
        }

        public static func done(_ message: String) -> Report { Report(.done, message) }
        public static func refused(_ message: String) -> Report { Report(.refused, message) }
    }

    public var id: Int64?
    public var integrationID: Int64
    public var unitID: Int64?
    public var kind: OperatorAction
    public var argument: String?
    public var actor: String
    public var createdAt: Date
    public var doneAt: Date?
    public var result: String?
    public var outcome: Outcome?

    /// The engine's answer, once it has acted.
    public var report: Report? {
        guard doneAt != nil, let result else { return nil }
        return Report(outcome ?? .done, result)
    }

    public init(integrationID: Int64, unitID: Int64? = nil, kind: OperatorAction, argument: String? = nil, actor: String, createdAt: Date) {
        self.integrationID = integrationID
        self.unitID = unitID
        self.kind = kind
        self.argument = argument
        self.actor = actor
        self.createdAt = createdAt
    }
}

/// Who is acting: the login name, and the SSH client address when there is one.
public enum Actor {
    public static var current: String { describe(environment: ProcessInfo.processInfo.environment, accountName: accountName()) }

    /// `USER` or `LOGNAME`, else the account of this process's user id (a service or `sudo -u` may set neither),
    /// with `@address` when the person came in over SSH.
    static func describe(environment env: [String: String], accountName: String?) -> String {
        let user = [env["USER"], env["LOGNAME"], accountName].compactMap { $0 }.first { !$0.isEmpty } ?? "uid \(getuid())"
        if let ssh = (env["SSH_CLIENT"] ?? env["SSH_CONNECTION"])?.split(separator: " ").first {
            return "\(user)@\(ssh)"
        }
        return user
    }

    /// The login name of this process's user id, from the password database.
    static func accountName() -> String? {
        guard let entry = getpwuid(getuid()), let name = entry.pointee.pw_name else { return nil }
        return String(cString: name)
    }
}
