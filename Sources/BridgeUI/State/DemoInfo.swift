/// What demo mode shows so a newcomer can walk the wizard against the simulators.
public struct DemoInfo: Sendable, Equatable {
    public struct Credential: Sendable, Equatable {
        public var label: String
        public var value: String
        public init(_ label: String, _ value: String) {
            self.label = label
            self.value = value
        }
    }

    public var credentials: [Credential]
    public init(credentials: [Credential]) { self.credentials = credentials }
}
