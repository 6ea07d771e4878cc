import Foundation
import Survival

/// Settings of the response prior (`LinearPrior`).
public struct LinearPriorSettings: Sendable, Hashable, Codable {
    /// Off by default, so networks trained before the prior existed keep their meaning.
    public var enabled: Bool
    /// Ridge penalty λ on the mean log-loss (standardised columns). Default 3, sensible 0.1–10.
    public var ridge: Double
    /// Multiplies λ for the slide's columns. The slide offers ~40 correlated bag means against 15
    /// genomic and 5 clinical values, so with a few hundred patients an even penalty lets them crowd
    /// out the sharper genomic signal. Default 9, sensible 1–100.
    public var slidePenaltyFactor: Double

    /// Weight κ of the slide prior's per-tile evidence in the attention scores (`LinearPrior.tileEvidence`);
    /// 0 (the default): attention is the network's alone. Sensible 0–2.
    public var attentionGuide: Double

    public init(enabled: Bool = false, ridge: Double = 3, slidePenaltyFactor: Double = 9, attentionGuide: Double = 0) {
        self.enabled = enabled
        self.ridge = ridge
        self.slidePenaltyFactor = slidePenaltyFactor
        self.attentionGuide = attentionGuide
    }

    /// Throws `invalidParameter` unless λ > 0, the slide factor > 0 and κ ≥ 0 (all finite).
    public func validate() throws {
        guard ridge > 0, ridge.isFinite else {
            throw FusionModelError.invalidParameter(name: "linearPrior.ridge", value: "\(ridge)", expected: "a finite λ > 0")
        }
        guard slidePenaltyFactor > 0, slidePenaltyFactor.isFinite else {
            throw FusionModelError.invalidParameter(name: "linearPrior.slidePenaltyFactor", value: "\(slidePenaltyFactor)",
                                                    expected: "a finite factor > 0")
        }
        guard attentionGuide >= 0, attentionGuide.isFinite else {
            throw FusionModelError.invalidParameter(name: "linearPrior.attentionGuide", value: "\(attentionGuide)",
                                                    expected: "a finite κ ≥ 0")
        }
    }
}

/// A ridge logistic regression of response on each modality's summary, fitted in closed form on the
/// training patients before the network trains, whose logit is added to the network's response logit
/// as a fixed offset (the network learns the residual; cf. offsets in GLMs, McCullagh & Nelder 1989 §6).
///
/// Why: with a few hundred patients the network's response head falls short of what a penalised linear
/// fit reaches on the same inputs (development cohort eval400devt128: network 0.782 AUC, this prior
/// alone ≈ 0.80, oracle 0.819; MODEL_EVALUATION.md), because nothing tells it how much to trust each
/// modality. The prior supplies that through a per-modality penalty.
///
/// Columns, for the present modalities in `Modality` order: the slide's bag mean of standardised tile
/// features, the standardised genomic vector, the standardised clinical vector; each column is
/// standardised again over the fitting patients. It minimises
///
///     (1/n) Σᵢ [log(1 + e^ηᵢ) − yᵢηᵢ] + (λ/2) Σⱼ cⱼ βⱼ²,   ηᵢ = β₀ + zᵢβ,
///
/// with cⱼ = `slidePenaltyFactor` for slide columns and 1 otherwise (β₀ unpenalised), by Newton–Raphson.
/// One prior is fitted per non-empty subset of the network's modalities, on the patients that have all of
/// them, so a patient scored without genomics gets the prior fitted without genomics (never an imputed
/// genomic vector). A subset with fewer than 10 labelled patients or only one class gets no prior
/// (offset 0). The coefficients, mapped back to unstandardised columns, are stored as frozen
/// parameters `prior.<subset>.coefficients` (1×p) and `prior.<subset>.intercept` (1×1).
public enum LinearPrior {
    public static let parameterPrefix = "prior."

    static func key(_ modalities: [Modality]) -> String {
        parameterPrefix + modalities.sorted().map(\.rawValue).joined(separator: "_")
    }

    /// Every non-empty subset of the network's modalities, each in `Modality` order.
    static func subsets(_ c: FusionNetworkConfiguration) -> [[Modality]] {
        let all = c.modalities.sorted()
        return (1..<(1 << all.count)).map { mask in all.indices.filter { mask & (1 << $0) != 0 }.map { all[$0] } }
    }

