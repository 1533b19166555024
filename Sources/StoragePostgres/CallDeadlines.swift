import Synchronization

/// The calls in flight with the time each must be answered by. One watch (``watch(every:)``)
/// expires the late ones, so a call costs an entry in a table instead of a timer of its own.
final class CallDeadlines: Sendable {
    private struct Call {
        let deadline: ContinuousClock.Instant
        let expire: @Sendable () -> Void
    }

    private let table = Mutex<(next: Int, calls: [Int: Call])>((0, [:]))

    /// Adds a call that `expire` answers if it is still in the table at `deadline`.
    /// - Returns: the call's number, for ``remove(_:)``.
    func add(deadline: ContinuousClock.Instant, expire: @escaping @Sendable () -> Void) -> Int {
        table.withLock { table in
            table.next += 1
            table.calls[table.next] = Call(deadline: deadline, expire: expire)
            return table.next
        }
    }

    /// The call `number` was answered: it no longer expires.
    func remove(_ number: Int) {
        _ = table.withLock { $0.calls.removeValue(forKey: number) }
    }

    /// Expires, every `interval` until the task is cancelled, the calls past their deadline.
    func watch(every interval: Duration) async {
        while (try? await Task.sleep(for: interval)) != nil {
            expire(at: .now)
        }
    }

    /// Removes the calls past their deadline at `now` and expires them.
    func expire(at now: ContinuousClock.Instant) {
        let late = table.withLock { table in
            let late = table.calls.filter { $0.value.deadline <= now }
            for number in late.keys { table.calls.removeValue(forKey: number) }
            return late.values.map(\.expire)
        }
        for expire in late { expire() }
    }
}
