import Foundation

/// Draws the patients of a cohort from the generative model of `CohortConfig` (see README.md).
///
/// Order of draws per patient i (own stream `seed ⊕ i`): tumor type, age, sex, stage, ECOG, line, prior
/// therapy, true TMB (log-normal; ×8 with a POLE mutation), driver mutations, immune score u, phenotype,
/// lymphocyte densities, PD-L1 TPS, GEP latent. Then, on a second stream per patient, the outcomes:
/// response ~ Bernoulli(σ(β0 + β·x)) with β0 solved so that mean σ = target rate; OS and PFS by Weibull PH
/// inversion T = (−ln U / (λ e^η))^(1/k), λ = ln 2 / median^k; censoring C = F(1 − a·U′) with F solved so
/// that the expected OS event fraction equals the target. PFS = min(progression, death), censored at C.
public struct CohortGenerator: Sendable {
    public let config: CohortConfig

    public init(config: CohortConfig) throws {
        try config.validate()
        self.config = config
    }

    /// All patients, in index order. Deterministic for the config.
    public func patients() -> [Patient] { generate().patients }

    /// All patients and the solved calibration constants of the outcome model.
    public func generate() -> (patients: [Patient], constants: OutcomeConstants) {
        var patients = (0..<config.patientCount).map { drawBiology(index: $0) }
        let constants = drawOutcomes(&patients)
        return (patients, constants)
    }

    // MARK: - Biology

    private func drawBiology(index i: Int) -> Patient {
        var rng = SimulatorRandom(seed: config.seed, stream: UInt64(i) &+ 1)
        let c = config.clinical
        let type = config.tumorTypes[rng.categorical(config.tumorTypes.map(\.weight))]
        let age = Int(min(90, max(18, rng.normal(c.ageMeanYears, c.ageSDYears))).rounded())
        let sex = rng.bernoulli(c.maleFraction) ? "Male" : "Female"
        let stage = ["III", "IV"][rng.categorical(c.stageProbabilities)]
        let ecog = rng.categorical(c.ecogProbabilities)
        let line = 1 + rng.categorical(c.lineProbabilities)
        let prior = line == 1 ? "None" : ["Platinum chemotherapy", "Targeted therapy", "Chemoradiotherapy"][rng.categorical([0.6, 0.2, 0.2])]

        // Drivers, with STK11–KEAP1 co-occurrence and EGFR–KRAS exclusivity.
        var drivers: [String] = []
        for gene in GeneCatalog.drivers.map(\.symbol) {
            var p = type.driverMutationProbability[gene] ?? 0.02
            if gene == "KEAP1", drivers.contains("STK11") { p = max(p, 0.5) }
            if gene == "KRAS", drivers.contains("EGFR") { p = 0 }
            if rng.bernoulli(p) { drivers.append(gene) }
        }
        var tmb = exp(rng.normal(log(type.tmbMedianPerMb), type.tmbLogSD))
        if drivers.contains("POLE") { tmb *= 8 }
        tmb = min(max(tmb, 0.05), 500)

        let im = config.immune
        let stk11 = drivers.contains("STK11") ? 1.0 : 0.0
        let b2m = drivers.contains("B2M") ? 1.0 : 0.0
        let u = im.tmbWeight * (log2(tmb) - log2(im.tmbReferencePerMb)) - im.stk11Weight * stk11
            - im.b2mWeight * b2m + rng.normal(0, im.noiseSD)
        let phenotype: ImmunePhenotype = u < im.desertBelow ? .desert : (u < im.excludedBelow ? .excluded : .inflamed)
        let base = im.lymphocyteDensity[phenotype.rawValue] ?? RegionDensity(tumor: 0, stroma: 0)
        let m = exp(rng.normal(0, im.lymphocyteLogSD))
        let density = RegionDensity(tumor: base.tumor * m, stroma: base.stroma * m)
        let logitTPS = im.pdl1Intercept + im.pdl1Slope * u + rng.normal(0, im.pdl1NoiseSD)
        let tps = 1 / (1 + exp(-logitTPS))
        let macFraction = 1 / (1 + exp(-(logitTPS + 1)))
        let uSD = (im.tmbWeight * im.tmbWeight + im.noiseSD * im.noiseSD).squareRoot()
        let rho = im.gepCorrelation
        let gep = rho * u / uSD + (1 - rho * rho).squareRoot() * rng.normal()
        let f = config.slides.tumorFraction
        let overall = f * density.tumor + (1 - f) * density.stroma
        let x = PatientCovariates(log2TMB: log2(tmb), log10TILDensity: log10(max(overall, 1)), pdl1TPS: tps,
                                  gep: gep, ecog: Double(ecog), stk11: stk11)
        let id = String(format: "SIM-%04d", i + 1)
        return Patient(patientID: id, sampleID: id + "-T1", index: i, ageYears: age, sex: sex, tumorType: type.code,
                       cancerType: type.cancerType, histology: type.histology, stage: stage, ecog: ecog,
                       lineOfTherapy: line, priorTherapy: prior, trueTMBPerMb: tmb, mutatedDrivers: drivers,
                       immuneScore: u, phenotype: phenotype, lymphocyteDensity: density, pdl1TPS: tps,
                       pdl1MacrophageFraction: macFraction, gepLatent: gep, covariates: x,
                       responseLinearPredictor: 0, responseProbability: 0, bestResponse: .PD,
                       osLinearPredictor: 0, pfsLinearPredictor: 0, osMonths: 0, osEvent: false,
                       pfsMonths: 0, pfsEvent: false)
    }

