import Hummingbird
import NIOCore

/// CartonCloud's failures: server errors carry its error body; a garbled answer is JSON cut in half.
struct CartonCloudFaultAnswers: FaultAnswers {
    func serverError(status: Int) -> Response {
        CartonCloudSimulator.makeResponse(
            .error(status, status == 503 ? "Temporarily offline for maintenance. Try again later." : "An issue with our server. Try again later.")
        )
    }

    func malformed(_ response: Response, body: ByteBuffer) -> Response {
        var garbled = body.getSlice(at: body.readerIndex, length: max(1, body.readableBytes / 2)) ?? ByteBuffer()
        if body.readableBytes < 2 { garbled = ByteBuffer(string: "{\"id\":") }
        var response = response
        response.headers[.contentType] = "application/json"
        response.body = ResponseBody(byteBuffer: garbled)
        return response
    }

    func dropped(_ response: Response, body: ByteBuffer) -> Response {
        // Acted on; the client sees the connection close before the body is complete.
        let full = body.readableBytes == 0 ? ByteBuffer(string: "{}") : body
        return response.cutOff(sending: full.getSlice(at: full.readerIndex, length: full.readableBytes / 2)!, contentLength: full.readableBytes + 16)
    }
}
