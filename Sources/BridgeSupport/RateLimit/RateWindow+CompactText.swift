import Foundation

extension RateWindow {
    /// A compact text form for stores that write the window on every call, where JSON coding was most of the engine's
    /// per-call cost: `w1 <nextID> <blockedUntil or -> <id>:<at>:<0|1> …`, times in seconds since the reference date.
    public var compactText: String {
        var text = "w1 \(nextID) " + (blockedUntil.map { String($0.timeIntervalSinceReferenceDate) } ?? "-")
        for slot in slots {
            text += " \(slot.id):\(slot.at.timeIntervalSinceReferenceDate):\(slot.finished ? 1 : 0)"
        }
        return text
    }

    /// Reads `compactText`; nil when `text` is not in that form.
    public init?(compactText text: String) {
        let space = UInt8(ascii: " "), colon = UInt8(ascii: ":")
        func string(_ bytes: Substring.UTF8View.SubSequence) -> Substring { Substring(bytes) }
        let fields = text.utf8.split(separator: space)
        guard fields.count >= 3, string(fields[0]) == "w1", let nextID = UInt64(string(fields[1])) else { return nil }
        self.init()
        self.nextID = nextID
        if string(fields[2]) != "-" {
            guard let blocked = Double(string(fields[2])) else { return nil }
            blockedUntil = Date(timeIntervalSinceReferenceDate: blocked)
        }
        slots.reserveCapacity(fields.count - 3)
        for field in fields.dropFirst(3) {
            let parts = field.split(separator: colon)
            guard parts.count == 3, let id = UInt64(string(parts[0])), let at = Double(string(parts[1])) else { return nil }
            slots.append(Slot(id: id, at: Date(timeIntervalSinceReferenceDate: at), finished: parts[2].elementsEqual([UInt8(ascii: "1")])))
        }
    }
}
