import Testing
@testable import Genomics
@testable import Pipeline

@Suite struct SignatureTests {
    /// The two-gene example worked by hand in SignatureScorer's doc comment and Fixtures/hand/README.md.
    @Test func handWorkedTwoGeneExample() throws {
        let m = try GeneSampleMatrix(genes: ["A", "B"], samples: ["s1", "s2", "s3"], values: [1, 2, 3, 2, 2, 5])
        let sig = GeneSignature(name: "ab", genes: ["A", "B"], minimumGenes: 2, reference: "test")
        let scores = try SignatureScorer.score(sig, in: m)
        let expected = [-0.788675134594813, -0.288675134594813, 1.077350269189626]
        for (s, e) in zip(scores, expected) { #expect(abs(try #require(s.score) - e) < 1e-12) }
        #expect(scores[0].genesUsed == ["A", "B"] && scores[0].reason == nil)
    }

    @Test func signaturesAreTheIssueGeneLists() {
        #expect(GeneSignature.tCellInflamedGEP.genes.count == 18)
        #expect(Set(GeneSignature.tCellInflamedGEP.genes) == ["CCL5", "CD27", "CD274", "CD276", "CD8A", "CMKLR1", "CXCL9",
            "CXCR6", "HLA-DQA1", "HLA-DRB1", "HLA-E", "IDO1", "LAG3", "NKG7", "PDCD1LG2", "PSMB10", "STAT1", "TIGIT"])
        #expect(Set(GeneSignature.ifnGamma6.genes) == ["CXCL9", "CXCL10", "HLA-DRA", "IDO1", "IFNG", "STAT1"])
        #expect(GeneSignature.tCellInflamedGEP.minimumGenes == 15 && GeneSignature.ifnGamma6.minimumGenes == 5)
    }

    /// Fixture and reference made by Fixtures/hand/make_signature_reference.py (Python statistics module).
    @Test(arguments: ["log2", "tpm"])
    func matchesPythonReference(_ variant: String) throws {
        let file = variant == "log2" ? "hand/expression_log2.tsv" : "hand/expression_tpm.tsv"
        let matrix = try GeneMatrixParser.parseAll(lines: Fixtures.lines(file), source: file, kind: .expression)
        let params = SignatureParameters(scale: variant == "log2" ? .log2 : .linear)
        let reference = try #require((Fixtures.json("hand/signature_reference.json") as? [String: Any])?[variant] as? [String: Any])
        for signature in [GeneSignature.tCellInflamedGEP, .ifnGamma6] {
            let want = try #require(reference[signature.name] as? [[String: Any]])
            let got = try SignatureScorer.score(signature, in: matrix, parameters: params)
            #expect(got.map(\.sample) == want.map { $0["sample"] as? String })
            for (g, w) in zip(got, want) {
                #expect(g.genesUsed.count == w["genes_used"] as? Int)
                if let ws = w["score"] as? Double {
                    #expect(abs(try #require(g.score) - ws) < 1e-9, "\(signature.name) \(g.sample)")
                } else {
                    #expect(g.score == nil)
                    #expect(g.reason?.contains("only 13 of 18 tcell_inflamed_gep genes measured (minimum 15)") == true)
                    #expect(g.genesMissing == ["CCL5", "CD27", "CD274", "LAG3", "TIGIT"])
                }
            }
        }
    }

    @Test func fileReaderGivesTheSameMatrix() throws {
        let a = try GenomicsFiles.matrix(path: Fixtures.path("hand/expression_log2.tsv"), kind: .expression)
        let b = try GeneMatrixParser.parseAll(lines: Fixtures.lines("hand/expression_log2.tsv"), source: "x", kind: .expression)
        #expect(a == b)
        #expect(a.samples == ["S1", "S2", "S3", "S4", "S5"])     // Entrez_Gene_Id is an annotation column
        #expect(a.values(of: "CCL5")?[3] == nil)
        #expect(a.values(of: "CCL5")?[0] == 1.0)
    }

    @Test func tooFewGenesIsNilWithReasonNeverPartial() throws {
        let m = try GeneSampleMatrix(genes: ["CXCL9", "STAT1"], samples: ["a", "b", "c"], values: [1, 2, 3, 3, 1, 2])
        let s = try SignatureScorer.score(.ifnGamma6, in: m)
        #expect(s.allSatisfy { $0.score == nil && $0.genesUsed == ["CXCL9", "STAT1"] })
        #expect(s[0].reason == "only 2 of 6 ifng_6 genes measured (minimum 5); missing: CXCL10, HLA-DRA, IDO1, IFNG")
    }

    @Test func negativeLinearValuesAreRejected() throws {
        let m = try GeneSampleMatrix(genes: ["A"], samples: ["a", "b", "c"], values: [1, -2, 3])
        let sig = GeneSignature(name: "a", genes: ["A"], minimumGenes: 1, reference: "t")
        #expect(throws: GenomicsError.self) { try SignatureScorer.score(sig, in: m, parameters: .init(scale: .linear)) }
    }
}
