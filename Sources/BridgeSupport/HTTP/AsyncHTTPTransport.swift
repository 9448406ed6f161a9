import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

/// `HTTPTransport` over AsyncHTTPClient. Certificates are always verified (the client's default TLS
/// configuration); plain HTTP is refused except to loopback addresses or with `allowInsecureHTTP`.
public struct AsyncHTTPTransport: HTTPTransport {
    private let client: HTTPClient
    private let allowInsecureHTTP: Bool
    private let maxResponseBytes: Int

    public init(client: HTTPClient = .bridge, allowInsecureHTTP: Bool = false, maxResponseBytes: Int = 64 << 20) {
        self.client = client
        self.allowInsecureHTTP = allowInsecureHTTP
        self.maxResponseBytes = maxResponseBytes
    }

    public func send(_ request: HTTPRequestSpec) async throws -> HTTPResponseSpec {
        try URLSafety.check(request.url, allowInsecureHTTP: allowInsecureHTTP)
        try SendGate.current?.checkBeforeSending()
        var outbound = HTTPClientRequest(url: request.url.absoluteString)
        outbound.method = HTTPMethod(rawValue: request.method)
        for header in request.headers { outbound.headers.add(name: header.name, value: header.value) }
        if let body = request.body { outbound.body = .bytes(ByteBuffer(bytes: body)) }
        do {
            let response = try await client.execute(outbound, timeout: .milliseconds(Int64(request.timeout * 1000)))
            let buffer = try await response.body.collect(upTo: maxResponseBytes)
            return HTTPResponseSpec(
                status: Int(response.status.code),
                headers: response.headers.map { (name: $0.name, value: $0.value) },
                body: Array(buffer.readableBytesView)
            )
        } catch let error as HTTPClientError {
            switch error {
            case .deadlineExceeded, .readTimeout, .connectTimeout, .writeTimeout:
                throw TransportError.timedOut
            default:
                throw Self.connectionError(error, url: request.url)
            }
        } catch let error as NIOTooManyBytesError {
            _ = error
            throw TransportError.responseTooLarge(maxResponseBytes)
        } catch is CancellationError {
            throw CancellationError()
        } catch let error as TransportError {
            throw error
        } catch {
            throw Self.connectionError(error, url: request.url)
        }
    }

    /// A failed connection, told apart when the TLS handshake refused the server's certificate (NIOSSL reports
    /// BoringSSL's `CERTIFICATE_VERIFY_FAILED`, or a name mismatch).
    static func connectionError(_ error: any Error, url: URL) -> TransportError {
        let detail = String(describing: error)
        if detail.contains("CERTIFICATE_VERIFY_FAILED") || detail.contains("unableToValidateCertificate") {
            return .untrustedCertificate(host: url.host ?? url.absoluteString)
        }
        return .connection(detail)
    }
}

/// The rule for which URLs a client may call.
public enum URLSafety {
    /// Throws `TransportError.insecureURL` for plain HTTP to anything but loopback, unless `allowInsecureHTTP`.
    public static func check(_ url: URL, allowInsecureHTTP: Bool) throws {
        let scheme = url.scheme?.lowercased()
        if scheme == "https" { return }
        if scheme == "http", allowInsecureHTTP || isLoopback(host: url.host ?? "") { return }
        throw TransportError.insecureURL(url.absoluteString)
    }

    public static func isLoopback(host: String) -> Bool {
        var host = Substring(host.lowercased())
        if host.hasPrefix("["), host.hasSuffix("]") { host = host.dropFirst().dropLast() }
        return host == "localhost" || host == "::1" || host.hasPrefix("127.")
    }
}
