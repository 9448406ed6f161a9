import Hummingbird
import NIOCore

/// Starshipit's failures (starshipit-api.md L75, L359): server errors carry the envelope; a garbled answer is JSON
/// cut in half.
struct StarshipitFaultAnswers: FaultAnswers {
    func serverError(status: Int) -> Response {
        StarshipitSimulator.makeResponse(
            StarshipitSimulator.failure(status, status == 503 ? "Service Unavailable" : "Internal Server Error", details: "")
        )
    }

    func malformed(_ response: Response, body: ByteBuffer) -> Response {
        var garbled = body.getSlice(at: body.readerIndex, length: max(1, body.readableBytes / 2)) ?? ByteBuffer()
        if body.readableBytes < 2 { garbled = ByteBuffer(string: "{\"success\":") }
        var response = response
        response.headers[.contentType] = "application/json"
        response.body = ResponseBody(byteBuffer: garbled)
        return response
    }

    func dropped(_ response: Response, body: ByteBuffer) -> Response {
        let full = body.readableBytes == 0 ? ByteBuffer(string: "{}") : body
        return response.cutOff(sending: full.getSlice(at: full.readerIndex, length: full.readableBytes / 2)!, contentLength: full.readableBytes + 16)
    }
}
