import Foundation
import Synchronization

extension StarshipitWarehouse {
    /// The window of the last `ordersChanged` call, shared by copies of the adapter. Orders the engine still watches
    /// for late tracking come without a ship date; whatever changed about them since that window shows in the lists
    /// read with it (Starshipit's `since_last_updated` moves on any change), so re-reading them costs no wider window.
    final class PollMemory: Sendable {
        private let lastFrom = Mutex<Date?>(nil)

        var from: Date? { lastFrom.withLock { $0 } }

        func remember(_ from: Date) {
            lastFrom.withLock { $0 = from }
        }
    }
}
