import Foundation

extension RateWindow {
    /// A compact text form for stores that write the window on every call, where JSON coding was most of the engine's
    /// per-call cost: `w2 <nextID> <blockedUntil or -> <strikes>:<backoff until or -> <id>:<at>:<0|1> …`, times in
    /// seconds since the reference date. `w1` (without the backoff field) is still read.
    public var compactText: String {
        var text = "w2 \(nextID) " + (blockedUntil.map { String($0.timeIntervalSinceReferenceDate) } ?? "-")
        text += " \(backoff.strikes):" + (backoff.until.map { String($0.timeIntervalSinceReferenceDate) } ?? "-")
        for slot in slots {
            text += " \(slot.id):\(slot.at.timeIntervalSinceReferenceDate):\(slot.finished ? 1 : 0)"
        }
        return text
    }

    /// Reads `compactText`; nil when `text` is not in that form.
    public init?(compactText text: String) {
        let space = UInt8(ascii: " ")
        let colon = UInt8(ascii: ":")
        func string(_ bytes: Substring.UTF8View.SubSequence) -> Substring { Substring(bytes) }
        let fields = text.utf8.split(separator: space)
        let version = fields.first.map(string)
        guard version == "w1" || version == "w2" else { return nil }
        let slotStart = version == "w2" ? 4 : 3
        guard fields.count >= slotStart, let nextID = UInt64(string(fields[1])) else { return nil }
        self.init()
        self.nextID = nextID
        if string(fields[2]) != "-" {
            guard let blocked = Double(string(fields[2])) else { return nil }
            blockedUntil = Date(timeIntervalSinceReferenceDate: blocked)
        }
        if version == "w2" {
            let parts = fields[3].split(separator: colon)
            guard parts.count == 2, let strikes = Int(string(parts[0])) else { return nil }
            var until: Date?
            if string(parts[1]) != "-" {
                guard let value = Double(string(parts[1])) else { return nil }
                until = Date(timeIntervalSinceReferenceDate: value)
            }
            backoff = ThrottleBackoff(strikes: strikes, until: until)
        }
        slots.reserveCapacity(fields.count - slotStart)
        for field in fields.dropFirst(slotStart) {
            let parts = field.split(separator: colon)
            guard parts.count == 3, let id = UInt64(string(parts[0])), let at = Double(string(parts[1])) else { return nil }
            slots.append(Slot(id: id, at: Date(timeIntervalSinceReferenceDate: at), finished: parts[2].elementsEqual([UInt8(ascii: "1")])))
        }
    }
}
