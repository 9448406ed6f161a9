import Foundation

/// Where the database and log live, and who may read them.
///
/// The service and the people who SSH in must see the same data, so the directory is chosen the same way by every
/// command: `--data-dir`, then `CIN7BRIDGE_DATA_DIR`, then the system-wide `/var/lib/cin7bridge` when it exists,
/// then `$XDG_DATA_HOME/cin7bridge` (`~/.local/share/cin7bridge`).
///
/// A private directory is 0700 with files 0600. A **group-shared** directory — one with the set-group-ID bit, as
/// `Resources/cin7bridge.service` creates `/var/lib/cin7bridge` (mode 2770, group `cin7bridge`) — keeps its mode
/// and gets files 0660, so members of that group (and no one else) can run `tui`, `status` or `retry` against the
/// service's data. The database holds the integrations' secrets: the group is the boundary.
public enum DataDirectory {
    /// The environment variable that names the data directory.
    public static let environmentVariable = "CIN7BRIDGE_DATA_DIR"
    /// The system-wide directory the service uses; the default for everyone when it exists.
    public static let systemURL = URL(fileURLWithPath: "/var/lib/cin7bridge")

    /// A chosen directory and why it was chosen (said when a command finds nothing there).
    public struct Choice: Sendable, Equatable {
        public var url: URL
        /// "--data-dir", "CIN7BRIDGE_DATA_DIR", "the system-wide default", "the per-user default".
        public var origin: String

        public init(url: URL, origin: String) {
            self.url = url
            self.origin = origin
        }
    }

    /// Picks the data directory (see the type's documentation for the order).
    public static func choose(
        option: String?,
        environment: [String: String] = ProcessInfo.processInfo.environment,
        systemDirectoryExists: Bool = FileManager.default.fileExists(atPath: systemURL.path)
    ) -> Choice {
        if let option, !option.isEmpty { return Choice(url: URL(fileURLWithPath: option), origin: "--data-dir") }
        if let value = environment[environmentVariable], !value.isEmpty {
            return Choice(url: URL(fileURLWithPath: value), origin: environmentVariable)
        }
        if systemDirectoryExists { return Choice(url: systemURL, origin: "the system-wide default") }
        return Choice(url: userURL(environment: environment), origin: "the per-user default")
    }

    /// `$XDG_DATA_HOME/cin7bridge`, or `~/.local/share/cin7bridge`.
    public static func userURL(environment: [String: String] = ProcessInfo.processInfo.environment) -> URL {
        if let xdg = environment["XDG_DATA_HOME"], !xdg.isEmpty {
            return URL(fileURLWithPath: xdg).appendingPathComponent("cin7bridge")
        }
        let home = environment["HOME"] ?? NSHomeDirectory()
        return URL(fileURLWithPath: home).appendingPathComponent(".local/share/cin7bridge")
    }

    /// Whether `directory` is shared with its group (set-group-ID bit set).
    public static func isShared(_ directory: URL) -> Bool {
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: directory.path),
            let mode = attributes[.posixPermissions] as? Int
        else { return false }
        return mode & 0o2000 != 0
    }

    /// Creates `directory` with mode 0700, tightening an existing private one; a group-shared directory is left
    /// as its owner set it.
    public static func prepare(_ directory: URL) throws {
        let fm = FileManager.default
        if !fm.fileExists(atPath: directory.path) {
            try fm.createDirectory(at: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        }
        if !isShared(directory) {
            try? fm.setAttributes([.posixPermissions: 0o700], ofItemAtPath: directory.path)
        }
    }

    /// The file mode for files in the directory holding `path`: 0660 when it is shared, else 0600.
    public static func fileMode(forFileAt path: String) -> Int {
        isShared(URL(fileURLWithPath: path).deletingLastPathComponent()) ? 0o660 : 0o600
    }

    /// The umask that gives new files in the directory holding `path` that mode.
    static func umask(forFileAt path: String) -> mode_t {
        fileMode(forFileAt: path) == 0o660 ? 0o007 : 0o077
    }

    /// Sets the directory's file mode (0600, or 0660 when shared) on `path` and its SQLite side files.
    public static func restrictFile(_ path: String) throws {
        let mode = fileMode(forFileAt: path)
        for file in [path, path + "-wal", path + "-shm"] where FileManager.default.fileExists(atPath: file) {
            try? FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: file)
        }
    }
}
