import Hummingbird
import NIOCore

/// One answer of the simulated API.
struct Cin7Answer {
    var status: Int
    var body: [UInt8]
    var contentType = "application/json; charset=utf-8"

    var response: Response {
        Response(status: .init(code: status), headers: [.contentType: contentType], body: .init(byteBuffer: ByteBuffer(bytes: body)))
    }

    static func serialise(_ value: any SimJSONRepresentable) -> [UInt8] { value.simJSON.encoded() }
}
