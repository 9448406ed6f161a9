import BridgeSupport
import Foundation
import SyncEngine
import Testing

/// The storm rule as a pure value: the first alert of a kind at once, the rest of its quiet period as one summary.
@Suite struct AlertThrottleTests {
    let start = Date(timeIntervalSince1970: 1_790_000_000)

    func attention(_ order: String, _ at: Date, code: String = "unknown_sku") -> AlertEvent {
        AlertEvent(
            integrationID: 1,
            integrationName: "Acme",
            kind: .orderNeedsAttention,
            at: at,
            orders: [order],
            reasons: [code: 1],
            action: "Add the product."
        )
    }

    @Test func aStormIsOneAlertThenOneSummaryWithTheCount() {
        var throttle = AlertThrottle()
        var sent: [AlertEvent] = []
        for index in 0..<50 {
            let now = start.addingTimeInterval(Double(index) * 0.1)
            sent += throttle.due(now: now, quietPeriod: 300)
            if let event = throttle.offer(
                attention("SO-\(index)", now, code: index % 2 == 0 ? "unknown_sku" : "rejected"),
                quietPeriod: 300,
                now: now
            ) {
                sent.append(event)
            }
        }
        #expect(sent.count == 1)
        #expect(sent.first?.orders == ["SO-0"])
        #expect(throttle.heldCount == 49)
        #expect(throttle.nextDeadline == start.addingTimeInterval(300))
        #expect(throttle.due(now: start.addingTimeInterval(299), quietPeriod: 300).isEmpty)
        let summaries = throttle.due(now: start.addingTimeInterval(300), quietPeriod: 300)
        #expect(summaries.count == 1)
        let summary = summaries.first
        #expect(summary?.isSummary == true)
        #expect(summary?.count == 49)
        #expect(summary?.orders.first == "SO-1")
        #expect(summary?.reasons == ["unknown_sku": 24, "rejected": 25])
        #expect(summary?.message.hasPrefix("Acme: and 49 more orders need attention") == true)
        // The summary opened another quiet period; nothing came in it, so it just ends and the next alert goes at once.
        #expect(throttle.due(now: start.addingTimeInterval(600), quietPeriod: 300).isEmpty)
        #expect(throttle.nextDeadline == nil)
        #expect(throttle.offer(attention("SO-99", start.addingTimeInterval(601)), quietPeriod: 300, now: start.addingTimeInterval(601)) != nil)
    }

    @Test func kindsAreThrottledApart() {
        var throttle = AlertThrottle()
        #expect(throttle.offer(attention("SO-1", start), quietPeriod: 60, now: start) != nil)
        let health = AlertEvent.healthTurnedBad(integrationID: 1, integrationName: "Acme", signals: [.cin7NotAnswering], at: start)
        #expect(throttle.offer(health, quietPeriod: 60, now: start) != nil)
        #expect(throttle.offer(health, quietPeriod: 60, now: start.addingTimeInterval(1)) == nil)
        #expect(throttle.offer(attention("SO-2", start), quietPeriod: 60, now: start.addingTimeInterval(1)) == nil)
        let summaries = throttle.due(now: start.addingTimeInterval(60), quietPeriod: 60)
        #expect(Set(summaries.map(\.kind)) == [.orderNeedsAttention, .healthTurnedBad])
        #expect(summaries.allSatisfy { $0.count == 1 && $0.isSummary })
    }

    @Test func aStormLongerThanThePeriodGivesOneSummaryPerPeriod() {
        var throttle = AlertThrottle()
        var sent: [AlertEvent] = []
        for second in 0..<25 {
            let now = start.addingTimeInterval(Double(second))
            sent += throttle.due(now: now, quietPeriod: 10)
            if let event = throttle.offer(attention("SO-\(second)", now), quietPeriod: 10, now: now) { sent.append(event) }
        }
        sent += throttle.flush(now: start.addingTimeInterval(25))
        #expect(sent.map(\.count) == [1, 9, 10, 5])
        #expect(sent.map(\.isSummary) == [false, true, true, true])
        #expect(throttle.heldCount == 0)
    }

    @Test func noQuietPeriodSendsEveryAlert() {
        var throttle = AlertThrottle()
        #expect((0..<5).compactMap { throttle.offer(attention("SO-\($0)", start), quietPeriod: 0, now: start) }.count == 5)
        #expect(throttle.nextDeadline == nil)
    }
}
