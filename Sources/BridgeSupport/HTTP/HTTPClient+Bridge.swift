import AsyncHTTPClient
import NIOCore
import NIOPosix

extension HTTPClient {
    /// The HTTP client every API client of this product shares (one connection pool per process).
    ///
    /// Unlike `HTTPClient.shared`, a connection that cannot be established fails the request at once instead of
    /// being retried inside the pool until the connect timeout: the API clients already retry with their own
    /// backoff, and an operator must see "Cin7 is not answering" at the first refused connection, not after
    /// minutes of silent retries (nor wait that long for `run` to stop).
    public static let bridge: HTTPClient = {
        var configuration = HTTPClient.Configuration()
        configuration.connectionPool.retryConnectionEstablishment = false
        configuration.timeout.connect = .seconds(10)
        return HTTPClient(eventLoopGroup: MultiThreadedEventLoopGroup.singleton, configuration: configuration)
    }()
}