    // MARK: - Outcomes

    private func drawOutcomes(_ patients: inout [Patient]) -> OutcomeConstants {
        let r = config.response, s = config.survival
        let beta = patients.map { $0.covariates.dot(r.coefficients) }
        let beta0 = OutcomeCalibration.logisticIntercept(linearParts: beta, targetMean: r.targetRate)
        let osRaw = patients.map { $0.covariates.dot(s.os.coefficients) }
        let pfsRaw = patients.map { $0.covariates.dot(s.pfs.coefficients) }
        let osMean = osRaw.reduce(0, +) / Double(osRaw.count), pfsMean = pfsRaw.reduce(0, +) / Double(pfsRaw.count)
        let etaOS = osRaw.map { $0 - osMean }, etaPFS = pfsRaw.map { $0 - pfsMean }
        let lambdaOS = log(2) / pow(s.os.medianMonths, s.os.shape)
        let lambdaPFS = log(2) / pow(s.pfs.medianMonths, s.pfs.shape)
        let followUp = OutcomeCalibration.followUp(eta: etaOS, lambda: lambdaOS, shape: s.os.shape,
                                                   accrualFraction: s.accrualFraction, targetEventRate: s.targetEventRate)
        for i in patients.indices {
            var rng = SimulatorRandom(seed: config.seed, stream: 0x4F55_5443_0000_0000 | UInt64(i))
            let lp = beta0 + beta[i]
            let p = 1 / (1 + exp(-lp))
            let responded = rng.bernoulli(p)
            let best: BestResponse = responded ? (rng.bernoulli(r.completeFraction) ? .CR : .PR)
                                               : (rng.bernoulli(r.stableFraction) ? .SD : .PD)
            let death = weibullTime(&rng, lambda: lambdaOS, shape: s.os.shape, eta: etaOS[i])
            let progression = weibullTime(&rng, lambda: lambdaPFS, shape: s.pfs.shape, eta: etaPFS[i])
            let censor = followUp * (1 - s.accrualFraction * rng.uniform())
            let pfsTrue = min(death, progression)
            patients[i].responseLinearPredictor = lp
            patients[i].responseProbability = p
            patients[i].bestResponse = best
            patients[i].osLinearPredictor = etaOS[i]
            patients[i].pfsLinearPredictor = etaPFS[i]
            patients[i].osMonths = min(death, censor)
            patients[i].osEvent = death <= censor
            patients[i].pfsMonths = min(pfsTrue, censor)
            patients[i].pfsEvent = pfsTrue <= censor
        }
        return OutcomeConstants(responseIntercept: beta0, osLambda: lambdaOS, pfsLambda: lambdaPFS,
                                osCentering: osMean, pfsCentering: pfsMean, followUpMonths: followUp)
    }

    /// Weibull PH time by inversion: T = (−ln U / (λ e^η))^(1/k).
    private func weibullTime(_ rng: inout SimulatorRandom, lambda: Double, shape: Double, eta: Double) -> Double {
        let u = max(rng.uniform(), 1e-300)
        return pow(-log(u) / (lambda * exp(eta)), 1 / shape)
    }

}

/// The constants solved while drawing outcomes (written to the truth file).
public struct OutcomeConstants: Sendable, Hashable, Codable {
    /// β0 of the response model.
    public var responseIntercept: Double
    /// Weibull scales λ (per month^k) of OS and PFS.
    public var osLambda: Double
    public var pfsLambda: Double
    /// x̄·γ subtracted from γ·x so that η has cohort mean 0.
    public var osCentering: Double
    public var pfsCentering: Double
    /// Administrative follow-up F, months.
    public var followUpMonths: Double
}
