import BridgeSupport

/// What every answer shares (starshipit-api.md L18, L67-74): `success` (a boolean, `1`, or `Success`), `errors` on
/// failure, and an APIM body `{statusCode, message}` for gateway refusals (L45-49, L59).
struct StarshipitEnvelope: Decodable {
    var success: Bool?
    var errors: [StarshipitErrorItem]
    /// APIM's `message` (401 subscription key, 429 rate limit).
    var message: String?
    var totalPages: Int?

    enum CodingKeys: String, CodingKey {
        case success
        case capitalSuccess = "Success"
        case errors, message
        case totalPages = "total_pages"
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        success = try container.decodeIfPresent(Bool.self, forKey: .success) ?? container.decodeIfPresent(Bool.self, forKey: .capitalSuccess)
        errors = try container.decode([StarshipitErrorItem].self, forKey: .errors)
        message = try container.decodeIfPresent(String.self, forKey: .message)
        totalPages = try container.decodeIfPresent(Int.self, forKey: .totalPages)
    }

    var messages: [String] {
        let texts = errors.map(\.text).filter { !$0.isEmpty }
        return texts.isEmpty ? (message.map { [$0] } ?? []) : texts
    }
}