    /// Columns a modality contributes to the design row.
    static func width(_ m: Modality, _ c: FusionNetworkConfiguration) -> Int {
        switch m {
        case .slide: c.tileFeatures
        case .genomics: c.genomicFeatures
        case .clinical: c.clinicalFeatures
        }
    }

    /// Checks loaded prior tensors: every one belongs to a subset of the network's modalities, and a
    /// subset that has either tensor has both, with the shapes its design row needs. Throws
    /// `invalidParameter` for a stray tensor, `missingParameter` naming a missing or misshapen one.
    public static func validate(_ parameters: ParameterSet, configuration c: FusionNetworkConfiguration) throws {
        let keys = subsets(c).map(key)
        if let stray = parameters.names.first(where: { name in
            name.hasPrefix(parameterPrefix) && !keys.contains { name == $0 + ".coefficients" || name == $0 + ".intercept" }
        }) {
            throw FusionModelError.invalidParameter(name: stray, value: "an unexpected prior tensor",
                                                    expected: "prior tensors of \(keys.joined(separator: ", "))")
        }
        for subset in subsets(c) {
            let k = key(subset)
            guard parameters[k + ".coefficients"] != nil || parameters[k + ".intercept"] != nil else { continue }
            try parameters.require(k + ".coefficients", rows: 1, columns: subset.reduce(0) { $0 + width($1, c) })
            try parameters.require(k + ".intercept", rows: 1, columns: 1)
        }
    }

    /// The design row of a standardised patient for `modalities` (which it must all have).
    static func design(_ s: PatientSample, _ modalities: [Modality]) -> [Double] {
        var row: [Double] = []
        for m in modalities.sorted() {
            switch m {
            case .slide:
                // Bag mean (1/n)·1ᵀT by sgemv: this runs in every forward pass.
                let t = s.tiles!
                var mean = [Float](repeating: 0, count: t.columns)
                BLAS.gemm([Float](repeating: 1, count: t.rows), transposeA: false, t.values, transposeB: false,
                          m: 1, n: t.columns, k: t.rows, alpha: 1 / Float(t.rows), beta: 0, into: &mean)
                row += mean.map(Double.init)
            case .genomics: row += s.genomic!.map(Double.init)
            case .clinical: row += s.clinical!.map(Double.init)
            }
        }
        return row
    }

    /// Priors for every non-empty subset of `configuration.modalities`, fitted on standardised
    /// `samples` (training patients only). Throws `invalidParameter` for bad settings.
    public static func fit(_ samples: [PatientSample], configuration c: FusionNetworkConfiguration,
                           settings: LinearPriorSettings) throws -> ParameterSet {
        try settings.validate()
        var out = ParameterSet()
        for subset in subsets(c) {
            let usable = samples.filter { s in s.response != nil && Set(subset).isSubset(of: s.availableModalities) }
            let y = usable.map { $0.response! ? 1.0 : 0.0 }
            guard usable.count >= 10, y.contains(0), y.contains(1) else { continue }
            let x = usable.map { design($0, subset) }
            let penalties = subset.flatMap { m in
                [Double](repeating: settings.ridge * (m == .slide ? settings.slidePenaltyFactor : 1), count: width(m, c))
            }
            guard let (beta, intercept) = fitLogistic(x: x, y: y, penalties: penalties) else { continue }
            let k = key(subset)
            out[k + ".coefficients"] = Matrix(row: beta.map(Float.init))
            out[k + ".intercept"] = Matrix(scalar: Float(intercept))
        }
        return out
    }

    /// The prior's logit for a standardised patient whose usable modalities are `present`; 0 when no
    /// prior was fitted for that subset.
    static func logit(_ s: PatientSample, present: Set<Modality>, parameters: (String) -> Matrix?) -> Float {
        let k = key(Array(present))
        guard let beta = parameters(k + ".coefficients"), let b0 = parameters(k + ".intercept") else { return 0 }
        let row = design(s, Array(present))
        guard row.count == beta.count else { return 0 }
        var eta = Double(b0.values[0])
        for (x, w) in zip(row, beta.values) { eta += x * Double(w) }
        return Float(eta)
    }

