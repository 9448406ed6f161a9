/// A JSON array read element by element: null elements and elements that cannot be read are skipped instead of
/// failing the list.
public struct LenientList<Element: Decodable>: Decodable {
    public var elements: [Element]

    public init(from decoder: any Decoder) throws {
        var container = try decoder.unkeyedContainer()
        var elements: [Element] = []
        while !container.isAtEnd {
            if (try? container.decodeNil()) == true { continue }
            if let element = try? container.decode(Element.self) {
                elements.append(element)
            } else if (try? container.decode(Skipped.self)) == nil {
                break
            }
        }
        self.elements = elements
    }

    /// Steps over an element whatever it is.
    private struct Skipped: Decodable {
        init(from decoder: any Decoder) {}
    }
}
