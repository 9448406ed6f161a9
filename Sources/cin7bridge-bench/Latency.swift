import Foundation
import Simulators
import SyncEngine

/// Figure 2: latency at steady load with a real-time rate window and polling alone (default poll interval).
enum LatencyBench {
    static func run(orders: Int, arrivalInterval: TimeInterval, quick: Bool) async throws {
        let limits = BenchWorld.limits(scale: 1)
        let bench = try await BenchWorld(cin7: Cin7SimulatorConfiguration(), cartonCloud: CartonCloudSimulatorConfiguration(), limits: limits)
        let dispatcher = AutoDispatcher(cartonCloud: bench.world.cartonCloud, interval: 0.1)
        dispatcher.start()
        bench.startEngine()
        // Let the engine load its reference data and make its first (empty) poll before sales arrive.
        _ = await bench.wait(timeout: 30, every: 0.1) { bench.status()?.lastPollAt != nil }
        let perOrderCalls = 4.0
        let pollCalls = 60 / limits.pollInterval
        let budgetFraction = (perOrderCalls * 60 / arrivalInterval + pollCalls) / Double(limits.cin7CallsPerWindow)
        Report.note(
            "latency: \(orders) orders, one every \(arrivalInterval) s (about \(Int(budgetFraction * 100))% of the Cin7 budget), real-time window"
        )

        var authorisedAt: [String: Double] = [:]  // order number → time
        var saleIDs: [String: String] = [:]
        var shippedAt: [String: Double] = [:]
        let start = now()
        var next = 0
        let deadline = start + Double(orders) * arrivalInterval + 180
        while now() < deadline {
            if next < orders && now() >= start + Double(next) * arrivalInterval {
                let ref = bench.world.authoriseSale(.normal, index: next)
                authorisedAt[ref.orderNumber] = now()
                saleIDs[ref.orderNumber] = ref.saleID
                next += 1
            }
            let seen = dispatcher.seen
            for order in seen.values where shippedAt[order.reference] == nil {
                guard let saleID = saleIDs[order.reference], let snapshot = bench.world.cin7.snapshot(saleID: saleID) else { continue }
                if !snapshot.fulfilments.isEmpty && snapshot.fulfilments.allSatisfy({ $0.shipStatus == "AUTHORISED" }) {
                    shippedAt[order.reference] = now()
                }
            }
            if next == orders && shippedAt.count == orders { break }
            try await Task.sleep(nanoseconds: 100_000_000)
        }
        let seen = Dictionary(dispatcher.seen.values.map { ($0.reference, $0) }, uniquingKeysWith: { a, _ in a })
        await dispatcher.stop()
        let throttled = bench.world.cin7.stats.throttledResponses
        await bench.shutdown()

        let toWarehouse = authorisedAt.compactMap { number, at in seen[number].map { $0.seenAt - at } }
        let toCin7 = shippedAt.compactMap { number, at in seen[number].map { at - $0.dispatchedAt } }
        var common: [(String, JSONValue)] = [
            ("orders", .int(orders)), ("arrivalIntervalSeconds", .double(arrivalInterval)), ("budgetFraction", .double(budgetFraction)),
            ("windowSeconds", .double(limits.cin7Window)), ("limit", .int(limits.cin7CallsPerWindow)),
            ("pollIntervalSeconds", .double(limits.pollInterval)),
            ("throttleResponses", .int(throttled)), ("resolutionSeconds", .double(0.1)),
        ]
        if quick { common.append(("scaledDown", .string("quick mode: \(orders) orders instead of at least 50; percentiles are indicative only"))) }
        for (name, sample, target) in [
            ("latency.authorised_to_warehouse", toWarehouse, (15.0, 60.0)), ("latency.dispatch_to_cin7_shipped", toCin7, (15.0, 60.0)),
        ] {
            let measured = common + [("measuredOrders", .int(sample.count))]
            Report.figure(name + ".p50", percentile(sample, 50), "s", measured + [("target", .double(target.0))])
            Report.figure(
                name + ".p95",
                percentile(sample, 95),
                "s",
                measured + [("target", .double(target.1)), ("max", .double(sample.max() ?? .nan))]
            )
        }
    }
}
