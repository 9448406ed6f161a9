import Hummingbird
import NIOCore

/// Thrown by a body writer to drop the connection mid-answer.
struct DroppedConnection: Error {}

extension Response {
    /// The whole body (simulator answers are small and complete when a middleware sees them).
    func collectedBody() async throws -> ByteBuffer {
        let sink = BodySink()
        try await body.write(sink)
        return sink.buffer
    }

    /// `self` with a body that sends `sent`, then drops the connection before `contentLength` bytes were sent.
    func cutOff(sending sent: ByteBuffer, contentLength: Int) -> Response {
        var response = self
        response.body = ResponseBody(contentLength: contentLength) { writer in
            try await writer.write(sent)
            throw DroppedConnection()
        }
        return response
    }
}

private final class BodySink: ResponseBodyWriter {
    var buffer = ByteBuffer()

    func write(_ part: ByteBuffer) async throws {
        buffer.writeImmutableBuffer(part)
    }

    func finish(_ trailingHeaders: HTTPFields?) async throws {}
}
