import Foundation
import Synchronization

/// Faults a simulator injects into its answers, per run, so clients and the engine are tested against a service
/// that misbehaves the way real ones do. Rates are probabilities per request in `0...1`.
public struct SimulatorFaults: Sendable, Equatable, Codable {
    /// Answer 500 or 503 *without* acting on the request.
    public var serverErrorRate: Double
    /// Act on the request, then answer with a truncated or garbled body.
    public var malformedRate: Double
    /// Act on the request, then drop the connection before the response is complete (the duplicate hazard).
    public var dropRate: Double
    /// Act on the request, then answer only after `hangSeconds` (longer than a client's timeout).
    public var hangRate: Double
    public var hangSeconds: TimeInterval
    /// Added to every response.
    public var latency: TimeInterval
    /// Up to this much more, at random.
    public var latencyJitter: TimeInterval

    public init(
        serverErrorRate: Double = 0,
        malformedRate: Double = 0,
        dropRate: Double = 0,
        hangRate: Double = 0,
        hangSeconds: TimeInterval = 35,
        latency: TimeInterval = 0,
        latencyJitter: TimeInterval = 0
    ) {
        self.serverErrorRate = serverErrorRate
        self.malformedRate = malformedRate
        self.dropRate = dropRate
        self.hangRate = hangRate
        self.hangSeconds = hangSeconds
        self.latency = latency
        self.latencyJitter = latencyJitter
    }

    public static let none = SimulatorFaults()
}

/// What to do to one response.
public enum FaultDecision: Sendable, Equatable {
    case none
    case serverError(status: Int)
    case malformed
    case drop
    case hang(TimeInterval)
}

/// Draws fault decisions from a seeded generator so a failing run can be repeated, and counts what it injected.
public final class FaultInjector: Sendable {
    private struct State {
        var faults: SimulatorFaults
        var generator: SplitMix64
        var injected: [String: Int] = [:]
    }

    private let state: Mutex<State>

    public init(faults: SimulatorFaults = .none, seed: UInt64 = 0x5EED) {
        state = Mutex(State(faults: faults, generator: SplitMix64(seed: seed)))
    }

    public var faults: SimulatorFaults {
        get { state.withLock { $0.faults } }
        set { state.withLock { $0.faults = newValue } }
    }

    /// Counts of injected faults by kind (`serverError`, `malformed`, `drop`, `hang`).
    public var injected: [String: Int] { state.withLock { $0.injected } }

    /// Decides the fault for the next request, and the extra latency to add.
    public func next() -> (decision: FaultDecision, delay: TimeInterval) {
        state.withLock { state in
            let faults = state.faults
            var delay = faults.latency
            if faults.latencyJitter > 0 { delay += faults.latencyJitter * state.generator.nextUnit() }
            // One roll picks a band: server error, malformed, drop, hang, or nothing, in that order.
            let roll = state.generator.nextUnit()
            let bands: [(rate: Double, kind: String)] = [
                (faults.serverErrorRate, "serverError"), (faults.malformedRate, "malformed"), (faults.dropRate, "drop"), (faults.hangRate, "hang"),
            ]
            var upper = 0.0
            var decision = FaultDecision.none
            for band in bands {
                upper += band.rate
                guard roll < upper else { continue }
                switch band.kind {
                case "serverError": decision = .serverError(status: state.generator.nextUnit() < 0.5 ? 500 : 503)
                case "malformed": decision = .malformed
                case "drop": decision = .drop
                default: decision = .hang(faults.hangSeconds)
                }
                state.injected[band.kind, default: 0] += 1
                break
            }
            return (decision, delay)
        }
    }
}

/// A small, fast, seedable generator (SplitMix64).
public struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE5_E4B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A uniform value in `0..<1`.
    public mutating func nextUnit() -> Double {
        Double(next() >> 11) / Double(1 << 53)
    }
}
