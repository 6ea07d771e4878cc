# Reference Breslow log partial likelihood for TapeReferenceTests.coxMatchesRSurvival.
# Run: Rscript cox_breslow_reference.R   (needs r-cran-survival)
# Evaluates the Cox log partial likelihood at beta = 1 for covariate x = eta (so the linear
# predictor is eta) without iterating, with Breslow ties and tied event/censor times.
library(survival)
time  <- c(5, 3, 3, 8, 1, 3, 8, 2, 5, 6)
event <- c(1, 1, 0, 1, 0, 1, 0, 1, 1, 0)
eta   <- c(0.5, -1.2, 0.3, 2.0, 0.0, 0.7, -0.4, 1.1, -0.8, 0.25)
fit <- coxph(Surv(time, event) ~ eta, ties = "breslow", init = 1, control = coxph.control(iter.max = 0))
cat(sprintf("%.10f\n", fit$loglik[1]))
