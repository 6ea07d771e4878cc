import Foundation

/// Collects what the quantifier's worker threads hand over (`SlideQuantifier.CellHandler`), in arrival order.
final class CellCollector<Element>: @unchecked Sendable {
    private let lock = NSLock()
    private var storage: [Element] = []
    func add(_ elements: [Element]) { lock.withLock { storage += elements } }
    var items: [Element] { lock.withLock { storage } }
}
