import Foundation

/// Cin7 reference data the engine caches so it costs no calls per order: locations (to route bins by their
/// parent), carriers (to create a missing one once), and the SKUs of service products (never sent to a warehouse).
struct ReferenceData: Sendable {
    var locations = LocationIndex()
    var locationsLoadedAt: Date?
    var carriers: [String: String] = [:]
    var carriersLoaded = false
    var serviceSKUs: Set<String> = []
    var productsLoadedAt: Date?
    /// The Cin7 account's time zone (`me` → `TimeZone`), used when none is configured.
    var accountTimeZone: TimeZone?
    var accountTimeZoneLoaded = false

    /// How long locations and products are trusted before they are read again.
    static let lifetime: TimeInterval = 6 * 3600

    func needsLocations(now: Date) -> Bool {
        locationsLoadedAt.map { now.timeIntervalSince($0) > Self.lifetime } ?? true
    }

    func needsProducts(now: Date) -> Bool {
        productsLoadedAt.map { now.timeIntervalSince($0) > Self.lifetime } ?? true
    }

    /// The Cin7 carrier name as Cin7 spells it, if Cin7 has it.
    func carrier(named name: String) -> String? {
        carriers[name.lowercased()]
    }
}
