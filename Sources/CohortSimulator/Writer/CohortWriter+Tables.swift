import Foundation

/// The MAF columns written (GDC MAF core columns plus read counts).
let mafColumns = ["Hugo_Symbol", "Entrez_Gene_Id", "Center", "NCBI_Build", "Chromosome", "Start_Position",
                  "End_Position", "Strand", "Variant_Classification", "Variant_Type", "Reference_Allele",
                  "Tumor_Seq_Allele1", "Tumor_Seq_Allele2", "dbSNP_RS", "Tumor_Sample_Barcode",
                  "Matched_Norm_Sample_Barcode", "HGVSp_Short", "t_ref_count", "t_alt_count"]

extension CohortWriter {
    // MARK: - TMEScope tables

    static func clinicalTable(_ patients: [Patient]) -> TextFile {
        var f = TextFile()
        f.row(["patient_id", "sample_id", "age_years", "sex", "tumor_type", "cancer_type", "histology", "stage",
               "ecog", "line_of_therapy", "prior_therapy"])
        for p in patients {
            f.row([p.patientID, p.sampleID, String(p.ageYears), p.sex, p.tumorType, p.cancerType, p.histology, p.stage,
                   String(p.ecog), String(p.lineOfTherapy), p.priorTherapy])
        }
        return f
    }

    static func outcomesTable(_ patients: [Patient]) -> TextFile {
        var f = TextFile()
        f.row(["patient_id", "best_response", "objective_response", "os_months", "os_event", "pfs_months", "pfs_event"])
        for p in patients {
            f.row([p.patientID, p.bestResponse.rawValue, p.bestResponse.isObjectiveResponse ? "1" : "0",
                   fmt(p.osMonths, 2), p.osEvent ? "1" : "0", fmt(p.pfsMonths, 2), p.pfsEvent ? "1" : "0"])
        }
        return f
    }

    static func mafTable(_ mutations: [MutationRecord]) -> TextFile {
        var f = TextFile()
        f.line("#version 2.4")
        f.row(mafColumns)
        for m in mutations {
            let ref = m.referenceAllele
            f.row([m.gene.symbol, String(m.gene.entrez), "TMEScope-SIM", "GRCh37", m.gene.chromosome, String(m.position),
                   String(m.endPosition), "+", m.variantClassification, m.variantType, ref, ref, m.tumorAllele, "novel",
                   m.sampleID, m.sampleID.replacingOccurrences(of: "-T1", with: "-N1"), m.proteinChange,
                   String(m.refCount), String(m.altCount)])
        }
        return f
    }

    static func matrixTable<V>(_ m: GeneMatrix<V>, entrez: Bool, format: (V) -> String) -> TextFile {
        var f = TextFile()
        f.row((entrez ? ["Hugo_Symbol", "Entrez_Gene_Id"] : ["gene"]) + m.samples)
        for (g, gene) in m.genes.enumerated() {
            let id = entrez ? [gene, String(GeneCatalog.entrez[gene] ?? 0)] : [gene]
            f.row(id + m.values[g].map(format))
        }
        return f
    }

    // MARK: - Truth

    /// Observed TMB (nonsynonymous mutations / exome Mb) per sample.
    static func observedTMB(_ genomics: CohortGenomics) -> [String: Double] {
        var counts: [String: Int] = [:]
        for m in genomics.mutations where m.isNonsynonymous { counts[m.sampleID, default: 0] += 1 }
        return counts.mapValues { Double($0) / GeneCatalog.exomeSizeMb }
    }

    static func patientTruthTable(_ patients: [Patient], _ genomics: CohortGenomics) -> TextFile {
        let tmb = observedTMB(genomics)
        var f = TextFile()
        f.row(["patient_id", "sample_id", "tumor_type", "phenotype", "immune_score", "true_tmb_per_mb", "observed_tmb_per_mb",
               "lymphocyte_density_tumor_per_mm2", "lymphocyte_density_stroma_per_mm2", "x_log2_tmb",
               "x_log10_til_density", "x_pdl1_tps", "x_gep", "x_ecog", "x_stk11", "pdl1_macrophage_fraction",
               "response_linear_predictor", "response_probability", "os_linear_predictor", "pfs_linear_predictor",
               "mutated_drivers"])
        for p in patients {
            let x = p.covariates
            f.row([p.patientID, p.sampleID, p.tumorType, p.phenotype.rawValue, fmt(p.immuneScore), fmt(p.trueTMBPerMb),
                   fmt(tmb[p.sampleID] ?? 0), fmt(p.lymphocyteDensity.tumor, 1), fmt(p.lymphocyteDensity.stroma, 1),
                   fmt(x.log2TMB), fmt(x.log10TILDensity), fmt(x.pdl1TPS), fmt(x.gep), fmt(x.ecog, 0), fmt(x.stk11, 0),
                   fmt(p.pdl1MacrophageFraction), fmt(p.responseLinearPredictor, 6), fmt(p.responseProbability, 6),
                   fmt(p.osLinearPredictor, 6), fmt(p.pfsLinearPredictor, 6),
                   p.mutatedDrivers.isEmpty ? "-" : p.mutatedDrivers.joined(separator: ",")])
        }
        return f
    }

    static func slideManifest(_ jobs: [SlideJob], _ patients: [Patient], _ config: CohortConfig) -> TextFile {
        var f = TextFile()
        f.row(["slide_id", "patient_id", "sample_id", "stain", "path", "width_px", "height_px", "mpp", "cells_truth",
               "regions_truth", "geojson_truth"])
        for j in jobs {
            let p = patients[j.patientIndex], s = config.slides
            f.row([j.slideID, p.patientID, p.sampleID, j.stain.rawValue, "slides/" + j.fileName, String(s.widthPx),
                   String(s.heightPx), fmt(s.micronsPerPixel, 3), "truth/slides/\(j.slideID)_cells.tsv",
                   "truth/slides/\(j.slideID)_regions.png", "truth/slides/\(j.slideID).geojson"])
        }
        return f
    }
}
