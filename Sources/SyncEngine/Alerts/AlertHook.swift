import BridgeSupport
import Foundation

/// Where an integration's alerts go: a command run on this machine, or an HTTPS address that gets the alert as JSON
/// in a POST. Optional per integration (`IntegrationConfig.alerts`); see docs/ALERTS.md.
///
/// As JSON: `{"post": "https://…", "timeout": 10, "retries": 3, "quietPeriod": 300}` or
/// `{"command": "/usr/local/bin/page-warehouse", "arguments": ["--team", "dispatch"], …}`. The address is kept as a
/// `Secret`: a webhook address often is the credential (a token in its path or query), so it is masked in logs and
/// screens and left out of an export made without `--include-secrets`.
public struct AlertHook: Sendable, Codable, Equatable {
    /// What is run or called for each alert.
    public enum Target: Sendable, Equatable {
        /// An executable (absolute path) with its arguments; the alert is on its standard input and in its environment.
        case command(path: String, arguments: [String])
        /// An `https` address (plain `http` only to this machine) the alert is POSTed to as JSON.
        case post(url: Secret)
    }

    public var target: Target
    /// Seconds one delivery may take; a command still running then is killed.
    public var timeout: TimeInterval
    /// Tries after the first failed one, with `backoff` between them.
    public var retries: Int
    public var backoff: Backoff
    /// After an alert of one kind, more of that kind within this many seconds are counted and sent as one message.
    public var quietPeriod: TimeInterval

    public static let defaultTimeout: TimeInterval = 10
    public static let defaultRetries = 3
    public static let defaultBackoff = Backoff(base: 2, cap: 60)
    public static let defaultQuietPeriod: TimeInterval = 300

    public init(
        _ target: Target,
        timeout: TimeInterval = Self.defaultTimeout,
        retries: Int = Self.defaultRetries,
        backoff: Backoff = Self.defaultBackoff,
        quietPeriod: TimeInterval = Self.defaultQuietPeriod
    ) {
        self.target = target
        self.timeout = timeout
        self.retries = retries
        self.backoff = backoff
        self.quietPeriod = quietPeriod
    }

    /// A POST to `url`.
    public static func post(_ url: String) -> AlertHook { AlertHook(.post(url: Secret(url))) }

    /// A command run as `path arguments…`.
    public static func command(_ path: String, _ arguments: [String] = []) -> AlertHook {
        AlertHook(.command(path: path, arguments: arguments))
    }

    /// Whether there is nowhere to send (an address or command left empty, as after an import without secrets).
    public var isBlank: Bool {
        switch target {
        case .post(let url): url.isEmpty
        case .command(let path, _): path.trimmingCharacters(in: .whitespaces).isEmpty
        }
    }

    /// The retry policy of one delivery.
    public var retryPolicy: RetryPolicy { RetryPolicy(maxAttempts: max(0, retries) + 1, backoff: backoff) }

    /// What a log line or a screen may show: the command's path, or the address's scheme and host only.
    public var logDescription: String {
        switch target {
        case .command(let path, _): "command \(path)"
        case .post(let url):
            URL(string: url.reveal()).flatMap { url in url.host.map { "POST \(url.scheme ?? "https")://\($0)/…" } } ?? "POST (address not valid)"
        }
    }

    // MARK: Secrets

    /// The hook with the address blanked, for an export without secrets (a command has nothing secret).
    public var withoutSecrets: AlertHook {
        guard case .post = target else { return self }
        var copy = self
        copy.target = .post(url: "")
        return copy
    }

    /// Takes the address an import left out from the stored hook of the same integration.
    public mutating func keepMissingSecrets(from existing: AlertHook?) {
        if case .post(let url) = target, url.isEmpty, let existing, case .post = existing.target { target = existing.target }
    }

    // MARK: Codable

    private enum CodingKeys: String, CodingKey { case post, command, arguments, timeout, retries, backoff, quietPeriod }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let target: Target
        if let url = try c.decodeIfPresent(Secret.self, forKey: .post) {
            target = .post(url: url)
        } else if let path = try c.decodeIfPresent(String.self, forKey: .command) {
            target = .command(path: path, arguments: try c.decodeIfPresent([String].self, forKey: .arguments) ?? [])
        } else {
            throw DecodingError.dataCorrupted(
                .init(
                    codingPath: c.codingPath,
                    debugDescription: "an alert hook needs \"post\" (an https address) or \"command\" (an executable's path)"
                )
            )
        }
        self.init(
            target,
            timeout: try c.decodeIfPresent(TimeInterval.self, forKey: .timeout) ?? Self.defaultTimeout,
            retries: try c.decodeIfPresent(Int.self, forKey: .retries) ?? Self.defaultRetries,
            backoff: try c.decodeIfPresent(Backoff.self, forKey: .backoff) ?? Self.defaultBackoff,
            quietPeriod: try c.decodeIfPresent(TimeInterval.self, forKey: .quietPeriod) ?? Self.defaultQuietPeriod
        )
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        switch target {
        case .post(let url): try c.encode(url, forKey: .post)
        case .command(let path, let arguments):
            try c.encode(path, forKey: .command)
            try c.encode(arguments, forKey: .arguments)
        }
        try c.encode(timeout, forKey: .timeout)
        try c.encode(retries, forKey: .retries)
        try c.encode(backoff, forKey: .backoff)
        try c.encode(quietPeriod, forKey: .quietPeriod)
    }
}
