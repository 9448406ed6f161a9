import Foundation

/// What `/healthz` answers: the `cin7bridge status --check` verdict (healthy when there is at least one integration
/// and each is healthy) with each integration's problems, as JSON.
public struct HealthReport: Sendable, Codable, Equatable {
    public struct Integration: Sendable, Codable, Equatable {
        public var id: Int64
        public var name: String
        public var healthy: Bool
        /// `ok`, `paused`, `warning` or `error`.
        public var level: IntegrationHealth.Level
        /// What is wrong and what to do, one line each (empty when healthy).
        public var problems: [String]
    }

    public var healthy: Bool
    /// Why not, one line each, prefixed with the integration's name.
    public var reasons: [String]
    public var integrations: [Integration]

    public init(_ healths: [IntegrationHealth]) {
        integrations = healths.map { Integration(id: $0.integrationID, name: $0.name, healthy: $0.isHealthy, level: $0.level, problems: $0.problems) }
        healthy = !healths.isEmpty && healths.allSatisfy(\.isHealthy)
        reasons =
            healths.isEmpty
            ? ["No integration in the data directory."]
            : healths.filter { !$0.isHealthy }.flatMap { health in health.problems.map { "\(health.name): \($0)" } }
    }

    /// The report when the store could not be read at all.
    public init(failure: String) {
        healthy = false
        reasons = ["The data directory could not be read: \(failure)"]
        integrations = []
    }

    /// The JSON body (keys sorted, so the answer is stable).
    public func json() -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return Array((try? encoder.encode(self)) ?? Data(#"{"healthy":false}"#.utf8))
    }
}
