import BridgeSupport
import Foundation

/// The real clock moved by a fixed offset, so a test can run the engine at a chosen time of day (a time-zone
/// test that must distinguish zones, whenever it runs) while time still passes normally.
public final class OffsetClock: BridgeClock {
    public let offset: TimeInterval

    public init(offset: TimeInterval) { self.offset = offset }

    /// The offset that puts this clock at the next `hour`:00 UTC (strictly ahead of the real time).
    public convenience init(nextUTCHour hour: Int) {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let now = Date()
        let target = calendar.nextDate(after: now, matching: DateComponents(hour: hour, minute: 0, second: 0), matchingPolicy: .nextTime) ?? now
        self.init(offset: target.timeIntervalSince(now))
    }

    public var now: Date { Date().addingTimeInterval(offset) }

    public func sleep(until deadline: Date) async throws {
        let remaining = deadline.timeIntervalSince(now)
        if remaining <= 0 {
            try Task.checkCancellation()
            return
        }
        try await Task.sleep(nanoseconds: UInt64(remaining * 1_000_000_000))
    }
}
