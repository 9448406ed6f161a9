import Foundation
import GRDB

extension SQLiteStore {
    /// Completed units that reached `completed` after `completedAfter`, least recently looked at first: the
    /// orders whose consignments are still watched for late tracking.
    public func completedUnits(integrationID: Int64, completedAfter: Date, limit: Int) throws -> [ShipmentUnit] {
        try read { db in
            let select = try db.cachedStatement(
                sql: "SELECT * FROM shipment_unit WHERE integrationID = ? AND state = ? AND stateChangedAt >= ? ORDER BY updatedAt LIMIT ?"
            )
            return try ShipmentUnit.fetchAll(select, arguments: [integrationID, ShipmentState.completed.rawValue, completedAfter, limit])
        }
    }
}
