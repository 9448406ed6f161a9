extension ScreenBuffer {
    /// Symbols drawn by screens (arrows, marks, dashes) and the ASCII character that stands in for each when the
    /// terminal cannot show them (LANG=C, `--ascii`), so no cell is left blank where a symbol was meant.
    static let asciiStandIns: [Character: Character] = [
        "→": ">", "←": "<", "↑": "^", "↓": "v", "▸": ">", "▶": ">", "◂": "<", "×": "x", "·": ".", "•": "*",
        "…": "~", "—": "-", "–": "-", "✓": "v", "✗": "x", "✔": "v", "✘": "x", "⚠": "!", "“": "\"", "”": "\"",
        "‘": "'", "’": "'", "│": "|", "─": "-", "┌": "+", "┐": "+", "└": "+", "┘": "+", "├": "+", "┤": "+",
        "█": "#", "▏": "|", "▎": "|", "▍": "|", "▌": "|", "▋": "|", "▊": "|", "▉": "#", "░": ".", "⟳": "~",
    ]

    /// Replaces the symbols of ``asciiStandIns`` by their ASCII stand-ins (text from outside is left as it is).
    public mutating func replaceSymbolsWithASCII() {
        for index in cells.indices {
            if let standIn = Self.asciiStandIns[cells[index].character] { cells[index].character = standIn }
        }
    }
}
