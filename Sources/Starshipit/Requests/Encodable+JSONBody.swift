import Foundation

extension Encodable {
    /// The value as a request body: JSON with sorted keys and unescaped slashes.
    func jsonBody() throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return Array(try encoder.encode(self))
    }
}
