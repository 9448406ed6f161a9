import Cin7Core
import Foundation

/// What the configure wizard shows before Finish: the top-level Cin7 locations to map, how many sales the go-live
/// point brings in, and where recent authorised sales would go (or why each would be skipped), decided by the
/// same `Router` the engine uses. Costs two or three Cin7 calls (locations and one or two sale-list pages).
public struct SalePreview: Sendable, Equatable {
    /// One recent sale and the routing decision for it.
    public struct Row: Sendable, Equatable {
        public var orderNumber: String
        public var customer: String
        public var status: String
        /// The top-level location name (or the id when unknown).
        public var location: String
        /// The warehouse it would be created in; `nil` when skipped.
        public var destination: String?
        /// Why it would be skipped; `nil` when it would be sent.
        public var skipReason: String?
        public var updated: Date?

        public init(
            orderNumber: String,
            customer: String,
            status: String,
            location: String,
            destination: String?,
            skipReason: String?,
            updated: Date?
        ) {
            self.orderNumber = orderNumber
            self.customer = customer
            self.status = status
            self.location = location
            self.destination = destination
            self.skipReason = skipReason
            self.updated = updated
        }
    }

    /// Top-level locations (bins and sub-locations excluded), by name.
    public var topLevelLocations: [LocationIndex.Entry]
    /// Recent sales, newest first, with their routing decision.
    public var rows: [Row]
    /// Sales changed since the go-live point that would be sent (not skipped) — what going live brings in.
    public var goLiveCount: Int
    /// Sales looked at (changed since the look-back start).
    public var scanned: Int

    public init(topLevelLocations: [LocationIndex.Entry], rows: [Row], goLiveCount: Int, scanned: Int) {
        self.topLevelLocations = topLevelLocations
        self.rows = rows
        self.goLiveCount = goLiveCount
        self.scanned = scanned
    }

    /// Builds a location index (locations and their bins) from Cin7's location list.
    public static func locationIndex(_ locations: [Location]) -> LocationIndex {
        LocationIndex(
            locations.map {
                LocationIndex.Entry(id: $0.ID.value, name: $0.Name ?? "", parentID: $0.ParentID?.value)
            }
                + locations.flatMap { location in
                    (location.Bins ?? []).map { LocationIndex.Entry(id: $0.ID.value, name: $0.Name ?? "", parentID: location.ID.value) }
                }
        )
    }

    /// Decides every summary with `options` (pure; the wizard recomputes it as the mapping changes).
    public static func decide(
        _ summaries: [SaleSummary],
        options: IntegrationConfig.OrderCreation,
        locations: LocationIndex,
        limit: Int = 12
    ) -> (rows: [Row], goLiveCount: Int) {
        let router = Router(options: options, locations: locations)
        let sorted = summaries.sorted { ($0.updated ?? .distantPast) > ($1.updated ?? .distantPast) }
        var count = 0
        var rows: [Row] = []
        for summary in sorted {
            let top = summary.locationID.flatMap { locations.topLevel(ofID: $0) }
            let skip = router.precheck(summary)
            if skip == nil { count += 1 }
            guard rows.count < limit else { continue }
            var destination: String?
            if skip == nil { destination = router.warehouse(forTopLevel: top)?.display }
            rows.append(
                Row(
                    orderNumber: summary.orderNumber,
                    customer: summary.customer,
                    status: summary.status,
                    location: top?.name ?? summary.locationID ?? "?",
                    destination: destination,
                    skipReason: skip?.reason ?? (destination == nil ? "No warehouse for this location." : nil),
                    updated: summary.updated
                )
            )
        }
        return (rows, count)
    }

    /// Reads locations and the sales changed since `lookBack` (default: the earlier of the go-live point and 14 days
    /// ago), then decides each.
    public static func load(
        options: IntegrationConfig.OrderCreation,
        cin7: Cin7Client,
        now: Date = Date(),
        lookBack: Date? = nil,
        limit: Int = 12
    ) async throws -> (preview: SalePreview, summaries: [SaleSummary], locations: LocationIndex) {
        let locations = locationIndex(try await cin7.locations(priority: .normal))
        let since = lookBack ?? min(options.goLive.date, now.addingTimeInterval(-14 * 86_400))
        let items = try await cin7.saleList(SaleListFilter(updatedSince: since), limit: 500, priority: .normal)
        let summaries = items.map(SaleSummary.init)
        let decided = decide(summaries, options: options, locations: locations, limit: limit)
        let preview = SalePreview(
            topLevelLocations: locations.topLevel,
            rows: decided.rows,
            goLiveCount: decided.goLiveCount,
            scanned: summaries.count
        )
        return (preview, summaries, locations)
    }
}
