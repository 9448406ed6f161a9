import BridgeSupport
import Foundation

/// One of `timestamps`: `{"time": "2025-05-30T14:14:16+10:00"}`.
public struct Timestamp: LenientDecodable, Sendable, Hashable {
    /// ISO 8601 as sent.
    public var time: String?
    public var date: Date? { time.flatMap(CartonCloudDateFormat.parse) }
}
