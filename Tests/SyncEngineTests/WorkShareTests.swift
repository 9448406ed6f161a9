import Foundation
import Testing

@testable import SyncEngine

/// How `run` processes sharing a store spread the integrations (`WorkShare`).
struct WorkShareTests {
    let now = Date()

    func lease(_ id: Int64, _ owner: String, age: TimeInterval = 1) -> Lease {
        let parts = owner.split(separator: ":")
        return Lease(
            integrationID: id,
            holder: "engine-\(id)",
            host: String(parts[0]),
            pid: Int32(parts[1])!,
            heartbeatAt: now.addingTimeInterval(-age),
            generation: 1
        )
    }

    func share(
        wanted: ClosedRange<Int64> = 1...10,
        running: Set<Int64> = [],
        leases: [Lease] = [],
        me: String = "a:1",
        hosts: Set<String>,
        sharing: Bool = true
    ) -> WorkShare {
        WorkShare(wanted: Set(wanted), running: running, leases: leases, me: me, hosts: hosts, sharing: sharing) { lease in
            now.timeIntervalSince(lease.heartbeatAt) <= 30
        }
    }

    @Test func aLoneHostTakesEverything() {
        let plan = share(hosts: ["a:1"])
        #expect(plan.share == 10)
        #expect(plan.takeable == Array(1...10))
        #expect(plan.handBack == nil)
    }

    @Test func threeHostsTakeAFairShareEach() {
        let plan = share(hosts: ["a:1", "b:2", "c:3"])
        #expect(plan.share == 4, "ceil(10 / 3)")
        let taken = (1...4).map { lease($0, "b:2") }
        let later = share(leases: taken, hosts: ["a:1", "b:2", "c:3"])
        #expect(later.takeable == Array(5...10), "what b holds is not takeable")
        #expect(later.elsewhere[1] == "b:2")
    }

    @Test func aStaleOrUnknownHolderIsTakenOver() {
        let plan = share(leases: [lease(1, "b:2", age: 31), lease(2, "b:2", age: 5)], hosts: ["a:1"])
        #expect(plan.takeable.contains(1))
        #expect(!plan.takeable.contains(2))
    }

    /// A host that comes back finds everything held by the others: the ones over their share give one back each
    /// look until it has its share, and none is given back while something is still free to take.
    @Test func aHostOverItsShareGivesOneBackWhileAnotherHasRoom() {
        let mine = (1...10).map { lease($0, "a:1") }
        let alone = share(running: Set(1...10), leases: mine, hosts: ["a:1"])
        #expect(alone.handBack == nil)
        let joined = share(running: Set(1...10), leases: mine, hosts: ["a:1", "b:2"])
        #expect(joined.share == 5)
        #expect(joined.handBack == 10)
        let evened = share(
            running: Set(1...5),
            leases: (1...5).map { lease($0, "a:1") } + (6...10).map { lease($0, "b:2") },
            hosts: ["a:1", "b:2"]
        )
        #expect(evened.handBack == nil)
        var withFree = mine
        withFree.removeLast()
        #expect(share(running: Set(1...9), leases: withFree, hosts: ["a:1", "b:2"]).handBack == nil, "b takes the free one first")
    }

    @Test func aHostThatDoesNotShareTakesWhatIsFreeWithoutACap() {
        let plan = share(leases: [lease(1, "b:2")], hosts: ["a:1"], sharing: false)
        #expect(plan.share == 10)
        #expect(plan.takeable == Array(2...10))
        #expect(plan.handBack == nil)
    }
}
