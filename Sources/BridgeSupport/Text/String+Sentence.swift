import Foundation

extension String {
    /// The text as one sentence: trimmed, ending in exactly one stop however its parts were joined ("…again.." and
    /// "…again" both become "…again."; a question, an ellipsis or a closing quote or bracket is left as it is).
    public var sentence: String {
        var text = trimmingCharacters(in: .whitespacesAndNewlines)
        while text.hasSuffix("..") && !text.hasSuffix("...") { text.removeLast() }
        if let last = text.last, !".!?)\"'`".contains(last) { text += "." }
        return text
    }
}
