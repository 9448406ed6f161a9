import Foundation
import GRDB

extension SQLiteStore {
    /// Completed units that reached `completed` after `completedAfter`, least recently looked at first: the
    /// orders whose consignments are still watched for late tracking.
    public func completedUnits(integrationID: Int64, completedAfter: Date, limit: Int) throws -> [ShipmentUnit] {
        try read { db in
            try ShipmentUnit.filter(
                Column("integrationID") == integrationID && Column("state") == ShipmentState.completed && Column("stateChangedAt") >= completedAfter
            )
            .order(Column("updatedAt")).limit(limit).fetchAll(db)
        }
    }
}
