import BridgeSupport
import Foundation
import SyncEngine

/// A failure while doing the work (not a mistake in the arguments): one message saying what to do, no usage text,
/// and an exit status that says which kind of failure it was.
struct RuntimeFailure: Error, CustomStringConvertible, LocalizedError {
    var description: String
    var status: ExitStatus

    init(_ description: String, status: ExitStatus = .failure) {
        self.description = description
        self.status = status
    }

    var errorDescription: String? { description }

    /// A store that cannot be opened or used, with the status its cause deserves.
    init(_ error: StoreError) {
        let status: ExitStatus =
            switch error {
            case .readOnly, .cannotOpen: .permission
            case .diskFull: .ioError
            case .locked: .temporary
            case .corrupt: .dataError
            case .newerSchema: .configuration
            case .notFound: .noInput
            case .unreachable: .unavailable
            case .other: .ioError
            }
        self.init(error.description, status: status)
    }

    /// The message as printed: `Error: ` and one sentence ending in exactly one stop, however the parts were joined.
    var printed: String { "Error: \(description.sentence)\n" }

    /// Prints the message to standard error and exits with the status.
    func exit() -> Never {
        FileHandle.standardError.write(Data(printed.utf8))
        Foundation.exit(status.rawValue)
    }
}
