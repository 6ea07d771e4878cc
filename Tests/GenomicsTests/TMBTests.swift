import Foundation
import Testing
@testable import Genomics
@testable import Pipeline

@Suite struct TMBTests {
    /// Worked arithmetic: Fixtures/hand/README.md.
    @Test func handFixture() throws {
        var counter = try TMBCounter(parameters: TMBParameters(captureMegabases: 0.5))
        counter.add(contentsOf: try MAFParser.parseAll(lines: Fixtures.lines("hand/tmb_hand.maf"), source: "tmb_hand.maf"))
        let samples = counter.report().samples
        #expect(samples.map(\.sample) == ["S1", "S2", "S3"])
        #expect(samples.map(\.nonsynonymous) == [5, 0, 7])
        #expect(samples.map(\.tmbPerMegabase) == [10.0, 0.0, 14.0])
        #expect(samples.map(\.isHigh) == [true, false, true])      // 10.0 is high: the cut-off is inclusive
        #expect(samples.map(\.duplicateRows) == [1, 0, 1])
        #expect(samples.map(\.totalRows) == [9, 2, 8])
    }

    @Test func exomeCaptureAndCustomCutoff() throws {
        let records = try MAFParser.parseAll(lines: Fixtures.lines("hand/tmb_hand.maf"), source: "tmb_hand.maf")
        var counter = try TMBCounter(parameters: TMBParameters(captureMegabases: 38, highThresholdPerMegabase: 0.15))
        counter.add(contentsOf: records)
        let s = counter.report().samples
        #expect(abs(s[0].tmbPerMegabase - 5.0 / 38.0) < 1e-15)
        #expect(abs(s[2].tmbPerMegabase - 7.0 / 38.0) < 1e-15)
        #expect(s.map(\.isHigh) == [false, false, true])
    }

    @Test func docCommentExample() throws {
        func row(_ vc: MAFVariantClassification, _ pos: Int) -> MAFRecord {
            MAFRecord(hugoSymbol: "G", chromosome: "chr1", startPosition: pos, endPosition: pos, variantClassification: vc,
                      referenceAllele: "A", tumorSeqAllele2: "T", tumorSampleBarcode: "S")
        }
        var counter = try TMBCounter(parameters: TMBParameters(captureMegabases: 2))
        counter.add(contentsOf: [row(.missense, 100), row(.missense, 100), row(.silent, 200), row(.nonsense, 300)])
        let s = try #require(counter.report().samples.first)
        #expect(s.nonsynonymous == 2 && s.tmbPerMegabase == 1.0 && !s.isHigh)
    }

    @Test(arguments: [0.0, -1.0, .nan, .infinity, 5000.0])
    func captureSizeIsValidated(_ mb: Double) {
        #expect(throws: GenomicsError.self) { try TMBCounter(parameters: TMBParameters(captureMegabases: mb)) }
    }

    /// Real open-access TCGA MAFs shipped in PyPI's pymaftools 0.5.0, read gzip-compressed through
    /// Pipeline's zlib reader, against the pandas count in Fixtures/tcga/reference.json.
    @Test(arguments: ["example_single_sample.maf.gz", "example_multisample.maf.gz"])
    func realTCGAMAFMatchesPandas(_ file: String) throws {
        let reference = try #require(Fixtures.json("tcga/reference.json") as? [String: Any])
        let capture = try #require(reference["capture_mb"] as? Double)
        let files = try #require(reference["files"] as? [String: Any])
        let expected = try #require((files[file] as? [String: Any])?["samples"] as? [[String: Any]])
        let report = try GenomicsFiles.tmb(mafPath: Fixtures.path("tcga/\(file)"),
                                           parameters: TMBParameters(captureMegabases: capture))
        #expect(report.samples.map(\.sample) == expected.map { $0["sample"] as? String })
        #expect(report.samples.map(\.nonsynonymous) == expected.map { $0["nonsynonymous"] as? Int })
        for (got, want) in zip(report.samples, expected) {
            // JSONSerialization may misread the last digit of a double, hence the tolerance;
            // the count itself is compared exactly above.
            #expect(abs(got.tmbPerMegabase - (want["tmb_per_mb"] as? Double ?? .nan)) < 1e-12)
            #expect(got.tmbPerMegabase == Double(got.nonsynonymous) / capture)
            #expect(got.isHigh == want["tmb_high"] as? Bool)
        }
        if file == "example_single_sample.maf.gz" {
            #expect(report.samples.first?.nonsynonymous == 506)   // also stated in the reference script's output
            #expect(report.samples.first?.totalRows == 669)
        }
    }

    @Test func jsonShapeIsExactlyAsDocumented() throws {
        var counter = try TMBCounter(parameters: TMBParameters(captureMegabases: 0.5))
        counter.add(contentsOf: try MAFParser.parseAll(lines: Fixtures.lines("hand/tmb_hand.maf"), source: "tmb_hand.maf"))
        let text = try counter.report().jsonText()
        let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect(Set(object.keys) == ["capture_mb", "samples"])
        #expect(object["capture_mb"] as? Double == 0.5)
        let samples = try #require(object["samples"] as? [[String: Any]])
        #expect(samples.count == 3)
        #expect(samples.allSatisfy { Set($0.keys) == ["sample", "nonsynonymous", "tmb_per_mb", "tmb_high"] })
        #expect(samples[2]["tmb_per_mb"] as? Double == 14 && samples[2]["tmb_high"] as? Bool == true)
        #expect(text.contains("\"sample\" : \"S1\""))
    }

    @Test func plainAndGzipGiveTheSameReport() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tmb-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let plain = dir.appendingPathComponent("m.maf").path
        try Data(contentsOf: URL(fileURLWithPath: Fixtures.path("hand/tmb_hand.maf"))).write(to: URL(fileURLWithPath: plain))
        let params = TMBParameters(captureMegabases: 0.5)
        let a = try GenomicsFiles.tmb(mafPath: plain, parameters: params)
        let b = try GenomicsFiles.tmb(mafPath: Fixtures.path("hand/tmb_hand.maf"), parameters: params)
        #expect(a == b)
    }

    @Test func truncatedGzipIsAnError() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tmbgz-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let data = try Data(contentsOf: URL(fileURLWithPath: Fixtures.path("tcga/example_multisample.maf.gz")))
        let cut = dir.appendingPathComponent("cut.maf.gz")
        try data.prefix(data.count / 2).write(to: cut)
        #expect(throws: GenomicsInputError.self) {
            _ = try GenomicsFiles.tmb(mafPath: cut.path, parameters: TMBParameters(captureMegabases: 38))
        }
        #expect(throws: GenomicsInputError.self) {
            _ = try GenomicsFiles.tmb(mafPath: dir.appendingPathComponent("absent.maf").path,
                                      parameters: TMBParameters(captureMegabases: 38))
        }
    }
}
