import Foundation

/// Draws mutations, copy-number calls and expression for patients already drawn by `CohortGenerator`.
///
/// Mutations: N ~ Poisson(TMB × 38 Mb) nonsynonymous mutations (at least the patient's drivers), plus
/// Poisson(0.35 N) silent ones; passengers fall on synthetic loci. Classes: missense 88 %, nonsense 6 %,
/// splice 2.5 %, frameshift del 2.5 % / ins 1 % (Alexandrov-style proportions of coding SNVs/indels).
/// CNV: per gene gain/loss with the tumor type's probability × a per-patient burden b ~ LogNormal(0, 0.5);
/// 1/4 of gains are amplifications (2), 1/4 of losses deep deletions (−2); 9p24.1 (CD274, PDCD1LG2, JAK2)
/// is amplified as a unit. Expression: log2(RSEM+1) = base_g + load_g·z_GEP + 0.5·CNV_g + ε, ε ~ N(0, 0.35²),
/// with CD274 also driven by logit(TPS) (0.6 per unit).
public struct GenomicsGenerator: Sendable {
    public let config: CohortConfig

    public init(config: CohortConfig) { self.config = config }

    public func genomics(for patients: [Patient]) -> CohortGenomics {
        let genes = GeneCatalog.expressedGenes
        var mutations: [MutationRecord] = []
        var cnv = [[Int]](repeating: [Int](repeating: 0, count: patients.count), count: genes.count)
        var expr = [[Double]](repeating: [Double](repeating: 0, count: patients.count), count: genes.count)
        var burden: [Double] = []
        let types = Dictionary(config.tumorTypes.map { ($0.code, $0) }, uniquingKeysWith: { a, _ in a })
        for (s, p) in patients.enumerated() {
            var rng = SimulatorRandom(seed: config.seed, stream: 0x4745_4E4F_0000_0000 | UInt64(p.index))
            mutations += drawMutations(p, &rng)
            let type = types[p.tumorType]!
            let b = exp(rng.normal(0, 0.5))
            burden.append(b)
            var calls = genes.map { gene -> Int in
                let lossBoost = gene == "PTEN" ? 3.0 : 1.0
                let u = rng.uniform()
                let gain = min(0.45, type.cnvGainProbability * b), loss = min(0.45, type.cnvLossProbability * b * lossBoost)
                if u < gain { return rng.bernoulli(0.25) ? 2 : 1 }
                if u < gain + loss { return rng.bernoulli(0.25) ? -2 : -1 }
                return 0
            }
            if let i = genes.firstIndex(of: "CD274"), calls[i] == 2 {
                for g in ["PDCD1LG2", "JAK2"] { if let j = genes.firstIndex(of: g) { calls[j] = 2 } }
            }
            let logitTPS = log(p.pdl1TPS / (1 - p.pdl1TPS))
            for (g, gene) in genes.enumerated() {
                let (base, load) = Self.expressionModel(gene)
                var l = base + load * p.gepLatent + 0.5 * Double(calls[g]) + rng.normal(0, 0.35)
                if gene == "CD274" { l += 0.6 * logitTPS }
                cnv[g][s] = calls[g]
                expr[g][s] = (pow(2, max(l, 0)) - 1).rounded(toPlaces: 2)
            }
        }
        let samples = patients.map(\.sampleID)
        return CohortGenomics(mutations: mutations, cnv: GeneMatrix(genes: genes, samples: samples, values: cnv),
                              expression: GeneMatrix(genes: genes, samples: samples, values: expr), cnvBurden: burden)
    }

    /// (base log2 expression, loading on the GEP latent) per gene.
    static func expressionModel(_ gene: String) -> (Double, Double) {
        if GeneCatalog.housekeeping.contains(gene) { return (gene == "ACTB" || gene == "GAPDH" ? 13 : 10, 0) }
        if GeneCatalog.gep18.contains(gene) || GeneCatalog.interferonExtra.contains(gene) {
            let h = Double(abs(gene.unicodeScalars.reduce(0) { ($0 &* 31) &+ Int($1.value) }) % 1000) / 1000
            let base = gene.hasPrefix("HLA") || gene == "STAT1" || gene == "PSMB10" ? 10 + h : 6 + 2 * h
            let load = gene == "CD276" ? 0.3 : 0.9 + 0.6 * h
            return (base, load)
        }
        return (8, 0)
    }

    // MARK: - Mutations

    private static let bases = ["A", "C", "G", "T"]
    private static let aminoAcids = Array("ACDEFGHIKLMNPQRSTVWY").map(String.init)

