import Foundation
import Synchronization

/// Published statuses waiting to be written together: hundreds of engines on one host, each publishing after every
/// poll, cost one write transaction per `delay` rather than one each. The newest status of an integration replaces
/// any older one still waiting, and writes happen one at a time, so a later status is never overwritten by an
/// earlier one.
final class StatusWriteBatch: Sendable {
    private let waiting = Mutex<(statuses: [Int64: IntegrationStatus], flushing: Bool)>(([:], false))
    private let writing = Mutex(())
    private let delay: Duration
    private let write: @Sendable ([IntegrationStatus]) throws -> Void

    init(delay: Duration = .milliseconds(250), write: @escaping @Sendable ([IntegrationStatus]) throws -> Void) {
        self.delay = delay
        self.write = write
    }

    /// Writes `status` within `delay`, with the others waiting then.
    func add(_ status: IntegrationStatus) {
        let start = waiting.withLock { waiting -> Bool in
            waiting.statuses[status.integrationID] = status
            defer { waiting.flushing = true }
            return !waiting.flushing
        }
        guard start else { return }
        Task { [delay] in
            try? await Task.sleep(for: delay)
            try? self.flush()
        }
    }

    /// Writes every waiting status now (with `status`, when given).
    func flush(with status: IntegrationStatus? = nil) throws {
        try writing.withLock { _ in
            let statuses = waiting.withLock { waiting -> [IntegrationStatus] in
                if let status { waiting.statuses[status.integrationID] = status }
                defer {
                    waiting.statuses = [:]
                    waiting.flushing = false
                }
                return Array(waiting.statuses.values)
            }
            if !statuses.isEmpty { try write(statuses) }
        }
    }

    /// The status waiting for `integrationID`, newer than the stored one.
    func waitingStatus(integrationID: Int64) -> IntegrationStatus? {
        waiting.withLock { $0.statuses[integrationID] }
    }
}
