import BridgeSupport
import Foundation
import Synchronization

/// An HTTP transport that answers from a function (the fuzzers' I/O seam: the client's real decoding runs).
struct FunctionTransport: HTTPTransport {
    let answer: @Sendable (HTTPRequestSpec) throws -> HTTPResponseSpec
    func send(_ request: HTTPRequestSpec) async throws -> HTTPResponseSpec { try answer(request) }
}

/// The real transport, remembering the last answer per method and path (to take realistic seed bodies).
final class RecordingTransport: HTTPTransport {
    private let inner = AsyncHTTPTransport()
    private let answers = Mutex<[HTTPResponseSpec]>([])
    func send(_ request: HTTPRequestSpec) async throws -> HTTPResponseSpec {
        let response = try await inner.send(request)
        answers.withLock { $0.append(response) }
        return response
    }
    /// The last answer that was not the token end point's.
    var last: HTTPResponseSpec? { answers.withLock { $0.last } }
    func reset() { answers.withLock { $0.removeAll() } }
}
