import BiomarkerStore

/// Compiles `ScreeningCriteria` into one parameterised SELECT over `tme.biomarker_summary`.
///
/// Each criterion is a fixed SQL predicate written here (its text never contains user data) with
/// its value bound as `$n`. PostgreSQL's three-valued logic gives each predicate true (passed),
/// false (failed) or NULL (not judged: the data is missing).
public struct ScreeningQuery: Sendable {
    public struct Criterion: Sendable, Hashable {
        /// Short label shown in tables, e.g. "TMB >= 10 mut/Mb".
        public let label: String
        let predicate: String
        /// SQL text expression of the measured value the verdict rests on (NULL when missing), shown beside it.
        let value: String
    }

    public let criteria: [Criterion]
    public let sql: String
    public let parameters: [any SQLParameter]

    static let genes = ["STK11", "KEAP1", "PTEN", "B2M", "JAK1", "JAK2", "POLE", "TP53", "KRAS", "EGFR"]
    static let measurable: [String: String] = [
        "tmb": "b.tmb_per_mb", "pdl1_tps": "b.pdl1_tps_percent", "pdl1_cps": "b.pdl1_cps",
        "gep": "b.gep_score", "phenotype": "b.immune_phenotype", "msi": "b.msi_status",
    ]
    static let phenotypes = ["inflamed", "excluded", "desert"]
    static let stageGroups = ["I", "II", "III", "IV"]

