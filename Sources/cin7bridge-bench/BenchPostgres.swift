import Foundation
import Synchronization

/// The PostgreSQL server the PostgreSQL figures use: `CIN7BRIDGE_TEST_POSTGRES_URL` or `CIN7BRIDGE_DATABASE` when
/// set (scripts/test exports the first), else a throwaway one started with `scripts/pg start` from the repository
/// root and stopped at the end of the run. Each figure gets a fresh schema of its own.
enum BenchPostgres {
    private struct State {
        var tried = false
        var url: String?
        var startedIn: String?
    }

    private static let state = Mutex(State())

    /// Under `CI` a missing server fails the run; elsewhere the PostgreSQL figures are skipped with a note.
    static var required: Bool { ProcessInfo.processInfo.environment["CI"] != nil }

    /// The server's URL, starting one the first time when none is given; nil when none can be had.
    static func serverURL() -> String? {
        if let url = state.withLock({ $0.tried ? $0.url : nil }) { return url }
        let environment = ProcessInfo.processInfo.environment
        if let url = ["CIN7BRIDGE_TEST_POSTGRES_URL", "CIN7BRIDGE_DATABASE"].compactMap({ environment[$0] }).first(where: { !$0.isEmpty }) {
            state.withLock {
                $0.tried = true
                $0.url = url
            }
            return url
        }
        if state.withLock({ $0.tried }) { return nil }
        state.withLock { $0.tried = true }
        guard FileManager.default.isExecutableFile(atPath: "scripts/pg") else {
            Report.note("no PostgreSQL server: CIN7BRIDGE_TEST_POSTGRES_URL is unset and scripts/pg is not here (run from the repository root)")
            return nil
        }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("cin7bridge-bench-pg-\(UUID().uuidString)").path
        let (status, output) = runScript(["start", directory])
        let url = output.split(separator: "\n").last.map(String.init) ?? ""
        guard status == 0, url.hasPrefix("postgres") else {
            Report.note("no PostgreSQL server: scripts/pg start failed (is the postgresql package installed?): \(output)")
            return nil
        }
        Report.note("started a PostgreSQL server for the PostgreSQL figures (scripts/pg)")
        state.withLock {
            $0.url = url
            $0.startedIn = directory
        }
        return url
    }

    /// A URL for a fresh schema on the server (`--database` takes it as it is).
    static func freshDatabase(prefix: String) -> String? {
        guard let server = serverURL(), var components = URLComponents(string: server) else { return nil }
        let schema = prefix + "_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "").prefix(12)
        components.queryItems = (components.queryItems ?? []).filter { $0.name != "schema" } + [URLQueryItem(name: "schema", value: schema)]
        return components.string
    }

    /// Stops the server this run started, if any.
    static func stop() {
        guard let directory = state.withLock({ $0.startedIn }) else { return }
        _ = runScript(["stop", directory])
        state.withLock { $0.startedIn = nil }
    }

    /// Runs `scripts/pg` with `arguments`: its exit status (nil when it did not end within two minutes) and output.
    /// Spawned as a `HostProcess` with its output in a file: Foundation's `waitUntilExit` could wait for ever for a
    /// script that had ended (the bench hung there), and the server it starts would hold a pipe open.
    private static func runScript(_ arguments: [String]) -> (status: Int32?, output: String) {
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("cin7bridge-bench-pg-\(UUID().uuidString).out")
        defer { try? FileManager.default.removeItem(at: output) }
        guard let process = try? HostProcess(URL(fileURLWithPath: "scripts/pg"), arguments: arguments, output: output) else {
            return (nil, "scripts/pg could not run")
        }
        let status = process.reap(timeout: 120)
        let text = (try? String(contentsOf: output, encoding: .utf8)) ?? ""
        return (status, text.trimmingCharacters(in: .whitespacesAndNewlines))
    }
}
