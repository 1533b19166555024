/// Python's `difflib.get_close_matches`, which the AWS CLI uses to suggest what a mistyped
/// operation name meant: the candidates whose Ratcliff/Obershelp similarity to the word
/// (`SequenceMatcher.ratio`: twice the matched characters over both lengths) is at least
/// `cutoff`, best first, ties in reverse alphabetical order, at most `count`.
enum CloseMatches {
    static func of(_ word: String, in candidates: [String], count: Int = 3, cutoff: Double = 0.8) -> [String] {
        let scored = candidates.map { (ratio($0, word), $0) }.filter { $0.0 >= cutoff }
        return scored.sorted { $0.0 != $1.0 ? $0.0 > $1.0 : !codePointOrder($0.1, $1.1) && $0.1 != $1.1 }
            .prefix(count).map(\.1)
    }

    /// `SequenceMatcher(None, a, b).ratio()` for strings shorter than difflib's automatic-junk
    /// threshold (200 characters), which operation names are.
    static func ratio(_ a: String, _ b: String) -> Double {
        let a = Array(a.unicodeScalars), b = Array(b.unicodeScalars)
        guard !a.isEmpty || !b.isEmpty else { return 1 }
        var positions: [Unicode.Scalar: [Int]] = [:]
        for (index, scalar) in b.enumerated() { positions[scalar, default: []].append(index) }
        var matched = 0
        var ranges = [(0, a.count, 0, b.count)]
        while let (aLow, aHigh, bLow, bHigh) = ranges.popLast() {
            let (i, j, size) = longestMatch(a, positions, aLow, aHigh, bLow, bHigh)
            guard size > 0 else { continue }
            matched += size
            if aLow < i && bLow < j { ranges.append((aLow, i, bLow, j)) }
            if i + size < aHigh && j + size < bHigh { ranges.append((i + size, aHigh, j + size, bHigh)) }
        }
        return 2 * Double(matched) / Double(a.count + b.count)
    }

    /// difflib's `find_longest_match` without junk: the longest common run, the earliest in `a`,
    /// then in `b`.
    private static func longestMatch(_ a: [Unicode.Scalar], _ positions: [Unicode.Scalar: [Int]],
                                     _ aLow: Int, _ aHigh: Int, _ bLow: Int, _ bHigh: Int) -> (Int, Int, Int) {
        var best = (aLow, bLow, 0)
        var lengths: [Int: Int] = [:]
        for i in aLow..<aHigh {
            var next: [Int: Int] = [:]
            for j in positions[a[i]] ?? [] where j >= bLow {
                if j >= bHigh { break }
                let length = (lengths[j - 1] ?? 0) + 1
                next[j] = length
                if length > best.2 { best = (i - length + 1, j - length + 1, length) }
            }
            lengths = next
        }
        return best
    }
}
