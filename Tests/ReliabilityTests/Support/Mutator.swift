import Foundation
import Simulators

/// Turns a real response body into a hostile one. Every mutation is derived from `seed`, so a failing case is
/// repeated by its (operation, kind, seed) triple, which the property checker prints.
enum Mutation: Int, CaseIterable, Sendable {
    case wrongType, missingKeys, hugeString, hugeArray, invalidUTF8, deepNesting, html, truncated, randomBytes,
        extremeNumbers, allNulls, emptyBody, otherStatus, duplicatedKeys
}

struct Mutator {
    var random: SplitMix64

    init(seed: UInt64) { random = SplitMix64(seed: seed) }

    mutating func int(_ range: Range<Int>) -> Int { range.lowerBound + Int(random.next() % UInt64(range.count)) }
    mutating func chance(_ p: Double) -> Bool { random.nextUnit() < p }

    /// The mutated response for `original` (status may change too).
    mutating func mutate(_ body: [UInt8], status: Int, kind: Mutation) -> (status: Int, body: [UInt8]) {
        var status = chance(0.2) ? otherStatus() : status
        let json = try? JSONSerialization.jsonObject(with: Data(body), options: [.fragmentsAllowed])
        let mutatedBody: [UInt8]
        switch kind {
        case .wrongType:
            mutatedBody = serialise(json.map { transform($0, count: 1 + int(0..<4)) { m, value in m.wrongType(for: value) } } ?? [:])
        case .missingKeys:
            mutatedBody = serialise(json.map { dropKeys($0) } ?? [:])
        case .hugeString:
            let big = String(repeating: chance(0.5) ? "Ä👍\u{202E}x\u{0301}" : "A", count: 20_000 + int(0..<100_000))
            mutatedBody = serialise(json.map { transform($0, count: 1) { _, _ in big } } ?? big)
        case .hugeArray:
            let element: Any = chance(0.5) ? 1 : ["SKU": "X", "Quantity": 1]
            let array = Array(repeating: element, count: 2_000 + int(0..<20_000))
            mutatedBody = serialise(json.map { transform($0, count: 1) { _, _ in array } } ?? array)
        case .invalidUTF8:
            var bytes = body
            let bad: [[UInt8]] = [[0xFF], [0xC0, 0x80], [0xED, 0xA0, 0x80], [0xF8, 0x88, 0x80, 0x80, 0x80], [0xE2, 0x82]]
            for _ in 0..<(1 + int(0..<4)) {
                let at = bytes.isEmpty ? 0 : int(0..<bytes.count)
                bytes.insert(contentsOf: bad[int(0..<bad.count)], at: at)
            }
            mutatedBody = bytes
        case .deepNesting:
            let depth = [64, 513, 1_000, 10_000, 100_000][int(0..<5)]
            let (open, close) = chance(0.5) ? ("[", "]") : ("{\"a\":", "}")
            mutatedBody = Array((String(repeating: open, count: depth) + "1" + String(repeating: close, count: chance(0.8) ? depth : depth / 2)).utf8)
        case .html:
            status = [200, 200, 404, 500, 502, 503][int(0..<6)]
            mutatedBody = Array(
                "<!DOCTYPE html><html><head><title>Sign in</title></head><body><h1>Welcome</h1><script>x()</script></body></html>".utf8
            )
        case .truncated:
            mutatedBody = Array(body.prefix(body.isEmpty ? 0 : int(0..<body.count)))
        case .randomBytes:
            mutatedBody = (0..<int(0..<2048)).map { _ in UInt8(truncatingIfNeeded: random.next()) }
        case .extremeNumbers:
            let numbers: [String] = [
                "1e308", "-1e308", "1e400", "9223372036854775808", "-9223372036854775809", "-0", "4.9e-324", "123456789012345678901234567890",
                "0.1e-999999",
            ]
            // Written textually: JSONSerialization would refuse to produce some of these.
            let marker = "\"__NUM__\""
            let text = String(
                decoding: serialise(
                    json.map {
                        transform($0, count: 1 + int(0..<5)) { m, value in
                            (value is NSNumber || m.chance(0.3)) ? "__NUM__" : value
                        }
                    } ?? "__NUM__"
                ),
                as: UTF8.self
            )
            var out = ""
            var rest = Substring(text)
            while let range = rest.range(of: marker) {
                out += rest[..<range.lowerBound] + numbers[int(0..<numbers.count)]
                rest = rest[range.upperBound...]
            }
            mutatedBody = Array((out + rest).utf8)
        case .allNulls:
            mutatedBody = serialise(json.map { transform($0, count: 1_000) { _, _ in NSNull() } } ?? NSNull())
        case .emptyBody:
            mutatedBody = chance(0.5) ? [] : Array(["null", "[]", "{}", "\"\"", "0", "true", " "][int(0..<7)].utf8)
        case .otherStatus:
            status = otherStatus()
            mutatedBody = body
        case .duplicatedKeys:
            var text = String(decoding: body, as: UTF8.self)
            if let brace = text.firstIndex(of: "{") {
                text.insert(contentsOf: "\"ID\":[],\"Total\":\"many\",\"id\":{},", at: text.index(after: brace))
            }
            mutatedBody = Array(text.utf8)
        }
        return (status, mutatedBody)
    }

    mutating func otherStatus() -> Int {
        [200, 201, 204, 228, 301, 302, 400, 401, 403, 404, 405, 409, 412, 422, 429, 500, 502, 503, 504, 999][int(0..<20)]
    }

    mutating func wrongType(for value: Any) -> Any {
        let options: [Any] = ["text", 42, 3.5, true, NSNull(), [1, "two"], ["k": "v"], "", "2026-13-45T99:99:99Z", -1]
        var choice = options[int(0..<options.count)]
        if type(of: choice) == type(of: value) { choice = NSNull() }
        return choice
    }

    /// Replaces `count` randomly chosen nodes (anywhere in the tree) with `replacement(node)`.
    mutating func transform(_ json: Any, count: Int, _ replacement: (inout Mutator, Any) -> Any) -> Any {
        var result = json
        for _ in 0..<count {
            result = replaceOne(result, depth: 0, replacement)
        }
        return result
    }

    private mutating func replaceOne(_ node: Any, depth: Int, _ replacement: (inout Mutator, Any) -> Any) -> Any {
        if var object = node as? [String: Any], !object.isEmpty, depth < 12, chance(0.85) {
            let keys = Array(object.keys).sorted()
            let key = keys[int(0..<keys.count)]
            object[key] = replaceOne(object[key]!, depth: depth + 1, replacement)
            return object
        }
        if var array = node as? [Any], !array.isEmpty, depth < 12, chance(0.85) {
            let index = int(0..<array.count)
            array[index] = replaceOne(array[index], depth: depth + 1, replacement)
            return array
        }
        return replacement(&self, node)
    }

    private mutating func dropKeys(_ node: Any) -> Any {
        if var object = node as? [String: Any] {
            for key in object.keys.sorted() {
                if chance(0.35) { object[key] = nil } else { object[key] = dropKeys(object[key]!) }
            }
            return object
        }
        if let array = node as? [Any] { return array.map { dropKeys($0) } }
        return node
    }

    private func serialise(_ value: Any) -> [UInt8] {
        guard let data = try? JSONSerialization.data(withJSONObject: value, options: [.fragmentsAllowed]) else { return Array("{".utf8) }
        return Array(data)
    }
}
