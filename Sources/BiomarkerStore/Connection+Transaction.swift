extension Connection {
    /// Runs `body` inside BEGIN … COMMIT; any error thrown by `body` (or by COMMIT) rolls back
    /// and is rethrown, so nothing is half-written.
    public func transaction<T>(_ body: (Connection) throws -> T) throws -> T {
        try execute("BEGIN")
        do {
            let value = try body(self)
            try execute("COMMIT")
            return value
        } catch {
            // The connection may already be broken; the original error is what matters.
            _ = try? execute("ROLLBACK")
            throw error
        }
    }
}
