import BiomarkerStore
import Foundation
import Testing
import TestSupport
import TMECore

/// The embedded cluster, driven through the real `tme` executable in scratch checkouts.
@Suite(.serialized) struct EmbeddedClusterTests {
    @Test func twoConcurrentStartsMakeOneRunningCluster() async throws {
        let checkout = try ScratchCheckout()
        defer { checkout.remove() }
        async let first = Task.detached { try checkout.tme(["db", "start"]) }.value
        async let second = Task.detached { try checkout.tme(["db", "start"]) }.value
        let results = try await [first, second]
        for result in results { #expect(result.exitCode == 0, "\(result.stderr)") }
        let initialisations = results.filter { $0.stderr.contains("creating the embedded PostgreSQL cluster") }
        #expect(initialisations.count == 1)
        let status = try checkout.tme(["db", "status"])
        #expect(status.stdout.contains("running"))
        #expect(status.stdout.contains("003_roles.sql  applied"))
        let pids = try String(contentsOf: clusterBase(checkout).appendingPathComponent("postgres/postmaster.pid"), encoding: .utf8)
        #expect(!pids.isEmpty)

        let stop = try checkout.tme(["db", "stop"])
        #expect(stop.exitCode == 0)
        let down = try checkout.tme(["db", "status"])
        #expect(down.stdout.contains("stopped"))
        // A stopped server: connecting says what to do.
        let cluster = try EmbeddedCluster(project: ProjectDirectory(root: checkout.root))
        do {
            _ = try Connection(cluster.target())
            Issue.record("connecting to a stopped cluster must fail")
        } catch let error as StoreError {
            #expect(error.description.contains("tme db start"))
        }
    }

    @Test func interruptedSetupIsRedoneAndDamagedClusterIsExplained() throws {
        let checkout = try ScratchCheckout()
        defer { checkout.remove() }
        // An initdb that died half-way: data folder without the completion marker.
        let base = try clusterBase(checkout)
        try FileManager.default.createDirectory(at: base.appendingPathComponent("postgres/base"), withIntermediateDirectories: true)
        try "partial".write(to: base.appendingPathComponent("postgres/PG_VERSION"), atomically: true, encoding: .utf8)
        let start = try checkout.tme(["db", "start"])
        #expect(start.exitCode == 0, "\(start.stderr)")
        #expect(start.stderr.contains("removing an incomplete cluster"))
        #expect(try checkout.tme(["db", "migrate"]).stdout.contains("nothing applied"))
        _ = try checkout.tme(["db", "stop"])

        // Files removed by hand from a finished cluster: a clear error, exit 1, no backtrace.
        try FileManager.default.removeItem(at: base.appendingPathComponent("postgres/PG_VERSION"))
        let status = try checkout.tme(["db", "status"])
        #expect(status.exitCode == 1)
        #expect(status.stderr.contains("half-initialised"))
        #expect(status.stderr.contains("tme db start"))
        #expect(!status.stderr.contains("Backtrace") && !status.stderr.contains("Fatal error"))
    }

    @Test func unreachableConfiguredServerFailsCleanly() throws {
        let result = try TMECommand.run(["db", "migrate"], environment: [
            "TME_DATABASE_URL": "postgresql://u:pw-not-shown@127.0.0.1:9/none?connect_timeout=2",
        ])
        #expect(result.exitCode == 1)
        #expect(result.stderr.contains("could not connect"))
        #expect(result.stderr.contains("TME_DATABASE_URL"))
        #expect(!result.stderr.contains("pw-not-shown"))
        #expect(!result.stderr.contains("Backtrace"))
    }

    private func clusterBase(_ checkout: ScratchCheckout) throws -> URL {
        try EmbeddedCluster(project: ProjectDirectory(root: checkout.root)).base
    }
}
