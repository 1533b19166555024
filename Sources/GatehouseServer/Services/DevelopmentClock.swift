import Foundation
import GatehouseCore
import Synchronization

/// Development mode's time travel: an offset added to the server's clock, which
/// `POST /_gatehouse/clock?advanceSeconds=N` moves forward, so that a developer or a test sees
/// codes and temporary passwords expire without waiting.
final class DevelopmentClock: Sendable {
    private let offset = Mutex<TimeInterval>(0)

    /// `base` moved by the offset.
    func clock(over base: Clock) -> Clock {
        Clock { base.now().addingTimeInterval(self.offset.withLock { $0 }) }
    }

    /// Moves the clock forward by `seconds` (not backward: a negative value is refused by the caller).
    func advance(by seconds: TimeInterval) {
        offset.withLock { $0 += seconds }
    }
}
