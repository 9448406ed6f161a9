import Hummingbird
import NIOCore

/// Cin7's failures: a 503 is an HTML error page (not a throttle), a 500 carries the error model; a garbled answer
/// is JSON cut in half with junk after it.
struct Cin7FaultAnswers: FaultAnswers {
    func serverError(status: Int) -> Response {
        let body =
            status == 503
            ? "<html><head><title>503 Service Unavailable</title></head><body><h1>Service Unavailable</h1></body></html>"
            : #"{"ErrorCode":500,"Exception":"An unexpected error has occurred."}"#
        return Cin7Answer(status: status, body: Array(body.utf8), contentType: status == 503 ? "text/html" : "application/json").response
    }

    func malformed(_ response: Response, body: ByteBuffer) -> Response {
        let bytes = Array(body.readableBytesView)
        let garbled = Array(bytes.prefix(max(1, bytes.count / 2))) + Array("\u{1}<".utf8)
        return Cin7Answer(status: Int(response.status.code), body: garbled).response
    }

    func dropped(_ response: Response, body: ByteBuffer) -> Response {
        response.cutOff(sending: body.getSlice(at: body.readerIndex, length: body.readableBytes / 2)!, contentLength: max(body.readableBytes, 2))
    }
}
