import BiomarkerStore
import FusionModel
import Foundation

extension CohortModelData {
    /// Loads a cohort's model inputs: patients with clinical values and outcomes (objective response
    /// CR/PR vs SD/PD, NE as unknown; overall survival), the first sample's genomic biomarkers and
    /// CD274 expression, and the tile feature vectors of the first H&E slide with stored features
    /// (at most `maxTilesPerPatient`, seeded subsample, see `TileSampler`). Tiles with a non-finite
    /// feature are left out. Throws `unknownCohort`, `inconsistentTileFeatures`, `malformedArray`.
    public static func load(cohort name: String, on connection: Connection,
                            parameters: ModelDataParameters = ModelDataParameters()) throws -> CohortModelData {
        guard let cohortRow = try connection.query(ModelSQL.selectCohort, [name], name: "model_select_cohort").first else {
            throw ModelPipelineError.unknownCohort(name)
        }
        let cohortID: Int = try cohortRow.decode("cohort_id")
        let sourcePath: String? = try cohortRow.decode("source_path")
        var patients: [CohortModelPatient] = []
        var position: [Int: Int] = [:]
        for r in try connection.query(ModelSQL.selectPatients, [cohortID], name: "model_select_patients") {
            let pk: Int = try r.decode("patient_pk")
            var missing: [Modality: String] = [:]
            let clinical: [Float]?
            switch ModelInputEncoding.clinical(ageYears: try r.decode("age_years"), sex: try r.decode("sex"),
                                               ecog: try r.decode("ecog"), stage: try r.decode("stage"),
                                               line: try r.decode("line_of_therapy")) {
            case .success(let v): clinical = v
            case .failure(let m): clinical = nil; missing[.clinical] = "no \(m.component)"
            }
            let os: Double? = try r.decode("os_months")
            let event: Bool? = try r.decode("os_event")
            let survival = os.flatMap { t in event.map { SurvivalOutcome(timeMonths: max(t, 1e-3), event: $0) } }
            let sample = PatientSample(id: try r.decode("patient_id"), clinical: clinical,
                                       response: try r.decode("objective_response"), survival: survival)
            missing[.genomics] = "no genomic biomarkers"
            missing[.slide] = "no quantified H&E slide"
            position[pk] = patients.count
            patients.append(CohortModelPatient(patientPK: pk, sample: sample, tileKeys: [], missing: missing))
        }
        try loadGenomics(cohortID, connection, position, &patients)
        let names = try loadTiles(cohortID, connection, position, parameters, &patients)
        return CohortModelData(cohortID: cohortID, cohortName: name, sourcePath: sourcePath,
                               featureNames: ModelFeatureNames(tile: names), patients: patients, parameters: parameters)
    }

    private static func loadGenomics(_ cohortID: Int, _ connection: Connection, _ position: [Int: Int],
                                     _ patients: inout [CohortModelPatient]) throws {
        let flagColumns = ModelInputEncoding.keyGenes.map { $0.lowercased() + "_mutated" }
        for r in try connection.query(ModelSQL.selectGenomics, [cohortID], name: "model_select_genomics") {
            guard let i = position[try r.decode("patient_pk")] else { continue }
            let values = ModelInputEncoding.GenomicValues(
                tmbPerMb: try r.decode("tmb_per_mb"), gepScore: try r.decode("gep_score"),
                ifngScore: try r.decode("ifng_score"), cd274Value: try r.decode("cd274_value"),
                cd274Unit: try r.decode("cd274_unit"), mutated: try flagColumns.map { try r.decode($0, as: Bool?.self) },
                cnvBurdenFraction: try r.decode("cnv_burden_fraction"))
            switch ModelInputEncoding.genomic(values) {
            case .success(let v): patients[i].sample.genomic = v; patients[i].missing[.genomics] = nil
            case .failure(let m): patients[i].missing[.genomics] = "no \(m.component)"
            }
        }
    }

    private static func loadTiles(_ cohortID: Int, _ connection: Connection, _ position: [Int: Int],
                                  _ parameters: ModelDataParameters, _ patients: inout [CohortModelPatient]) throws -> [String] {
        var featureNames: [String]?
        for s in try connection.query(ModelSQL.selectSlides, [cohortID], name: "model_select_slides") {
            guard let i = position[try s.decode("patient_pk")] else { continue }
            let slidePK: Int = try s.decode("slide_pk")
            let namesJSON: String = try s.decode("names")
            let names = try JSONDecoder().decode([String].self, from: Data(namesJSON.utf8))
            if let expected = featureNames, expected != names {
                throw ModelPipelineError.inconsistentTileFeatures(expected: expected, found: names)
            }
            featureNames = names
            var keys: [TileKey] = [], rows: [[Float]] = []
            for t in try connection.query(ModelSQL.selectTileFeatures, [slidePK], name: "model_select_tile_features") {
                guard let v = ModelInputEncoding.parseRealArray(try t.decode("features")), v.count == names.count else {
                    throw ModelPipelineError.malformedArray(table: "tme.tile_features", column: "features")
                }
                guard v.allSatisfy(\.isFinite) else { continue }
                keys.append(TileKey(slidePK: slidePK, level: try t.decode("level"), xPx: try t.decode("x_px"), yPx: try t.decode("y_px")))
                rows.append(v)
            }
            let chosen = TileSampler.positions(count: rows.count, limit: parameters.maxTilesPerPatient,
                                               seed: parameters.seed, slidePK: slidePK)
            guard !chosen.isEmpty else { continue }
            patients[i].tileKeys = chosen.map { keys[$0] }
            patients[i].sample.tiles = try Matrix(rows: chosen.count, columns: names.count, values: chosen.flatMap { rows[$0] })
            patients[i].missing[.slide] = nil
        }
        return featureNames ?? []
    }
}
