/// What a `cin7bridge` exit status means, after sysexits(3), so scripts and service managers can tell a mistyped
/// command from a missing database or a service that is down.
enum ExitStatus: Int32, CaseIterable {
    /// A check found something: `status --check`, a refused operator action, a declined confirmation.
    case failure = 1
    /// The command line was wrong (ArgumentParser's own status for bad arguments).
    case usage = 64
    /// An input was unreadable or inconsistent: a damaged database, a configuration file that does not validate.
    case dataError = 65
    /// Something named does not exist: no database in the data directory, no such file, order or integration.
    case noInput = 66
    /// A service (Cin7, the platform, the database) could not be reached.
    case unavailable = 69
    /// The output could not be created: the file exists, the data directory cannot be written.
    case cannotCreate = 73
    /// Reading or writing failed: the disk is full.
    case ioError = 74
    /// Try again later: the database is locked, no engine answered yet.
    case temporary = 75
    /// Permission denied.
    case permission = 77
    /// The data was written by a newer cin7bridge, or the configuration cannot work as it stands.
    case configuration = 78

    /// One line per status for `--help` and the man page.
    static var summary: String {
        """
        Exit status: 0 success; 1 a check found something (status --check, reconcile, a refused action); 64 wrong \
        arguments; 65 unreadable or invalid data; 66 no such database, file, order or integration; 69 a service \
        unreachable; 73 cannot create the output; 74 input/output error (disk full); 75 temporary (locked, no \
        answer yet: try again); 77 permission denied; 78 written by a newer version.
        """
    }
}
