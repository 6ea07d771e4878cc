import Survival

/// The Survival settings `tme stats` takes as options, named here so the CLI needs only Pipeline.
/// Tie handling of the Cox partial likelihood (`efron`, `breslow`).
public typealias CoxTies = CoxParameters.Ties
/// Transform of the Kaplan–Meier confidence interval (`log-log`, `log`, `plain`).
public typealias KaplanMeierIntervalTransform = ConfidenceInterval.Transform
