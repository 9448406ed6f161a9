import BridgeSupport
import Foundation
import Simulators
import Testing

@testable import Cin7Core

/// The rate limit and injected faults, against the simulator with compressed windows.
@Suite(.serialized) struct Cin7ResilienceTests {
    static let window: TimeInterval = 0.5

    func burst(_ client: Cin7Client, calls: Int) async throws -> Int {
        try await withThrowingTaskGroup(of: Int.self) { group in
            for _ in 0..<calls {
                group.addTask {
                    _ = try await client.me(priority: .high)
                    return 1
                }
            }
            return try await group.reduce(0, +)
        }
    }

    @Test(arguments: Cin7ThrottleShape.allCases)
    func governorKeepsABurstUnderTheLimit(shape: Cin7ThrottleShape) async throws {
        let harness = try await Cin7Harness.start(
            {
                $0.rateLimitEnabled = true
                $0.rateLimit = 60
                $0.rateWindow = Self.window
                $0.throttleShape = shape
            },
            client: { $0.rate = RatePolicy(limit: 60, window: Self.window) }
        )
        let done = try await burst(harness.client, calls: 300)
        #expect(done == 300)
        #expect(harness.simulator.stats.throttledResponses == 0)
        #expect(harness.simulator.stats.count("GET", "me") == 300)
        await harness.stop()
    }

    @Test(arguments: Cin7ThrottleShape.allCases)
    func throttlesAreWaitedOutWhenTheGovernorIsTooGenerous(shape: Cin7ThrottleShape) async throws {
        let harness = try await Cin7Harness.start(
            {
                $0.rateLimitEnabled = true
                $0.rateLimit = 60
                $0.rateWindow = Self.window
                $0.throttleShape = shape
            },
            client: {
                $0.rate = RatePolicy(limit: 600, window: Self.window)
                $0.throttleCooldown = 0.25
                $0.maxThrottleRetries = 60
            }
        )
        let done = try await burst(harness.client, calls: 200)
        #expect(done == 200)
        #expect(harness.simulator.stats.throttledResponses > 0)
        #expect(harness.records.all.contains { $0.outcome == "throttled" })
        await harness.stop()
    }

    @Test func throttleGivesUpAfterTheConfiguredRetries() async throws {
        let harness = try await Cin7Harness.start(
            {
                $0.rateLimitEnabled = true
                $0.rateLimit = 1
                $0.rateWindow = 30
            },
            client: {
                $0.throttleCooldown = 0.01
                $0.maxThrottleRetries = 2
            }
        )
        _ = try await harness.client.me()
        await #expect(throws: Cin7Error.throttled) { _ = try await harness.client.me() }
        #expect(harness.simulator.stats.throttledResponses == 3)
        await harness.stop()
    }

    /// Another application spends the key's quota for a whole window (Cin7 counts calls per API application,
    /// cin7-core-api-v2.apib ~L124). Our two callers wait together, the wait grows, one call probes at a time: the
    /// throttled window costs a few answers, not one per caller every cooldown.
    @Test func quotaSpentByAnotherAppCostsOnlyAFewThrottleAnswers() async throws {
        let window: TimeInterval = 4
        let harness = try await Cin7Harness.start(
            {
                $0.rateLimitEnabled = true
                $0.rateLimit = 20
                $0.rateWindow = window
            },
            client: {
                $0.rate = RatePolicy(limit: 20, window: window)
                $0.throttleCooldown = window / 12
                $0.maxThrottleCooldown = window
                $0.maxThrottleRetries = 1_000
            }
        )
        let sim = harness.simulator
        sim.spendQuota(calls: 20)
        let until = Date().addingTimeInterval(window)
        let other = Task {
            // Paces the other application; it keeps the quota spent until `until`.
            while Date() < until {
                sim.spendQuota(calls: 20)
                try? await Task.sleep(nanoseconds: 20_000_000)
            }
        }
        let poll = Task { try await harness.client.locations(priority: .high).count }
        let carriers = Task { try await harness.client.carriers(priority: .high).count }
        await other.value
        let throttled = harness.records.all.filter { $0.outcome == "throttled" }.count
        #expect(throttled >= 2)
        #expect(throttled <= 6, "\(throttled) throttle answers while another app held the quota for \(window) s")
        // Once the other application stops, both calls get through.
        _ = try await poll.value
        _ = try await carriers.value
        await harness.stop()
    }

