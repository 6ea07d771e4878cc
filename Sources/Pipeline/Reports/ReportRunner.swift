import BiomarkerStore
import Foundation
import Reports
import TMECore

/// Renders reports and writes them atomically: one patient, one cohort, or every patient of a
/// cohort in parallel (one database connection per worker).
public struct ReportRunner: Sendable {
    public let parameters: ReportParameters

    public init(parameters: ReportParameters) throws {
        try parameters.validate()
        self.parameters = parameters
    }

    var pageSize: PageSize { parameters.pageSize == "letter" ? .usLetter : .a4 }
    var generatedAt: Date { parameters.reproducible ? DocumentSettings.reproducibleDate : Date() }

    /// The PDF bytes of one patient's report.
    public func patientPDF(patientID: String, cohort: String, connection: Connection,
                           cohortPatients: [CohortPatient]? = nil) throws -> [UInt8] {
        let data = try PatientReportLoader(connection: connection, parameters: parameters)
            .load(patientID: patientID, cohort: cohort, cohortPatients: cohortPatients, generatedAt: generatedAt)
        return try PatientReport(data: data, pageSize: pageSize, reproducible: parameters.reproducible).render()
    }

    /// Renders one patient's report to `path` (atomically). Returns the byte count.
    @discardableResult
    public func writePatient(patientID: String, cohort: String, to path: String, connection: Connection) throws -> Int {
        let bytes = try patientPDF(patientID: patientID, cohort: cohort, connection: connection)
        try AtomicFile.write(bytes, to: path)
        return bytes.count
    }

    /// Renders the cohort report to `path` (atomically), with the screening table when `criteriaPath` is given.
    @discardableResult
    public func writeCohort(cohort: String, criteriaPath: String?, to path: String, connection: Connection) throws -> Int {
        var criteria: (ScreeningCriteria, String, String?)?
        if let criteriaPath {
            let url = URL(fileURLWithPath: criteriaPath)
            let bytes = (try? Data(contentsOf: url)).map { [UInt8]($0) }
            criteria = (try ScreeningCriteria.load(url), url.lastPathComponent, bytes.map { SHA256.hex($0) })
        }
        let data = try CohortReportLoader(connection: connection, parameters: parameters)
            .load(cohort: cohort, criteria: criteria, generatedAt: generatedAt)
        let bytes = try CohortReport(data: data, pageSize: pageSize, reproducible: parameters.reproducible).render()
        try AtomicFile.write(bytes, to: path)
        return bytes.count
    }

    /// Renders every patient of `cohort` into `directory/<patient>.pdf` with `workers` parallel
    /// workers, each with its own connection from `connect`. Patient IDs become file names with
    /// anything but letters, digits, '.', '_' and '-' replaced by '_'. Returns the files written;
    /// the first error stops the remaining work and is rethrown.
    public func writeAll(cohort: String, directory: String, workers: Int, connect: @escaping @Sendable () throws -> Connection,
                         progress: ProgressReporter? = nil) throws -> [String] {
        let first = try connect()
        _ = try CohortRows.cohort(cohort, on: first)
        let rows = try CohortRows.patients(cohort: cohort, on: first).patients
        let ids = rows.map(\.patientID)
        let queue = WorkQueue(count: ids.count)
        let results = ResultList(count: ids.count)
        let workerCount = max(1, min(workers, ids.count))
        DispatchQueue.concurrentPerform(iterations: workerCount) { w in
            let connection: Connection
            do { connection = w == 0 ? first : try connect() } catch { results.fail(error); return }
            while let i = queue.next(), !results.failed {
                let path = (directory as NSString).appendingPathComponent(ReportRunner.fileName(ids[i]) + ".pdf")
                do {
                    let bytes = try patientPDF(patientID: ids[i], cohort: cohort, connection: connection, cohortPatients: rows)
                    try AtomicFile.write(bytes, to: path)
                    results.set(i, path)
                    progress?.advance()
                } catch {
                    results.fail(error)
                }
            }
        }
        if let error = results.error { throw error }
        return results.paths
    }

    /// A file name from a patient ID: letters, digits, '.', '_', '-' kept, others '_', no leading '.'.
    public static func fileName(_ id: String) -> String {
        var s = String(id.unicodeScalars.map { c -> Character in
            (c.isASCII && (CharacterSet.alphanumerics.contains(c) || c == "." || c == "_" || c == "-")) ? Character(c) : "_"
        })
        if s.hasPrefix(".") { s = "_" + s.dropFirst() }
        return s.isEmpty ? "_" : String(s.prefix(120))
    }
}

/// Hands out indices 0..<count to workers.
final class WorkQueue: @unchecked Sendable {
    private let lock = NSLock()
    private var nextIndex = 0
    private let count: Int
    init(count: Int) { self.count = count }
    func next() -> Int? {
        lock.lock(); defer { lock.unlock() }
        guard nextIndex < count else { return nil }
        nextIndex += 1
        return nextIndex - 1
    }
}

/// Collects written paths and the first error from workers.
final class ResultList: @unchecked Sendable {
    private let lock = NSLock()
    private var storage: [String?]
    private var firstError: (any Error)?
    init(count: Int) { storage = Array(repeating: nil, count: count) }
    func set(_ i: Int, _ path: String) { lock.lock(); storage[i] = path; lock.unlock() }
    func fail(_ error: any Error) { lock.lock(); if firstError == nil { firstError = error }; lock.unlock() }
    var failed: Bool { lock.lock(); defer { lock.unlock() }; return firstError != nil }
    var error: (any Error)? { lock.lock(); defer { lock.unlock() }; return firstError }
    var paths: [String] { lock.lock(); defer { lock.unlock() }; return storage.compactMap { $0 } }
}
