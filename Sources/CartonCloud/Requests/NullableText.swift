import Foundation

/// Text for a request field CartonCloud must see as `null` when there is no data: absent or blank text is sent as
/// `null`, since "" would be a real empty value.
struct NullableText: Encodable, Sendable, Hashable {
    var value: String?

    init(_ value: String?) { self.value = value }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        if let value, !value.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            try container.encode(value)
        } else {
            try container.encodeNil()
        }
    }
}
