import Hummingbird
import NIOCore

/// ShipStation's failures: a 500 carries the ASP.NET error body (shipstation-api.md L80-L84); a garbled answer is
/// JSON cut in half.
struct ShipStationFaultAnswers: FaultAnswers {
    func serverError(status: Int) -> Response {
        ShipStationSimulator.makeResponse(
            .json(
                status,
                .object([
                    "Message": .string("An error has occurred."),
                    "ExceptionMessage": .string("Object reference not set to an instance of an object."),
                    "ExceptionType": .string("System.NullReferenceException"), "StackTrace": .null,
                ])
            )
        )
    }

    func malformed(_ response: Response, body: ByteBuffer) -> Response {
        var garbled = body.getSlice(at: body.readerIndex, length: max(1, body.readableBytes / 2)) ?? ByteBuffer()
        if body.readableBytes < 2 { garbled = ByteBuffer(string: "{\"orderId\":") }
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
