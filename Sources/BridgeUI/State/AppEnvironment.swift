import SyncEngine

/// Where the app runs and what to tell the user about it (help screen, demo credentials).
public struct AppEnvironment: Sendable, Equatable {
    public var dataDirectory: String
    public var logFile: String
    /// Login name (+ SSH client) recorded with operator actions.
    public var actor: String
    /// Present in `cin7bridge demo`: simulator credentials to type into the wizard, and the demo-only keys.
    public var demo: DemoInfo?
    /// Limits a new integration starts with (the demo compresses time); `nil`: the defaults.
    public var newIntegrationLimits: IntegrationConfig.Limits?

    public init(dataDirectory: String, logFile: String, actor: String, demo: DemoInfo? = nil, newIntegrationLimits: IntegrationConfig.Limits? = nil) {
        self.newIntegrationLimits = newIntegrationLimits
        self.dataDirectory = dataDirectory
        self.logFile = logFile
        self.actor = actor
        self.demo = demo
    }
}
