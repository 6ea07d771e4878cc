import Testing
@testable import Genomics

@Suite struct MAFParserTests {
    @Test func parsesHandFixtureWithCommentsAndExtraColumns() throws {
        let records = try MAFParser.parseAll(lines: Fixtures.lines("hand/tmb_hand.maf"), source: "tmb_hand.maf")
        #expect(records.count == 19)
        let first = try #require(records.first)
        #expect(first.hugoSymbol == "KRAS")
        #expect(first.entrezGeneId == 3845)
        #expect(first.ncbiBuild == "GRCh38")
        #expect(first.chromosome == "chr12")
        #expect(first.startPosition == 25245350)
        #expect(first.variantClassification == .missense)
        #expect(first.variantType == "SNP")
        #expect(first.hgvspShort == "p.G12C")
        #expect(first.tumorDepth == 100 && first.tumorAltCount == 30)
        #expect(first.sourceLine == 4)
        #expect(records[4].hgvspShort == nil)   // "." is missing
        #expect(records[17].alternateAllele == "A" && records[18].alternateAllele == "A")
        #expect(records[17].variantKey == records[18].variantKey)
    }

    @Test func nonsynonymousSetIsExactlyMaftools() {
        let names = Set(MAFVariantClassification.maftoolsNonsynonymous.map(\.rawValue))
        #expect(names == ["Frame_Shift_Del", "Frame_Shift_Ins", "Splice_Site", "Translation_Start_Site",
                          "Nonsense_Mutation", "Nonstop_Mutation", "In_Frame_Del", "In_Frame_Ins", "Missense_Mutation"])
        #expect(!MAFVariantClassification.silent.isNonsynonymous)
        #expect(!MAFVariantClassification.spliceRegion.isNonsynonymous)
    }

    @Test func issueExampleMessage() {
        let header = "Hugo_Symbol\tChromosome\tStart_Position\tEnd_Position\tVariant_Classification\tReference_Allele\tTumor_Seq_Allele2\tTumor_Sample_Barcode"
        // 1041 comment lines put the header on line 1042, as in the issue.
        let comments = Array(repeating: "#", count: 1041)
        #expect(throws: Never.self) { _ = try MAFParser.parseAll(lines: comments + [header], source: "mutations.maf") }
        do {
            _ = try MAFParser.parseAll(lines: comments + [header, "TP53\t17\t100\t100\tMisense_Mutation\tC\tT\tS1"],
                                       source: "mutations.maf")
            Issue.record("expected an error")
        } catch let error as GenomicsError {
            #expect(error.description.hasPrefix("mutations.maf:1043: Variant_Classification \"Misense_Mutation\" is not a MAF class"))
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test func identifiersAreNotEchoed() {
        let header = "Hugo_Symbol\tChromosome\tStart_Position\tEnd_Position\tVariant_Classification\tReference_Allele\tTumor_Seq_Allele2\tTumor_Sample_Barcode"
        do {
            _ = try MAFParser.parseAll(lines: [header, "TP53\t17\t100\t99\tSilent\tC\tT\tSECRET-PATIENT-42"], source: "m.maf")
            Issue.record("expected an error")
        } catch {
            #expect(!"\(error)".contains("SECRET"))
        }
    }
}
