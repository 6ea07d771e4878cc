/// Settings of a Cox proportional-hazards fit (`CoxModel.fit`).
public struct CoxParameters: Codable, Sendable, Hashable {
    /// Handling of tied event times.
    public enum Ties: String, Codable, Sendable, Hashable, CaseIterable {
        /// Efron (1977) approximation — R's default and ours.
        case efron
        /// Breslow (1974) approximation — lifelines/SAS default.
        case breslow
    }

    /// Tie handling, default `.efron`.
    public var ties: Ties
    /// Ridge penalty λ ≥ 0 (unitless, on the covariates' own scale): maximises ℓ(β) − λ/2·Σβⱼ².
    /// Default 0 (no penalty). Use 0.01–10 for wide data (many genes) or collinear columns;
    /// standardise covariates first so one λ fits all.
    public var ridge: Double
    /// Maximum Newton–Raphson iterations, default 50, range 1–1000.
    public var maxIterations: Int
    /// Convergence: stop when |ℓₖ − ℓₖ₋₁| ≤ tolerance·|ℓₖ| (relative log-likelihood change). As
    /// Newton–Raphson converges quadratically, β̂ is then accurate far beyond printed digits
    /// (checked to 1e-6 against R at eps 1e-12). Default 1e-9 as R's `coxph.control(eps)`, range [1e-15, 1e-3].
    public var tolerance: Double
    /// Level of the hazard-ratio confidence intervals, default 0.95, range (0, 1).
    public var confidenceLevel: Double

    public init(ties: Ties = .efron, ridge: Double = 0, maxIterations: Int = 50,
                tolerance: Double = 1e-9, confidenceLevel: Double = 0.95) {
        self.ties = ties
        self.ridge = ridge
        self.maxIterations = maxIterations
        self.tolerance = tolerance
        self.confidenceLevel = confidenceLevel
    }

    func validate() throws {
        guard ridge >= 0, ridge.isFinite else {
            throw SurvivalError.invalidParameter(name: "ridge", reason: "must be finite and ≥ 0")
        }
        guard (1...1000).contains(maxIterations) else {
            throw SurvivalError.invalidParameter(name: "maxIterations", reason: "must be in 1...1000")
        }
        guard tolerance >= 1e-15, tolerance <= 1e-3 else {
            throw SurvivalError.invalidParameter(name: "tolerance", reason: "must be in [1e-15, 1e-3]")
        }
        guard confidenceLevel > 0, confidenceLevel < 1 else {
            throw SurvivalError.invalidParameter(name: "confidenceLevel", reason: "must be strictly between 0 and 1")
        }
    }
}

/// One named covariate column, a value per subject (numeric; dummy-code categories first).
public struct Covariate: Codable, Sendable, Hashable {
    public var name: String
    public var values: [Double]
    public init(name: String, values: [Double]) {
        self.name = name
        self.values = values
    }
}