    @Test func getsRecoverFromServerErrorsMalformedBodiesAndDrops() async throws {
        let harness = try await Cin7Harness.start(
            { _ in },
            client: {
                $0.retry = RetryPolicy(maxAttempts: 10, backoff: Backoff(base: 0.005, cap: 0.02))
            }
        )
        let ref = harness.seedSimpleSale()
        harness.simulator.faults = SimulatorFaults(serverErrorRate: 0.15, malformedRate: 0.15, dropRate: 0.15)
        for _ in 0..<25 {
            let sale = try await harness.client.sale(id: ref.saleID)
            #expect(sale.ID == Cin7ID(ref.saleID))
        }
        let injected = harness.simulator.stats.faultsInjected
        #expect(injected["serverError", default: 0] > 0)
        #expect(injected["malformed", default: 0] > 0)
        #expect(injected["drop", default: 0] > 0)
        #expect(harness.records.all.contains { $0.outcome == "transient" })
        #expect(harness.records.all.contains { $0.outcome == "malformed" })
        await harness.stop()
    }

    @Test func getsRecoverFromHangs() async throws {
        let harness = try await Cin7Harness.start(
            { _ in },
            client: {
                $0.timeout = 0.3
                $0.retry = RetryPolicy(maxAttempts: 10, backoff: Backoff(base: 0.005, cap: 0.02))
            }
        )
        let ref = harness.seedSimpleSale()
        harness.simulator.faults = SimulatorFaults(hangRate: 0.5, hangSeconds: 0.8)
        for _ in 0..<4 { _ = try await harness.client.fulfilments(saleID: ref.saleID) }
        #expect(harness.simulator.stats.faultsInjected["hang", default: 0] > 0)
        harness.simulator.faults = .none
        await harness.stop()
    }

    @Test func postsAreNotResentAfterAnUnknownOutcome() async throws {
        let harness = try await Cin7Harness.start({ _ in }, client: { $0.timeout = 0.3 })
        let ref = harness.seedSimpleSale()
        let task = Cin7ID(harness.taskID(ref))
        let sim = harness.simulator
        sim.addCarrier("Courier")

        // A 5xx before acting: classified transient, nothing written, not re-sent.
        sim.faults = SimulatorFaults(serverErrorRate: 1)
        await #expect { _ = try await harness.client.writePick(.autoPick(taskID: task)) } throws: { ($0 as? Cin7Error)?.isTransient == true }
        #expect(sim.stats.count("POST", "sale/fulfilment/pick") == 1)
        #expect(sim.snapshot(saleID: ref.saleID)?.fulfilments.first?.pickStatus == "DRAFT")

        // A dropped connection after acting: the write happened; the client reports transient and does not re-send.
        sim.faults = SimulatorFaults(dropRate: 1)
        await #expect { _ = try await harness.client.writePick(.autoPick(taskID: task)) } throws: { ($0 as? Cin7Error)?.isTransient == true }
        #expect(sim.stats.count("POST", "sale/fulfilment/pick") == 2)
        #expect(sim.snapshot(saleID: ref.saleID)?.fulfilments.first?.pickStatus == "AUTHORISED")

        // Reconcile: read, then a re-post is recognisably "already authorised".
        sim.faults = .none
        #expect(try await harness.client.pick(taskID: task.value).Status == .authorised)
        await #expect { _ = try await harness.client.writePick(.autoPick(taskID: task)) } throws: { ($0 as? Cin7Error)?.isAlreadyAuthorised == true }

        // A hang past the client's timeout after acting.
        sim.faults = SimulatorFaults(hangRate: 1, hangSeconds: 0.8)
        let packLines = [
            PickPackLine(SKU: "TENT-2P", Location: "Main Warehouse", Quantity: 3, Box: "Box 1"),
            PickPackLine(SKU: "MAT", Location: "Main Warehouse", Quantity: 1, Box: "Box 1"),
        ]
        await #expect { _ = try await harness.client.writePack(PackRequest(TaskID: task, Lines: packLines)) } throws: {
            ($0 as? Cin7Error) == .transient("no answer within 0 s") || ($0 as? Cin7Error)?.isTransient == true
        }
        #expect(sim.stats.count("POST", "sale/fulfilment/pack") == 1)
        #expect(sim.snapshot(saleID: ref.saleID)?.fulfilments.first?.packStatus == "AUTHORISED")

        // A garbled answer after acting: malformed, written once.
        sim.faults = SimulatorFaults(malformedRate: 1)
        let line = ShipRequestLine(
            ShipmentDate: CalendarDate(year: 2026, month: 11, day: 24),
            Carrier: "Courier",
            Box: "Box 1",
            TrackingNumber: "T9"
        )
        await #expect { _ = try await harness.client.writeShip(ShipRequest(TaskID: task, Lines: [line])) } throws: {
            if case .malformed = $0 as? Cin7Error { return true }
            return false
        }
        #expect(sim.stats.shipPostsBySale[ref.saleID] == 1)
        #expect(sim.snapshot(saleID: ref.saleID)?.combinedShippingStatus == "SHIPPED")
        sim.faults = .none
        await harness.stop()
    }
}
