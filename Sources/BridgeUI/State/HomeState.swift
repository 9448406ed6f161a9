import SyncEngine

/// What the Integrations screen lists.
public struct HomeState: Sendable, Equatable {
    public var rows: [IntegrationHealth] = []
    public var selection = 0
    public var loaded = false
    public init() {}
}
