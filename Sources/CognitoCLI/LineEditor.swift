import Foundation

/// Reads answers from standard input one line at a time. On a terminal it edits the line itself
/// (raw mode): Tab completes the longest prefix the candidates share, a second Tab lists them,
/// Backspace erases, Ctrl-U clears the line, Ctrl-C and Ctrl-D (on an empty line) cancel. Off a
/// terminal it reads plain lines without completion.
final class LineEditor {
    private let write: (String) -> Void
    private let isTerminal = isatty(STDIN_FILENO) == 1

    /// - Parameter write: where prompts and echo go (the terminal).
    init(write: @escaping (String) -> Void) {
        self.write = write
    }

    /// The line typed after `prompt`; `nil` when the user cancels or input ends.
    func readLine(prompt: String, candidates: [String]) -> String? {
        write(prompt)
        guard isTerminal else { return Swift.readLine(strippingNewline: true) }
        var saved = termios()
        tcgetattr(STDIN_FILENO, &saved)
        var raw = saved
        raw.c_lflag &= ~tcflag_t(ICANON | ECHO | ISIG)
        tcsetattr(STDIN_FILENO, TCSANOW, &raw)
        defer { tcsetattr(STDIN_FILENO, TCSANOW, &saved) }

        var line: [UInt8] = []
        var tabbed = false
        while true {
            var byte: UInt8 = 0
            guard read(STDIN_FILENO, &byte, 1) == 1 else { return nil }
            defer { tabbed = byte == 9 }
            switch byte {
            case 13, 10:
                write("\r\n")
                return String(decoding: line, as: UTF8.self)
            case 3:
                write("^C\r\n")
                return nil
            case 4 where line.isEmpty:
                write("\r\n")
                return nil
            case 127, 8:
                if !line.isEmpty {
                    // Drop a whole UTF-8 character.
                    line.removeLast(Self.lastCharacter(line).count)
                    write("\u{8} \u{8}")
                }
            case 21:
                write(String(repeating: "\u{8} \u{8}", count: String(decoding: line, as: UTF8.self).count))
                line.removeAll()
            case 9:
                let typed = String(decoding: line, as: UTF8.self)
                let matches = candidates.filter { $0.hasPrefix(typed) }
                let completion = Self.commonPrefix(matches)
                if completion.count > typed.count {
                    let added = String(completion.dropFirst(typed.count))
                    line += Array(added.utf8)
                    write(added)
                } else if tabbed, matches.count > 1 {
                    write("\r\n" + matches.joined(separator: "  ") + "\r\n" + prompt + typed)
                }
            default:
                guard byte >= 32 else { break }  // other control characters do nothing
                line.append(byte)
                // A character is echoed once its last UTF-8 byte has arrived.
                if let text = String(bytes: Self.lastCharacter(line), encoding: .utf8) { write(text) }
            }
        }
    }

    /// The bytes of the last (possibly incomplete) UTF-8 character of `line`.
    private static func lastCharacter(_ line: [UInt8]) -> [UInt8] {
        var start = line.count - 1
        while start > 0, line[start] & 0xC0 == 0x80 { start -= 1 }
        return Array(line[start...])
    }

    /// The longest prefix every string of `strings` has.
    static func commonPrefix(_ strings: [String]) -> String {
        guard var prefix = strings.first else { return "" }
        for string in strings.dropFirst() {
            while !string.hasPrefix(prefix) { prefix.removeLast() }
        }
        return prefix
    }
}