    /// `vocabularies`: the tumour-type and histology tables (`Vocabulary.load`), needed for those criteria.
    public init(cohort: String, criteria input: ScreeningCriteria, vocabularies: [Vocabulary: Vocabulary.Table] = [:]) throws {
        var parameters: [any SQLParameter] = [cohort]
        var criteria: [Criterion] = []
        func bind(_ value: any SQLParameter) -> String {
            parameters.append(value)
            return "$\(parameters.count)"
        }
        if let value = input.minTMBPerMb {
            try Self.requireFinite(value, "min_tmb_per_mb")
            criteria.append(Criterion(label: "TMB >= \(Self.number(value)) mut/Mb", predicate: "b.tmb_per_mb >= \(bind(value))::float8",
                                      value: "round(b.tmb_per_mb::numeric, 1)::text"))
        }
        if let value = input.minPDL1TPSPercent {
            try Self.requireFinite(value, "min_pdl1_tps_percent")
            criteria.append(Criterion(label: "PD-L1 TPS >= \(Self.number(value)) %", predicate: "b.pdl1_tps_percent >= \(bind(value))::float8",
                                      value: "round(b.pdl1_tps_percent::numeric, 1)::text"))
        }
        if let value = input.minPDL1CPS {
            try Self.requireFinite(value, "min_pdl1_cps")
            criteria.append(Criterion(label: "PD-L1 CPS >= \(Self.number(value))", predicate: "b.pdl1_cps >= \(bind(value))::float8",
                                      value: "round(b.pdl1_cps::numeric, 1)::text"))
        }
        if let value = input.minGEPScore {
            try Self.requireFinite(value, "min_gep_score")
            criteria.append(Criterion(label: "GEP >= \(Self.number(value))", predicate: "b.gep_score >= \(bind(value))::float8",
                                      value: "round(b.gep_score::numeric, 2)::text"))
        }
        if let values = input.phenotypes {
            let lowered = values.map { $0.lowercased() }
            if let bad = lowered.first(where: { !Self.phenotypes.contains($0) }) {
                throw ScreeningError.invalid(criterion: "phenotypes", reason: "\"\(bad)\" is not one of \(Self.phenotypes.joined(separator: ", "))")
            }
            criteria.append(Criterion(label: "phenotype in {\(lowered.joined(separator: ","))}",
                                      predicate: "b.immune_phenotype = ANY(\(bind(SQLTextArray(lowered)))::text[])",
                                      value: "b.immune_phenotype"))
        }
        if let value = input.maxECOG {
            criteria.append(Criterion(label: "ECOG <= \(value)", predicate: "b.ecog <= \(bind(value))::int", value: "b.ecog::text"))
        }
        if let values = input.stages {
            let groups = values.map { Self.stageGroup($0) }
            if let bad = zip(values, groups).first(where: { $0.1 == nil }) {
                throw ScreeningError.invalid(criterion: "stages", reason: "\"\(bad.0)\" is not a stage group (I, II, III, IV)")
            }
            criteria.append(Criterion(label: "stage in {\(groups.compactMap { $0 }.joined(separator: ","))}",
                                      predicate: "substring(upper(b.stage) from '^(IV|III|II|I)') = ANY(\(bind(SQLTextArray(groups.compactMap { $0 })))::text[])",
                                      value: "b.stage"))
        }
        for (vocabulary, values, column, raw) in [(Vocabulary.histology, input.histologies, "histology_code", "histology"),
                                                  (.tumorType, input.tumorTypes, "tumor_type_code", "tumor_type")] {
            guard let values else { continue }
            let key = vocabulary == .histology ? "histologies" : "tumor_types"
            guard let table = vocabularies[vocabulary] else {
                throw ScreeningError.invalid(criterion: key, reason: "the \(vocabulary.rawValue) vocabulary was not loaded from the database")
            }
            var nodes: [String] = []
            for value in values {
                guard let node = table.node(for: value) else { throw ScreeningError.unknownTerm(criterion: key, value: value, accepted: table.nodes) }
                nodes.append(node)
            }
            var selected: [String] = []
            for n in nodes { for d in table.subtree(n) where !selected.contains(d) { selected.append(d) } }
            // A patient whose value is outside the vocabulary has a NULL code: not judged, never silently failed.
            criteria.append(Criterion(label: "\(vocabulary.rawValue) in {\(nodes.joined(separator: ","))}",
                                      predicate: "b.\(column) = ANY(\(bind(SQLTextArray(selected)))::text[])",
                                      value: "b.\(raw)"))
        }
        if let value = input.maxLineOfTherapy {
            criteria.append(Criterion(label: "line <= \(value)", predicate: "b.line_of_therapy <= \(bind(value))::int",
                                      value: "b.line_of_therapy::text"))
        }
        if input.requireMSIHigh == true {
            criteria.append(Criterion(label: "MSI-H", predicate: "b.msi_status = 'MSI-H'", value: "b.msi_status"))
        }
        for name in input.requireMeasured ?? [] {
            guard let column = Self.measurable[name.lowercased()] else {
                throw ScreeningError.invalid(criterion: "require_measured",
                                             reason: "\"\(name)\" is not one of \(Self.measurable.keys.sorted().joined(separator: ", "))")
            }
            // Measured-or-not is always decidable: never NULL.
            criteria.append(Criterion(label: "\(name.lowercased()) measured", predicate: "\(column) IS NOT NULL",
                                      value: "CASE WHEN \(column) IS NULL THEN 'not measured' ELSE 'measured' END"))
        }
        for gene in input.excludeMutated ?? [] {
            let upper = gene.uppercased()
            guard Self.genes.contains(upper) else {
                throw ScreeningError.invalid(criterion: "exclude_mutated", reason: "\"\(gene)\" is not one of \(Self.genes.joined(separator: ", "))")
            }
            let flag = "b.\(upper.lowercased())_mutated"
            criteria.append(Criterion(label: "no \(upper) mutation", predicate: "NOT \(flag)",
                                      value: "CASE WHEN \(flag) THEN 'mutated' WHEN NOT \(flag) THEN 'wild-type' END"))
        }
        self.criteria = criteria
        self.parameters = parameters
        let columns = criteria.enumerated().map { "(\($0.element.predicate)) AS c\($0.offset), (\($0.element.value)) AS v\($0.offset)" }
        sql = "SELECT b.patient_id" + columns.map { ", " + $0 }.joined()
            + " FROM tme.biomarker_summary b WHERE b.cohort = $1 ORDER BY b.patient_id"
    }

    static func stageGroup(_ text: String) -> String? {
        let upper = text.uppercased().trimmingCharacters(in: .whitespaces)
        return stageGroups.sorted { $0.count > $1.count }.first { upper.hasPrefix($0) }
    }

    static func number(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e9 ? String(Int(value)) : String(value)
    }

    static func requireFinite(_ value: Double, _ name: String) throws {
        guard value.isFinite else { throw ScreeningError.invalid(criterion: name, reason: "must be a finite number") }
    }
}
