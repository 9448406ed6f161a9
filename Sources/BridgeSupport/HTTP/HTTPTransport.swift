import Foundation

/// One HTTP request as the API clients build it.
public struct HTTPRequestSpec: Sendable {
    public var method: String
    public var url: URL
    public var headers: [(name: String, value: String)]
    public var body: [UInt8]?
    /// Seconds before the whole call is abandoned as timed out.
    public var timeout: TimeInterval

    public init(method: String, url: URL, headers: [(name: String, value: String)] = [], body: [UInt8]? = nil, timeout: TimeInterval = 30) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
        self.timeout = timeout
    }
}

/// One HTTP response, fully read.
public struct HTTPResponseSpec: Sendable {
    public var status: Int
    public var headers: [(name: String, value: String)]
    public var body: [UInt8]

    public init(status: Int, headers: [(name: String, value: String)] = [], body: [UInt8] = []) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// The first header called `name`, compared case-insensitively.
    public func header(_ name: String) -> String? {
        headers.first { $0.name.caseInsensitiveCompare(name) == .orderedSame }?.value
    }

    public var bodyText: String { String(decoding: body, as: UTF8.self) }
}

/// Why a call produced no HTTP response at all.
public enum TransportError: Error, Sendable, Equatable, CustomStringConvertible {
    /// No answer within the timeout.
    case timedOut
    /// The connection could not be made or was lost mid-call.
    case connection(String)
    /// Plain HTTP to a non-loopback host without the explicit insecure flag.
    case insecureURL(String)
    /// The response body exceeded the size a client will read.
    case responseTooLarge(Int)
    /// The server's TLS certificate could not be verified (self-signed, expired, wrong name, or this machine's clock or
    /// CA certificates are off). Kept apart from `connection` so the message says what to check.
    case untrustedCertificate(host: String)

    public var description: String {
        switch self {
        case .timedOut: "no response before the timeout"
        case .connection(let detail): "connection failed or was lost (\(detail))"
        case .insecureURL(let url): "\(url) uses plain HTTP; only HTTPS is allowed outside this machine (use --allow-insecure-http to override)"
        case .responseTooLarge(let size): "the response was larger than \(size) bytes"
        case .untrustedCertificate(let host):
            "the certificate of \(host) could not be verified: check the address, this machine's date and time, and its CA certificates (package ca-certificates)"
        }
    }
}

/// The HTTP seam of the API clients: the real one speaks over the network, the simulators answer on loopback.
public protocol HTTPTransport: Sendable {
    func send(_ request: HTTPRequestSpec) async throws -> HTTPResponseSpec
}
