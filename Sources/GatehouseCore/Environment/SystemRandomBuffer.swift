import Foundation
import Synchronization

/// The operating system's cryptographic generator, read `capacity` bytes at a time and handed out
/// in order, each byte once and wiped from the buffer as it goes: a request's draws (its id, a
/// session's nonce, SRP's b, tokens' ids) are each a few bytes, and need not enter the kernel each.
///
/// Safe across threads (one lock, held for a copy or a refill). Not across `fork`: a forked child would hand
/// out the parent's buffered bytes again, and the server never forks.
final class SystemRandomBuffer: Sendable {
    private struct State: ~Copyable {
        var bytes: [UInt8]
        /// Where the bytes not handed out yet begin.
        var next: Int
    }

    private let state: Mutex<State>
    private let capacity: Int

    init(capacity: Int = 4_096) {
        self.capacity = capacity
        state = Mutex(State(bytes: [UInt8](repeating: 0, count: capacity), next: capacity))
    }

    /// `count` random bytes: from the buffer, refilled when it holds fewer; larger draws straight
    /// from the system.
    func bytes(_ count: Int) -> [UInt8] {
        guard count <= capacity / 4 else { return Self.system(count) }
        return [UInt8](unsafeUninitializedCapacity: count) { output, initialized in
            state.withLock { state in
                if state.next + count > state.bytes.count {
                    state.bytes.withUnsafeMutableBytes { Self.fill($0) }
                    state.next = 0
                }
                state.bytes.withUnsafeMutableBytes { buffer in
                    let drawn = UnsafeMutableRawBufferPointer(rebasing: buffer[state.next..<state.next + count])
                    UnsafeMutableRawBufferPointer(output).copyMemory(from: UnsafeRawBufferPointer(drawn))
                    drawn.initializeMemory(as: UInt8.self, repeating: 0)
                }
                state.next += count
            }
            initialized = count
        }
    }

    /// `count` bytes from the system.
    private static func system(_ count: Int) -> [UInt8] {
        [UInt8](unsafeUninitializedCapacity: count) { buffer, initialized in
            fill(UnsafeMutableRawBufferPointer(buffer))
            initialized = count
        }
    }

    /// Fills `buffer` from the system's generator, `getentropy` at most 256 bytes per call.
    private static func fill(_ buffer: UnsafeMutableRawBufferPointer) {
        var filled = 0
        while filled < buffer.count {
            let chunk = min(buffer.count - filled, 256)
            let result = getentropy(buffer.baseAddress! + filled, chunk)
            precondition(result == 0, "getentropy failed: errno \(errno)")
            filled += chunk
        }
    }
}
