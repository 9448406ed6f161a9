import BridgeSupport
import Testing

struct SentenceTests {
    @Test(arguments: [
        ("tried again automatically..", "tried again automatically."),
        ("tried again automatically", "tried again automatically."),
        ("  Check the key.  \n", "Check the key."),
        ("wait...", "wait..."),
        ("Retry 1 order?", "Retry 1 order?"),
        ("Known: none (see `cin7bridge status`)", "Known: none (see `cin7bridge status`)"),
    ])
    func endsInExactlyOneStop(_ text: String, _ expected: String) {
        #expect(text.sentence == expected)
    }
}
