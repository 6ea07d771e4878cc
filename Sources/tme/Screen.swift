import ArgumentParser
import Foundation
import Pipeline

struct Screen: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "screen",
        abstract: "Screen a cohort against trial criteria; every patient gets pass / FAIL / not judged per criterion.",
        discussion: """
            Criteria come from flags or a JSON file (--criteria), not both. A criterion whose data is \
            missing is "not judged"; a patient is eligible when every criterion passed. Each cell shows the \
            verdict and the measured value it rests on. Tumour types and histologies resolve through the \
            vocabularies in the database; an unknown value exits 2 and lists the accepted ones.
            """)

    @Option(help: "Cohort name (as given to tme ingest).") var cohort: String
    @Option(help: "JSON file of criteria (keys as in the flags, snake_case: min_tmb_per_mb, phenotypes, …).")
    var criteria: String?
    @Option(name: .customLong("min-tmb"), help: "TMB >= X mutations/Mb.") var minTMB: Double?
    @Option(name: .customLong("min-tps"), help: "PD-L1 TPS >= X percent.") var minTPS: Double?
    @Option(name: .customLong("min-cps"), help: "PD-L1 CPS >= X.") var minCPS: Double?
    @Option(name: .customLong("min-gep"), help: "T-cell-inflamed GEP score >= X.") var minGEP: Double?
    @Option(name: .customLong("phenotype"), help: "Immune phenotype allowed (repeatable): inflamed, excluded, desert.")
    var phenotypes: [String] = []
    @Option(name: .customLong("max-ecog"), help: "ECOG performance status <= X.") var maxECOG: Int?
    @Option(name: .customLong("stage"), help: "Stage group allowed (repeatable): I, II, III, IV.") var stages: [String] = []
    @Option(name: .customLong("histology"), help: "Histology allowed (repeatable): a term of tme.histologies or a synonym, e.g. adenocarcinoma, squamous cell carcinoma, melanoma; narrower terms are included.")
    var histologies: [String] = []
    @Option(name: .customLong("tumor-type"), help: "Tumor type allowed (repeatable): an OncoTree code, name or synonym of tme.tumor_types, e.g. NSCLC (selects LUAD, LUSC, …), SKCM, melanoma, BLCA; descendants are included.")
    var tumorTypes: [String] = []
    @Option(name: .customLong("max-line"), help: "Line of therapy <= X.") var maxLine: Int?
    @Flag(name: .customLong("msi-high"), help: "Require MSI-H.") var msiHigh = false
    @Option(name: .customLong("require"), help: "Biomarker that must be measured (repeatable): tmb, pdl1_tps, pdl1_cps, gep, phenotype, msi.")
    var required: [String] = []
    @Option(name: .customLong("exclude-mutated"), help: "Exclude patients with a mutation in this gene (repeatable), e.g. STK11.")
    var excluded: [String] = []
    @Option(help: "Output: table, tsv or json.") var format: ScreeningResult.Format = .table

    func validate() throws {
        if criteria != nil && flagCriteria != ScreeningCriteria() {
            throw ValidationError("give criteria either as flags or with --criteria FILE, not both")
        }
    }

    var flagCriteria: ScreeningCriteria {
        var c = ScreeningCriteria()
        c.minTMBPerMb = minTMB; c.minPDL1TPSPercent = minTPS; c.minPDL1CPS = minCPS; c.minGEPScore = minGEP
        c.phenotypes = phenotypes.isEmpty ? nil : phenotypes
        c.maxECOG = maxECOG
        c.stages = stages.isEmpty ? nil : stages
        c.histologies = histologies.isEmpty ? nil : histologies
        c.tumorTypes = tumorTypes.isEmpty ? nil : tumorTypes
        c.maxLineOfTherapy = maxLine
        c.requireMSIHigh = msiHigh ? true : nil
        c.requireMeasured = required.isEmpty ? nil : required
        c.excludeMutated = excluded.isEmpty ? nil : excluded
        return c
    }

    func run() async throws {
        let chosen = try criteria.map { try ScreeningCriteria.load(URL(fileURLWithPath: $0)) } ?? flagCriteria
        let connection = try Workspace.locate().openDatabase(log: note)
        do {
            print(try ScreeningResult.run(chosen, cohort: cohort, on: connection).rendered(as: format))
        } catch let error as ScreeningError {
            // A criterion the vocabularies do not know is a usage error (exit 2), naming the accepted values.
            if case .unknownCohort = error { throw error }
            throw ValidationError(error.description)
        }
    }
}

extension ScreeningResult.Format: ExpressibleByArgument {}
