import Foundation

/// Contact details as CartonCloud's Address element accepts them (cartoncloud-api.md ~L3588-3589): a phone of at
/// most 64 characters; an email that does not start with a full stop, has no spaces and has text on both sides of
/// one `@`. Cin7 fields often hold several addresses (`a@x.com; b@y.com`): the first valid one is sent, and what
/// was dropped is said in the order's timeline instead of parking the order for a person.
public enum ContactDetails {
    public struct Cleaned: Sendable, Equatable {
        public var phone: String?
        public var email: String?
        /// Timeline notes for what was changed or dropped.
        public var notes: [String]
    }

    public static let maxPhoneLength = 64

    public static func cleaned(phone: String?, email: String?) -> Cleaned {
        var notes: [String] = []
        var phoneOut = phone?.trimmingCharacters(in: .whitespacesAndNewlines)
        if let given = phoneOut, given.isEmpty { phoneOut = nil }
        if let given = phoneOut, given.count > maxPhoneLength {
            phoneOut = nil
            notes.append("Phone \(given.prefix(20))… is longer than the warehouse accepts (\(maxPhoneLength) characters); sent without a phone")
        }
        var emailOut = email?.trimmingCharacters(in: .whitespacesAndNewlines)
        if let given = emailOut, given.isEmpty { emailOut = nil }
        if let given = emailOut, !isValidEmail(given) {
            let candidates = given.split(whereSeparator: { ";, \t\n".contains($0) }).map(String.init)
            if let first = candidates.first(where: isValidEmail) {
                emailOut = first
                notes.append("Email \"\(given)\" is not one address the warehouse accepts; sent \(first)")
            } else {
                emailOut = nil
                notes.append("Email \"\(given)\" is not an address the warehouse accepts; sent without an email")
            }
        }
        return Cleaned(phone: phoneOut, email: emailOut, notes: notes)
    }

    /// The Address element's email rule: no leading full stop, no whitespace, exactly one `@` with text both sides.
    public static func isValidEmail(_ email: String) -> Bool {
        if email.isEmpty || email.hasPrefix(".") || email.contains(where: \.isWhitespace) { return false }
        let parts = email.split(separator: "@", omittingEmptySubsequences: false)
        return parts.count == 2 && !parts[0].isEmpty && !parts[1].isEmpty
    }
}
