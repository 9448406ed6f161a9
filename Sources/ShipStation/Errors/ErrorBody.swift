import BridgeSupport
import Foundation

/// ShipStation's error bodies, ASP.NET Web API shaped (shipstation-api.md §4, L72-L86): `Message`, `ModelState`
/// (field → messages), `ExceptionMessage`; a 429 says `{"message": …}` (L60).
struct ErrorBody: Decodable {
    var message: String?
    var modelState: [String: [String]]?
    var exceptionMessage: String?

    private enum CodingKeys: String, CodingKey {
        case message = "Message"
        case lowerMessage = "message"
        case modelState = "ModelState"
        case exceptionMessage = "ExceptionMessage"
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        message = container.scalar(forKey: .message)?.text ?? container.scalar(forKey: .lowerMessage)?.text
        modelState = (try? container.decodeIfPresent([String: LenientList<String>].self, forKey: .modelState))?.mapValues(\.elements)
        exceptionMessage = container.scalar(forKey: .exceptionMessage)?.text
    }

    /// The readable messages of `body`: the model-state entries (field: message) or else the message itself.
    static func messages(_ body: [UInt8]) -> [String] {
        guard let decoded = try? JSONDecoder().decode(ErrorBody.self, from: Data(body)) else {
            let text = String(decoding: body.prefix(200), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            return text.isEmpty || text.hasPrefix("<") ? [] : [text]
        }
        let fields = (decoded.modelState ?? [:]).sorted { $0.key < $1.key }.flatMap { key, values in values.map { "\(key): \($0)" } }
        if !fields.isEmpty { return fields }
        return [decoded.exceptionMessage ?? decoded.message].compactMap { $0 }
    }
}
