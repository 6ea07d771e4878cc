import Foundation
import SlideIO
import Testing
@testable import CohortSimulator

/// The written folder: deterministic bytes, consistent cBioPortal study, readable slides and truth.
@Suite struct CohortWriterTests {
    static func files(_ dir: String) -> [String] {
        (FileManager.default.enumerator(atPath: dir)?.allObjects as? [String] ?? [])
            .filter { var d: ObjCBool = false; FileManager.default.fileExists(atPath: dir + "/" + $0, isDirectory: &d); return !d.boolValue }
            .sorted()
    }

    @Test func sameSeedGivesIdenticalBytesAcrossWorkerCounts() throws {
        var config = try TestConfig.small(patients: 4, side: 512)
        config.slides.pdl1Fraction = 0.5
        let a = TestConfig.temporaryDirectory("det-a"), b = TestConfig.temporaryDirectory("det-b")
        defer { try? FileManager.default.removeItem(atPath: a); try? FileManager.default.removeItem(atPath: b) }
        _ = try CohortWriter.write(config: config, to: a, workers: 1)
        _ = try CohortWriter.write(config: config, to: b, workers: 2)
        let fa = Self.files(a), fb = Self.files(b)
        #expect(fa == fb)
        #expect(fa.contains { $0.hasSuffix(".tiff") })
        for f in fa {
            #expect(FileManager.default.contents(atPath: a + "/" + f) == FileManager.default.contents(atPath: b + "/" + f), "\(f) differs")
        }
        // A different seed changes the data.
        config.seed &+= 1
        let c = TestConfig.temporaryDirectory("det-c")
        defer { try? FileManager.default.removeItem(atPath: c) }
        _ = try CohortWriter.write(config: config, to: c, workers: 2)
        #expect(FileManager.default.contents(atPath: a + "/mutations.maf") != FileManager.default.contents(atPath: c + "/mutations.maf"))
    }

    @Test func cbioportalAndTMEScopeFoldersDescribeTheSameData() throws {
        let config = try TestConfig.small(patients: 25, render: false)
        let dir = TestConfig.temporaryDirectory("cbio")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        _ = try CohortWriter.write(config: config, to: dir, workers: 1)
        let cb = dir + "/cbioportal"
        // Clinical: four '#' header lines, then the same patients and outcomes.
        let patientText = try String(contentsOfFile: cb + "/data_clinical_patient.txt", encoding: .utf8)
        let lines = patientText.split(separator: "\n").map(String.init)
        #expect(lines.prefix(4).allSatisfy { $0.hasPrefix("#") } && !lines[4].hasPrefix("#"))
        #expect(lines.prefix(4).allSatisfy { $0.split(separator: "\t").count == lines[4].split(separator: "\t").count })
        let cp = try TestConfig.tsv(cb + "/data_clinical_patient.txt"), clin = try TestConfig.tsv(dir + "/clinical.tsv")
        let out = try TestConfig.tsv(dir + "/outcomes.tsv")
        #expect(cp.rows.count == 25 && clin.rows.count == 25 && out.rows.count == 25)
        let col = { (t: (header: [String], rows: [[String]]), name: String) in t.rows.map { $0[t.header.firstIndex(of: name)!] } }
        #expect(col(cp, "PATIENT_ID") == col(clin, "patient_id"))
        #expect(col(cp, "AGE") == col(clin, "age_years"))
        #expect(col(cp, "OS_MONTHS") == col(out, "os_months"))
        #expect(col(cp, "OS_STATUS").map { $0.hasPrefix("1:") ? "1" : "0" } == col(out, "os_event"))
        #expect(col(cp, "PFS_STATUS").map { $0.hasPrefix("1:") ? "1" : "0" } == col(out, "pfs_event"))
        #expect(col(cp, "BEST_RESPONSE") == col(out, "best_response"))
        // Mutations: same rows; TMB recounted from the MAF equals the sample attribute and the truth.
        let maf = try TestConfig.tsv(dir + "/mutations.maf"), cbm = try TestConfig.tsv(cb + "/data_mutations.txt")
        #expect(maf.rows == cbm.rows && maf.header == cbm.header)
        #expect(maf.header.starts(with: ["Hugo_Symbol", "Entrez_Gene_Id", "Center", "NCBI_Build", "Chromosome"]))
        var counts: [String: Int] = [:]
        for r in maf.rows where r[maf.header.firstIndex(of: "Variant_Classification")!] != "Silent" {
            counts[r[maf.header.firstIndex(of: "Tumor_Sample_Barcode")!], default: 0] += 1
        }
        let samples = try TestConfig.tsv(cb + "/data_clinical_sample.txt")
        let truth = try TestConfig.tsv(dir + "/truth/patients.tsv")
        for (i, s) in col(samples, "SAMPLE_ID").enumerated() {
            let tmb = Double(counts[s] ?? 0) / 38
            #expect(abs(Double(col(samples, "TMB_NONSYNONYMOUS")[i])! - tmb) < 1e-3)
            #expect(abs(Double(col(truth, "observed_tmb_per_mb")[i])! - tmb) < 1e-3)
        }
        // CNA and expression: identical matrices once the Entrez column is dropped.
        for (mine, theirs) in [("cnv.tsv", "data_cna.txt"), ("expression.tsv", "data_mrna_seq_v2_rsem.txt")] {
            let a = try TestConfig.tsv(dir + "/" + mine), b = try TestConfig.tsv(cb + "/" + theirs)
            #expect(Array(a.header.dropFirst()) == Array(b.header.dropFirst(2)))
            #expect(a.rows.map { [$0[0]] + $0.dropFirst() } == b.rows.map { [$0[0]] + $0.dropFirst(2) })
        }
        let cna = try TestConfig.tsv(cb + "/data_cna.txt")
        #expect(cna.rows.allSatisfy { $0.dropFirst(2).allSatisfy { (-2...2).contains(Int($0)!) } })
        let expr = try TestConfig.tsv(dir + "/expression.tsv")
        #expect(Set(GeneCatalog.gep18 + ["CD274", "CXCL10", "HLA-DRA", "IFNG", "STK11"]).isSubset(of: Set(expr.rows.map { $0[0] })))
        for meta in ["meta_study.txt", "meta_clinical_patient.txt", "meta_clinical_sample.txt", "meta_mutations.txt",
                     "meta_cna.txt", "meta_mrna_seq_v2_rsem.txt"] {
            let text = try String(contentsOfFile: cb + "/" + meta, encoding: .utf8)
            #expect(text.contains("cancer_study_identifier: \(config.name)"), "\(meta)")
        }
    }

