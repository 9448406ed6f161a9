/// A call's path as a metric label: the query dropped and every identifier segment replaced by `{id}`, so
/// `/tenants/9f1c…/outbound-orders/42?expand=items` is counted as `/tenants/{id}/outbound-orders/{id}`. Raw paths
/// would make a new time series per order (unbounded cardinality).
public enum EndpointTemplate {
    public static let placeholder = "{id}"
    private static let separators = Set("%@.: +=,;".utf8)

    /// The template of `path` (path and optional query, as `APICallRecord.path` holds it).
    public static func template(_ path: String) -> String {
        let withoutQuery = path.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
        let withoutFragment = withoutQuery.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
        let segments = withoutFragment.split(separator: "/", omittingEmptySubsequences: false).map { segment in
            isIdentifier(segment) ? placeholder : String(segment)
        }
        let joined = segments.joined(separator: "/")
        if joined.isEmpty { return "/" }
        return joined.hasPrefix("/") ? joined : "/" + joined
    }

    /// An id, number, UUID, order number or encoded value, as opposed to a resource name (`sale`, `outbound-orders`,
    /// `ExternalApi`, `v2`, `oauth2`): a segment with a digit, unless it is a word ending in one or two digits; or
    /// any segment with characters a resource name does not have (`%`, `@`, `.`, `:`, space…).
    static func isIdentifier(_ segment: Substring) -> Bool {
        guard !segment.isEmpty else { return false }
        // Every call is labelled: an ASCII segment (nearly all) is judged on its bytes.
        let bytes = segment.utf8
        if bytes.allSatisfy({ $0 < 0x80 }) {
            let isDigit = { (byte: UInt8) in byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }
            if bytes.contains(where: { Self.separators.contains($0) }) { return true }
            guard bytes.contains(where: isDigit) else { return false }
            let word = bytes.prefix { ($0 | 0x20) >= UInt8(ascii: "a") && ($0 | 0x20) <= UInt8(ascii: "z") }
            let tail = bytes.dropFirst(word.count)
            return word.isEmpty || !(1...2).contains(tail.count) || !tail.allSatisfy(isDigit)
        }
        if segment.contains(where: { "%@.: +=,;".contains($0) }) { return true }
        guard segment.contains(where: \.isNumber) else { return false }
        let word = segment.prefix(while: \.isLetter)
        let tail = segment.dropFirst(word.count)
        let isNamedVersion = !word.isEmpty && (1...2).contains(tail.count) && tail.allSatisfy(\.isNumber)
        return !isNamedVersion
    }
}
