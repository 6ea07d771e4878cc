import BiomarkerStore
import Foundation
import Testing
import TestSupport

/// Every file in sql/examples/ runs through psql as `tme_analyst` on the screening fixture.
@Suite struct AnalystQueryTests {
    static let responses = ["P01": "CR", "P02": "PD", "P03": "PR", "P04": "SD", "P05": "NE", "P06": "PD", "P07": "PR", "P08": "SD"]

    @Test func everyExampleRunsAsAnalyst() throws {
        let folder = TestDatabase.project.root.appendingPathComponent("sql/examples")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".sql") }.sorted()
        #expect(files.count >= 5)
        try TestDatabase.with { connection, database in
            try ScreeningTests.load(connection)
            for (patient, response) in Self.responses {
                try connection.execute("""
                    INSERT INTO tme.outcomes (patient_pk, best_response, os_months, os_event)
                    SELECT patient_pk, $2, 12.5, true FROM tme.patients p JOIN tme.cohorts c USING (cohort_id)
                    WHERE c.name = 'screen-fixture' AND p.patient_id = $1
                    """, [patient, response])
            }
            var outputs: [String: String] = [:]
            for file in files {
                let result = try psql(database, ["-c", "SET ROLE tme_analyst", "-f", folder.appendingPathComponent(file).path])
                #expect(result.status == 0, "\(file): \(result.stderr)")
                #expect(!result.stdout.isEmpty, "\(file) printed nothing")
                outputs[file] = result.stdout
            }
            // Known answer: TMB-high and inflamed are P01 (CR), P03 (PR), P08 (SD).
            #expect(outputs["01_response_rate_by_tmb_and_phenotype.sql"]?.contains("true,inflamed,3,2,66.7") == true,
                    "\(outputs["01_response_rate_by_tmb_and_phenotype.sql"] ?? "")")
            // TPS >= 50 %: P01 (CR), P04 (SD), P07 (PR) → 2 of 3.
            #expect(outputs["02_pdl1_tps_categories.sql"]?.contains("TPS >= 50%,3,66.7") == true)
            // NE is not evaluable: neither responder nor non-responder.
            let ne = try connection.query("""
                SELECT objective_response FROM tme.biomarker_summary WHERE cohort = 'screen-fixture' AND patient_id = 'P05'
                """).first!.decode("objective_response", as: Bool?.self)
            #expect(ne == nil)
            // The analyst role really is in force: a base table is refused in the same way.
            let denied = try psql(database, ["-c", "SET ROLE tme_analyst", "-c", "SELECT * FROM tme.patients"])
            #expect(denied.status != 0 && denied.stderr.contains("permission denied"))
        }
    }

    private func psql(_ database: TemporaryDatabase, _ arguments: [String]) throws -> (status: Int32, stdout: String, stderr: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["psql"] + database.target.psqlArguments(database: database.name)
            + ["-X", "-q", "--csv", "-v", "ON_ERROR_STOP=1", "-v", "cohort=screen-fixture"] + arguments
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (process.terminationStatus, stdout, stderr)
    }
}