    @Test func gepGenesFollowThePhenotype() throws {
        let config = try TestConfig.small(patients: 300, render: false)
        let patients = try CohortGenerator(config: config).patients()
        let g = GenomicsGenerator(config: config).genomics(for: patients).expression
        let cxcl9 = g.values[g.genes.firstIndex(of: "CXCL9")!]
        func mean(_ p: ImmunePhenotype) -> Double {
            let v = patients.indices.filter { patients[$0].phenotype == p }.map { log2(cxcl9[$0] + 1) }
            return v.reduce(0, +) / Double(max(v.count, 1))
        }
        #expect(mean(.inflamed) > mean(.excluded) && mean(.excluded) > mean(.desert))
    }

    @Test func slidesOpenWithSlideIOAndMatchTheirTruth() throws {
        let config = try TestConfig.small(patients: 2, side: 600)
        let dir = TestConfig.temporaryDirectory("slides")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        _ = try CohortWriter.write(config: config, to: dir, workers: 2)
        let manifest = try TestConfig.tsv(dir + "/slides.tsv")
        #expect(manifest.rows.count >= 2)
        let row = manifest.rows[0]
        let slide = try Slide(path: dir + "/" + row[4])
        #expect(slide.levels[0].width == 600 && slide.levels[0].height == 600)
        #expect(abs((slide.micronsPerPixel ?? 0) - 0.5) < 1e-6)
        // Deflate is lossless: the file holds exactly the rendered pixels.
        let patients = try CohortGenerator(config: config).patients()
        let p = patients[0]
        let tissue = SlideTissue(patient: p, config: config)
        let renderer = SlideRenderer(tissue: tissue, stain: .he, config: config, textures: Textures(),
                                     slideSeed: CohortPlan.slideSeed(config: config, patient: 0, stain: .he))
        let region = try slide.readRegion(level: 0, x: 250, y: 200, width: 350, height: 400)
        #expect(region.pixels == renderer.renderRegion(x: 250, y: 200, width: 350, height: 400))
        // Truth: one TSV row per cell, coordinates in µm = px × mpp; GeoJSON is a FeatureCollection.
        let cells = try TestConfig.tsv(dir + "/" + row[8])
        #expect(cells.rows.count == tissue.population.cells.count)
        if let first = cells.rows.first {
            #expect(abs(Double(first[1])! - Double(first[3])! * 0.5) < 0.02)
        }
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: dir + "/" + row[10]))) as? [String: Any]
        #expect(json?["type"] as? String == "FeatureCollection")
        let features = json?["features"] as? [[String: Any]] ?? []
        let names = features.compactMap { (($0["properties"] as? [String: Any])?["classification"] as? [String: Any])?["name"] as? String }
        #expect(names.contains("tumor") && names.contains("Tumor") && names.contains("Stroma"))
        let png = try Data(contentsOf: URL(fileURLWithPath: dir + "/" + row[9]))
        #expect(png.prefix(4) == Data([0x89, 0x50, 0x4E, 0x47]))
    }

    @Test func invalidConfigNamesTheField() throws {
        var config = try TestConfig.demo()
        config.response.targetRate = 1.5
        #expect(throws: SimulatorError.invalidConfig(field: "response.targetRate", expected: "0.01 … 0.99")) {
            try config.validate()
        }
        let dir = TestConfig.temporaryDirectory("badcfg")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try Data("{\"name\": 3}".utf8).write(to: URL(fileURLWithPath: dir + "/c.json"))
        #expect(throws: SimulatorError.self) { try CohortConfig.load(path: dir + "/c.json") }
    }
}