    /// The slide-only prior's evidence per tile, standardised within the bag: the prior's slide term is
    /// the bag mean of eᵢ = zᵢβ (zᵢ the standardised tile, β the `prior.slide` coefficients), so eᵢ is the
    /// tile's contribution to the predicted log-odds of response; returned as (eᵢ − ē)/sd(e) (zeros for a
    /// constant bag). nil without a slide prior. With `attentionGuide` κ > 0 the attention scores become
    /// sᵢ + κ·ẽᵢ: attention is tilted towards the tiles that carry the evidence for response (cf. the
    /// positive-class attention branch of CLAM, Lu et al. 2021), and the network can still override it.
    static func tileEvidence(_ tiles: Matrix, parameters: (String) -> Matrix?) -> Matrix? {
        guard let beta = parameters(key([.slide]) + ".coefficients"), beta.count == tiles.columns else { return nil }
        var e = [Float](repeating: 0, count: tiles.rows)
        BLAS.gemm(tiles.values, transposeA: false, beta.values, transposeB: false,
                  m: tiles.rows, n: 1, k: tiles.columns, beta: 0, into: &e)
        let mean = e.reduce(0.0) { $0 + Double($1) } / Double(e.count)
        let sd = (e.reduce(0.0) { $0 + (Double($1) - mean) * (Double($1) - mean) } / Double(e.count)).squareRoot()
        return Matrix(column: e.map { sd > 1e-12 ? Float((Double($0) - mean) / sd) : 0 })
    }

    /// Penalised logistic regression by Newton–Raphson on internally standardised columns; returns the
    /// coefficients and intercept on the original columns, or nil if it does not converge in 100 steps.
    static func fitLogistic(x: [[Double]], y: [Double], penalties: [Double]) -> (beta: [Double], intercept: Double)? {
        let n = x.count, p = penalties.count
        var mean = [Double](repeating: 0, count: p), scale = mean
        for row in x { for j in 0..<p { mean[j] += row[j] / Double(n) } }
        for row in x { for j in 0..<p { scale[j] += (row[j] - mean[j]) * (row[j] - mean[j]) / Double(n) } }
        scale = scale.map { $0 > 1e-24 ? $0.squareRoot() : 0 }
        let z = x.map { row in (0..<p).map { scale[$0] > 0 ? (row[$0] - mean[$0]) / scale[$0] : 0 } }
        // Parameter vector θ = (β₀, β₁…βₚ).
        var theta = [Double](repeating: 0, count: p + 1)
        let rate = y.reduce(0, +) / Double(n)
        theta[0] = Foundation.log(rate / (1 - rate))
        for _ in 0..<100 {
            var gradient = [Double](repeating: 0, count: p + 1)
            var hessian = SymmetricMatrix(size: p + 1)
            for (row, yi) in zip(z, y) {
                var eta = theta[0]
                for j in 0..<p { eta += theta[j + 1] * row[j] }
                let prob = 1 / (1 + Foundation.exp(-eta)), w = prob * (1 - prob) / Double(n)
                let r = (prob - yi) / Double(n)
                // The design row with its intercept column is (1, row…). Only the Hessian's lower triangle
                // is accumulated: it is all `cholesky` reads.
                gradient[0] += r
                hessian[0, 0] += w
                for a in stride(from: 1, through: p, by: 1) {
                    let xa = row[a - 1]
                    gradient[a] += r * xa
                    hessian[a, 0] += w * xa
                    for b in 1...a { hessian[a, b] += w * xa * row[b - 1] }
                }
            }
            for j in 0..<p {
                gradient[j + 1] += penalties[j] * theta[j + 1]
                hessian[j + 1, j + 1] += penalties[j]
            }
            guard case .success(let factor) = hessian.cholesky(tolerance: 1e-14) else { return nil }
            let step = SymmetricMatrix.solve(factor: factor, size: p + 1, gradient)
            for a in 0...p { theta[a] -= step[a] }
            if step.map(abs).max()! < 1e-10 {
                var beta = [Double](repeating: 0, count: p), intercept = theta[0]
                for j in 0..<p where scale[j] > 0 {
                    beta[j] = theta[j + 1] / scale[j]
                    intercept -= beta[j] * mean[j]
                }
                return (beta, intercept)
            }
        }
        return nil
    }
}
