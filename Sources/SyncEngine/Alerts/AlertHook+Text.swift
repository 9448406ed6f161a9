import BridgeSupport
import Foundation

extension AlertHook {
    /// Reads what a person typed in the wizard's "Alert hook" field: an `http(s)://` address is a POST, anything else
    /// a command line (an absolute path, then arguments split at spaces; quote an argument with spaces in `"…"`).
    /// Blank text is no hook. Timeout, retries and quiet period keep `keeping`'s values (defaults for a new hook).
    public static func parse(_ text: String, keeping existing: AlertHook? = nil) -> AlertHook? {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { return nil }
        var hook = existing ?? AlertHook.post("")
        let lower = trimmed.lowercased()
        if lower.hasPrefix("http://") || lower.hasPrefix("https://") {
            hook.target = .post(url: Secret(trimmed))
        } else {
            let words = commandWords(trimmed)
            hook.target = .command(path: words.first ?? "", arguments: Array(words.dropFirst()))
        }
        return hook
    }

    /// The text the wizard's field shows for this hook (the inverse of `parse`).
    public var fieldText: String {
        switch target {
        case .post(let url): url.reveal()
        case .command(let path, let arguments):
            ([path] + arguments).map { $0.contains(" ") || $0.isEmpty ? "\"\($0)\"" : $0 }.joined(separator: " ")
        }
    }

    /// What is wrong with the hook, as `ConfigValidator` problems under `alerts`. `requireURL` is false for an import
    /// that keeps the address already stored.
    public func problems(requireURL: Bool = true) -> [ConfigValidator.Problem] {
        var problems: [ConfigValidator.Problem] = []
        func check(_ ok: Bool, _ field: String, _ message: String) {
            if !ok { problems.append(ConfigValidator.Problem(field: field, message: message)) }
        }
        switch target {
        case .post(let secret):
            if requireURL || !secret.isEmpty {
                let url = URL(string: secret.reveal())
                let scheme = url?.scheme?.lowercased()
                let host = url?.host ?? ""
                check(
                    !host.isEmpty && (scheme == "https" || (scheme == "http" && URLSafety.isLoopback(host: host))),
                    "alerts.post",
                    "must be an https:// address (plain http:// only to this machine, e.g. http://127.0.0.1:9000/hook)"
                )
            }
        case .command(let path, _):
            check(path.hasPrefix("/"), "alerts.command", "must be the absolute path of an executable, e.g. /usr/local/bin/page-warehouse")
            if path.hasPrefix("/") {
                check(FileManager.default.isExecutableFile(atPath: path), "alerts.command", "\(path) is not an executable file on this machine")
            }
        }
        check(timeout >= 0.1 && timeout <= 300, "alerts.timeout", "must be between 0.1 and 300 seconds")
        check(retries >= 0 && retries <= 10, "alerts.retries", "must be between 0 and 10")
        check(backoff.base > 0 && backoff.cap >= backoff.base, "alerts.backoff", "needs a positive base no larger than its cap")
        check(quietPeriod >= 0 && quietPeriod <= 86_400, "alerts.quietPeriod", "must be between 0 and 86400 seconds")
        return problems
    }

    /// Splits a command line at unquoted spaces; `"…"` keeps spaces in one word.
    static func commandWords(_ text: String) -> [String] {
        var words: [String] = []
        var current = ""
        var quoted = false
        var inWord = false
        for character in text {
            if character == "\"" {
                quoted.toggle()
                inWord = true
            } else if character.isWhitespace && !quoted {
                if inWord { words.append(current) }
                current = ""
                inWord = false
            } else {
                current.append(character)
                inWord = true
            }
        }
        if inWord { words.append(current) }
        return words
    }
}
