import Testing
@testable import Genomics

@Suite struct CNVAndKeyGeneTests {
    /// Worked arithmetic in Fixtures/hand/README.md.
    @Test func burdenFromCalls() throws {
        let m = try GeneMatrixParser.parseAll(lines: Fixtures.lines("hand/cnv_calls.tsv"), source: "cnv_calls.tsv",
                                              kind: .copyNumberCalls)
        let b = try CNVBurden.compute(m, kind: .copyNumberCalls)
        #expect(b.map(\.profiledGenes) == [4, 5, 2])
        #expect(b.map(\.alteredGenes) == [2, 0, 2])
        #expect(b.map(\.fraction) == [0.5, 0.0, 1.0])
    }

    @Test func burdenFromLog2() throws {
        let m = try GeneMatrixParser.parseAll(lines: Fixtures.lines("hand/cnv_log2.tsv"), source: "cnv_log2.tsv",
                                              kind: .copyNumberLog2)
        let b = try CNVBurden.compute(m, kind: .copyNumberLog2)
        #expect(b.first?.fraction == 0.6)
        let strict = try CNVBurden.compute(m, kind: .copyNumberLog2, parameters: .init(log2AbsoluteThreshold: 1))
        #expect(strict.first?.fraction == 0.2)
    }

    @Test func noProfiledGeneGivesNil() throws {
        let m = try GeneSampleMatrix(genes: ["G"], samples: ["S"], values: [nil])
        #expect(try CNVBurden.compute(m, kind: .copyNumberCalls).first?.fraction == nil)
    }

    @Test func keyGeneFlags() throws {
        var flags = KeyGeneMutations()
        for r in try MAFParser.parseAll(lines: Fixtures.lines("hand/tmb_hand.maf"), source: "m") { flags.add(r) }
        let f = flags.flags()
        #expect(f.map(\.sample) == ["S1", "S2", "S3"])
        #expect(f[0].mutated == ["STK11", "KEAP1", "TP53", "KRAS", "EGFR"])
        #expect(f[1].mutated.isEmpty)
        #expect(f[2].mutated == ["PTEN", "B2M", "JAK1", "JAK2", "POLE", "KRAS"])
        #expect(f[0].isMutated("STK11") == true && f[1].isMutated("TP53") == false && f[0].isMutated("BRAF") == nil)
        for gene in ["STK11", "KEAP1", "PTEN", "B2M", "JAK1", "JAK2", "POLE", "TP53", "KRAS", "EGFR"] {
            #expect(KeyGeneMutations.defaultGenes.contains(gene))
        }
    }

    @Test func silentMutationDoesNotFlag() {
        var flags = KeyGeneMutations()
        flags.add(MAFRecord(hugoSymbol: "KRAS", chromosome: "12", startPosition: 1, endPosition: 1, variantClassification: .silent,
                            referenceAllele: "A", tumorSeqAllele2: "G", tumorSampleBarcode: "S"))
        #expect(flags.flags().first?.mutated == [])
    }
}

@Suite struct BiomarkerJoinTests {
    @Test func joinsBySampleAndKeepsMissingAsNil() throws {
        var counter = try TMBCounter(parameters: TMBParameters(captureMegabases: 0.5))
        var flags = KeyGeneMutations()
        for r in try MAFParser.parseAll(lines: Fixtures.lines("hand/tmb_hand.maf"), source: "m") { counter.add(r); flags.add(r) }
        let cnv = [SampleCNVBurden(sample: "S9", profiledGenes: 4, alteredGenes: 1, fraction: 0.25)]
        let gep = [SignatureScore(sample: "S1", signature: "g", score: nil, genesUsed: [], genesMissing: ["A"], reason: "few")]
        let rows = SampleGenomicBiomarkers.join(tmb: counter.report(), gep: gep, cnv: cnv, keyGenes: flags.flags(),
                                                msi: ["S2": .high])
        #expect(rows.map(\.sample) == ["S1", "S2", "S3", "S9"])
        #expect(rows[0].tmbPerMegabase == 10 && rows[0].tmbHigh == true && rows[0].captureMegabases == 0.5)
        #expect(rows[0].gepScore == nil && rows[0].gepReason == "few")
        #expect(rows[1].msiStatus == .high && rows[1].mutatedKeyGenes == [])
        #expect(rows[3].tmbPerMegabase == nil && rows[3].cnvBurden == 0.25 && rows[3].mutatedKeyGenes == nil)
    }
}
