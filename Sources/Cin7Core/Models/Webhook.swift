import Foundation

/// A `webhooks` entry.
public struct Webhook: Codable, Sendable, Hashable {
    public struct Header: Codable, Sendable, Hashable {
        public var Key: String
        public var Value: String
        public init(Key: String, Value: String) {
            self.Key = Key
            self.Value = Value
        }
    }
    public var ID: Cin7ID?
    public var type: String
    public var Name: String?
    public var IsActive: Bool?
    public var ExternalURL: String?
    public var ExternalAuthorizationType: String?
    public var ExternalUserName: String?
    public var ExternalPassword: String?
    public var ExternalBearerToken: String?
    public var ExternalHeaders: [Header]?

    public init(
        ID: Cin7ID? = nil,
        type: String,
        IsActive: Bool = true,
        ExternalURL: String,
        ExternalAuthorizationType: String = "noauth",
        ExternalBearerToken: String? = nil,
        ExternalHeaders: [Header]? = nil
    ) {
        self.ID = ID
        self.type = type
        self.IsActive = IsActive
        self.ExternalURL = ExternalURL
        self.ExternalAuthorizationType = ExternalAuthorizationType
        self.ExternalBearerToken = ExternalBearerToken
        self.ExternalHeaders = ExternalHeaders
    }

    enum CodingKeys: String, CodingKey {
        case ID
        case type = "Type"
        case Name, IsActive, ExternalURL, ExternalAuthorizationType, ExternalUserName, ExternalPassword
        case ExternalBearerToken, ExternalHeaders
    }
}