    private func drawMutations(_ p: Patient, _ rng: inout SimulatorRandom) -> [MutationRecord] {
        let n = max(rng.poisson(p.trueTMBPerMb * GeneCatalog.exomeSizeMb), p.mutatedDrivers.count)
        let silent = rng.poisson(0.35 * Double(n))
        var out: [MutationRecord] = []
        out.reserveCapacity(n + silent)
        for gene in p.mutatedDrivers {
            let locus = GeneCatalog.drivers.first { $0.symbol == gene }!
            out.append(driverMutation(p.sampleID, locus, &rng))
        }
        for _ in p.mutatedDrivers.count..<n {
            let locus = GeneCatalog.passenger(Int(rng.next() % UInt64(GeneCatalog.passengerCount)))
            let cls = ["Missense_Mutation", "Nonsense_Mutation", "Splice_Site", "Frame_Shift_Del", "Frame_Shift_Ins"][
                rng.categorical([0.88, 0.06, 0.025, 0.025, 0.01])]
            out.append(mutation(p.sampleID, locus, cls, &rng))
        }
        for _ in 0..<silent {
            let locus = GeneCatalog.passenger(Int(rng.next() % UInt64(GeneCatalog.passengerCount)))
            out.append(mutation(p.sampleID, locus, "Silent", &rng))
        }
        return out.sorted { (chromosomeRank($0.gene.chromosome), $0.position) < (chromosomeRank($1.gene.chromosome), $1.position) }
    }

    private func chromosomeRank(_ c: String) -> Int { Int(c) ?? 23 }

    private func driverMutation(_ sample: String, _ locus: GeneLocus, _ rng: inout SimulatorRandom) -> MutationRecord {
        var m: MutationRecord
        switch locus.symbol {
        case "KRAS":
            m = mutation(sample, locus, "Missense_Mutation", &rng)
            m.position = 25_398_284; m.referenceAllele = "C"
            m.proteinChange = ["p.G12C", "p.G12D", "p.G12V"][rng.categorical([0.4, 0.3, 0.3])]
            m.tumorAllele = ["p.G12C": "A", "p.G12D": "T", "p.G12V": "A"][m.proteinChange]!
        case "EGFR":
            m = mutation(sample, locus, "Missense_Mutation", &rng)
            m.position = 55_259_515; m.referenceAllele = "T"; m.tumorAllele = "G"; m.proteinChange = "p.L858R"
        case "STK11", "KEAP1", "PTEN", "B2M", "JAK1", "JAK2":
            m = mutation(sample, locus, ["Nonsense_Mutation", "Frame_Shift_Del", "Missense_Mutation"][rng.categorical([0.45, 0.25, 0.3])], &rng)
        default:
            m = mutation(sample, locus, "Missense_Mutation", &rng)
        }
        return m
    }

    private func mutation(_ sample: String, _ locus: GeneLocus, _ cls: String, _ rng: inout SimulatorRandom) -> MutationRecord {
        let pos = locus.start + Int(rng.next() % UInt64(max(locus.end - locus.start, 1)))
        let refIndex = Int(rng.next() % 4)
        let ref = Self.bases[refIndex], alt = Self.bases[(refIndex + 1 + Int(rng.next() % 3)) % 4]
        let codon = 1 + Int(rng.next() % 800)
        let aa = Self.aminoAcids[Int(rng.next() % 20)], aa2 = Self.aminoAcids[Int(rng.next() % 20)]
        let depth = 40 + Int(rng.next() % 160)
        let alt2 = max(3, Int(Double(depth) * rng.uniform(0.05, 0.6)))
        var m = MutationRecord(sampleID: sample, gene: locus, position: pos, variantClassification: cls,
                               variantType: "SNP", referenceAllele: ref, tumorAllele: alt,
                               proteinChange: "p.\(aa)\(codon)\(aa2)", refCount: depth - alt2, altCount: alt2)
        switch cls {
        case "Nonsense_Mutation": m.proteinChange = "p.\(aa)\(codon)*"
        case "Silent": m.proteinChange = "p.\(aa)\(codon)\(aa)"
        case "Splice_Site": m.proteinChange = "p.X\(codon)_splice"
        case "Frame_Shift_Del": m.variantType = "DEL"; m.tumorAllele = "-"; m.proteinChange = "p.\(aa)\(codon)fs"
        case "Frame_Shift_Ins": m.variantType = "INS"; m.referenceAllele = "-"; m.proteinChange = "p.\(aa)\(codon)fs"
        default: break
        }
        return m
    }
}

extension Double {
    /// Rounded to `places` decimals (for stable text output).
    func rounded(toPlaces places: Int) -> Double {
        let f = pow(10, Double(places))
        return (self * f).rounded() / f
    }
}
