import Foundation
import GatehouseStorage

/// Where the domain reads the time. Injected so tests control it; never call `Date()` in domain code.
public struct Clock: Sendable {
    private let read: @Sendable () -> Date

    public init(_ read: @escaping @Sendable () -> Date) {
        self.read = read
    }

    /// The current time, to the millisecond (the precision Cognito's dates carry).
    public func now() -> Date {
        read().roundedToMilliseconds
    }

    /// The system clock.
    public static let system = Clock { Date() }
}
