import Testing
@testable import Genomics
import Tabular

/// The table formats the Genomics parsers are fed with (the reader itself is tested in TabularTests).
@Suite struct DelimitedFormatTests {
    @Test func csvQuotingAndTabs() throws {
        #expect(try DelimitedReader.fields(of: "a,\"b,c\",\"d \"\"e\"\"\",") == ["a", "b,c", "d \"e\"", ""])
        #expect(throws: TabularError.unterminatedQuote(TextLocation(source: "x", line: 1, column: 3))) {
            try DelimitedReader.fields(of: "a,\"b", source: "x")
        }
        #expect(try DelimitedReader.fields(of: "x\t\ty", format: .tsv) == ["x", "", "y"])
        #expect(Delimiter.forFileName("outcomes.CSV.gz") == .comma)
        #expect(Delimiter.forFileName("clinical.tsv") == .tab)
        #expect(DelimitedFormat.forFileName("data_cna.txt") == .tsv)
    }

    @Test func mafIsReadWithoutQuoting() throws {
        let header = "Hugo_Symbol\tChromosome\tStart_Position\tEnd_Position\tVariant_Classification\tReference_Allele\t"
            + "Tumor_Seq_Allele2\tTumor_Sample_Barcode\tHGVSp_Short"
        let records = try MAFParser.parseAll(lines: [header, "TP53\t17\t100\t100\tMissense_Mutation\tC\tT\tS1\t\"p.X"],
                                             source: "m.maf")
        #expect(records.first?.hgvspShort == "\"p.X")
    }

    @Test func readerErrorsBecomeGenomicsErrors() {
        #expect(throws: GenomicsError.table(.fieldCount(TextLocation(source: "m.tsv", line: 3, column: 4), found: 2, expected: 3))) {
            _ = try GeneMatrixParser.parseAll(lines: ["gene\tS1\tS2", "A\t1\t2", "B\t1"], source: "m.tsv", kind: .expression)
        }
    }
}
