import Foundation
import Survival

/// `tme stats cox`: a Cox proportional-hazards fit of a table with its summary.
public struct CoxReport: Sendable {
    public var model: CoxModel
    public var droppedRows: Int

    public init(table: SurvivalTable, time: String, event: String, covariates: [String],
                parameters: CoxParameters = CoxParameters()) throws {
        let cols = try table.columns(time: time, event: event, numeric: covariates)
        model = try CoxModel.fit(times: cols.times, events: cols.events,
                                 covariates: covariates.map { Covariate(name: $0, values: cols.numeric[$0]!) },
                                 parameters: parameters)
        droppedRows = cols.droppedRows
    }

    /// `{"n","events","ties","coefficients":[{name, coef, se, z, p, hr, hr_ci_lower, hr_ci_upper}],
    /// "log_likelihood","log_likelihood_null","lr_test":{chi2, df, p},"concordance"}`.
    public var json: StatsJSON {
        let s = model.summary
        return .object([
            ("n", .int(model.subjects)), ("events", .int(model.events)), ("ties", .string(model.parameters.ties.rawValue)),
            ("coefficients", .array(s.rows.map { r in
                .object([
                    ("name", .string(r.name)), ("coef", .number(r.coefficient)), ("se", .number(r.standardError)),
                    ("z", .number(r.z)), ("p", .number(r.p)), ("hr", .number(r.hazardRatio)),
                    ("hr_ci_lower", .number(r.hazardRatioLower)), ("hr_ci_upper", .number(r.hazardRatioUpper)),
                ])
            })),
            ("log_likelihood", .number(s.logLikelihood)), ("log_likelihood_null", .number(s.logLikelihoodNull)),
            ("lr_test", .object([("chi2", .number(s.likelihoodRatio.chiSquare)),
                                 ("df", .int(s.likelihoodRatio.degreesOfFreedom)), ("p", .number(s.likelihoodRatio.p))])),
            ("concordance", .number(s.concordance)),
        ])
    }

    public var text: String {
        let s = model.summary
        var out = "n = \(model.subjects), events = \(model.events), ties = \(model.parameters.ties.rawValue)"
            + (model.parameters.ridge > 0 ? ", ridge = \(StatsText.number(model.parameters.ridge))" : "") + "\n\n"
        out += StatsText.pad(["covariate", "coef", "exp(coef)", "se(coef)", "z", "p", "lower .95", "upper .95"], width: 12) + "\n"
        for r in s.rows {
            out += StatsText.pad([r.name, StatsText.number(r.coefficient, 5), StatsText.number(r.hazardRatio, 5), StatsText.number(r.standardError, 5), StatsText.number(r.z, 4),
                        StatsText.number(r.p, 3), StatsText.number(r.hazardRatioLower, 4), StatsText.number(r.hazardRatioUpper, 4)], width: 12) + "\n"
        }
        out += "\nConcordance = \(StatsText.number(s.concordance, 4))\n"
        out += "Log-likelihood = \(StatsText.number(s.logLikelihood, 8)) (null \(StatsText.number(s.logLikelihoodNull, 8)))\n"
        for (name, t) in [("Likelihood ratio test", s.likelihoodRatio), ("Wald test", s.wald), ("Score (logrank) test", s.score)] {
            out += "\(name) = \(StatsText.number(t.chiSquare, 6)) on \(t.degreesOfFreedom) df, p = \(StatsText.number(t.p, 4))\n"
        }
        return out
    }
}
