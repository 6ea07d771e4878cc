# Produces the reference values the SurvivalTests compare against.
#
#   cd Tests/SurvivalTests/Fixtures && Rscript make_reference.R
#
# Needs R with the `survival` package (Debian: r-cran-survival; made with survival 3.5.3).
# Writes:
#   lung.csv, veteran.csv   the public datasets shipped with R's survival package (see README.md)
#   km_*.csv                Kaplan-Meier tables (survfit, Greenwood, log and log-log CIs)
#   reference.csv           scalar results as key,value (medians, log-rank, Cox, concordance, cox.zph)
library(survival)
options(digits = 17)

write.csv(lung, "lung.csv", row.names = FALSE, na = "NA")
write.csv(veteran, "veteran.csv", row.names = FALSE, na = "NA")

fmt <- function(x) ifelse(is.na(x), "NA", sprintf("%.17g", x))
out <- character(0)
put <- function(key, value) out <<- c(out, paste0(key, ",", fmt(value)))

# MARK: - Kaplan-Meier
km_table <- function(data, formula, file, prefix) {
  f_log <- survfit(formula, data = data, conf.type = "log")
  f_ll <- survfit(formula, data = data, conf.type = "log-log")
  strata <- if (is.null(f_log$strata)) rep("all", length(f_log$time)) else
    rep(sub(".*=", "", names(f_log$strata)), f_log$strata)
  tab <- data.frame(group = strata, time = f_log$time, n_risk = f_log$n.risk,
                    n_event = f_log$n.event, n_censor = f_log$n.censor,
                    surv = fmt(f_log$surv), std_err_cumhaz = fmt(f_log$std.err),
                    lower_log = fmt(f_log$lower), upper_log = fmt(f_log$upper),
                    lower_loglog = fmt(f_ll$lower), upper_loglog = fmt(f_ll$upper))
  write.csv(tab, file, row.names = FALSE, quote = FALSE)
  for (type in c("log", "loglog")) {
    fit <- if (type == "log") f_log else f_ll
    q <- quantile(fit, probs = 0.5)
    groups <- if (is.null(fit$strata)) "all" else sub(".*=", "", names(fit$strata))
    for (i in seq_along(groups)) {
      key <- paste(prefix, groups[i], type, sep = ".")
      put(paste0(key, ".median"), as.vector(q$quantile)[i])
      put(paste0(key, ".median_lower"), as.vector(q$lower)[i])
      put(paste0(key, ".median_upper"), as.vector(q$upper)[i])
    }
  }
}
km_table(lung, Surv(time, status) ~ 1, "km_lung.csv", "km.lung")
km_table(lung, Surv(time, status) ~ sex, "km_lung_sex.csv", "km.lung_sex")
km_table(veteran, Surv(time, status) ~ celltype, "km_veteran_celltype.csv", "km.veteran_celltype")

# MARK: - Log-rank
logrank <- function(key, sd) {
  put(paste0(key, ".chisq"), sd$chisq)
  put(paste0(key, ".df"), length(sd$n) - 1)
  put(paste0(key, ".p"), pchisq(sd$chisq, length(sd$n) - 1, lower.tail = FALSE))
  groups <- sub(".*=", "", names(sd$n))
  obs <- if (is.matrix(sd$obs)) rowSums(sd$obs) else sd$obs
  exp <- if (is.matrix(sd$exp)) rowSums(sd$exp) else sd$exp
  for (i in seq_along(groups)) {
    put(paste0(key, ".observed.", groups[i]), obs[i])
    put(paste0(key, ".expected.", groups[i]), exp[i])
  }
}
logrank("logrank.lung_sex", survdiff(Surv(time, status) ~ sex, data = lung))
logrank("logrank.veteran_celltype", survdiff(Surv(time, status) ~ celltype, data = veteran))
logrank("logrank.veteran_celltype_strata_trt",
        survdiff(Surv(time, status) ~ celltype + strata(trt), data = veteran))
logrank("logrank.lung_sex_rho1", survdiff(Surv(time, status) ~ sex, data = lung, rho = 1))
logrank("logrank.veteran_celltype_rho0.5",
        survdiff(Surv(time, status) ~ celltype, data = veteran, rho = 0.5))

# MARK: - Cox
veteran$smallcell <- as.numeric(veteran$celltype == "smallcell")
veteran$adeno <- as.numeric(veteran$celltype == "adeno")
veteran$large <- as.numeric(veteran$celltype == "large")
lung_cc <- na.omit(lung[, c("time", "status", "age", "sex", "ph.ecog")])
ctl <- coxph.control(eps = 1e-12, toler.chol = 1e-14, iter.max = 100)
cox_ref <- function(key, formula, data) {
  for (ties in c("efron", "breslow")) {
    fit <- coxph(formula, data = data, ties = ties, control = ctl, model = TRUE)
    s <- summary(fit)
    k <- paste(key, ties, sep = ".")
    for (v in names(coef(fit))) {
      put(paste(k, "coef", v, sep = "."), coef(fit)[[v]])
      put(paste(k, "se", v, sep = "."), sqrt(diag(vcov(fit)))[[v]])
      put(paste(k, "p", v, sep = "."), s$coefficients[v, "Pr(>|z|)"])
      put(paste(k, "hr_lower", v, sep = "."), s$conf.int[v, "lower .95"])
      put(paste(k, "hr_upper", v, sep = "."), s$conf.int[v, "upper .95"])
    }
    put(paste(k, "loglik_null", sep = "."), fit$loglik[1])
    put(paste(k, "loglik", sep = "."), fit$loglik[2])
    put(paste(k, "lr", sep = "."), s$logtest[["test"]])
    put(paste(k, "wald", sep = "."), fit$wald.test)
    put(paste(k, "score", sep = "."), s$sctest[["test"]])
    put(paste(k, "concordance", sep = "."), fit$concordance[["concordance"]])
    if (ties == "breslow") {
      zero <- as.data.frame(t(setNames(rep(0, length(coef(fit))), names(coef(fit)))))
      sf <- survfit(fit, newdata = zero, ctype = 1, se.fit = FALSE)
      keep <- sf$n.event > 0
      write.csv(data.frame(time = sf$time[keep], cumhaz = fmt(sf$cumhaz[keep])),
                paste0("basehaz_", key, ".csv"), row.names = FALSE, quote = FALSE)
    }
    if (ties == "efron") {
      z <- cox.zph(fit)
      for (r in rownames(z$table)) {
        put(paste(k, "zph.chisq", r, sep = "."), z$table[r, "chisq"])
        put(paste(k, "zph.p", r, sep = "."), z$table[r, "p"])
      }
    }
  }
}
cox_ref("cox.lung", Surv(time, status) ~ age + sex + ph.ecog, lung_cc)
cox_ref("cox.veteran", Surv(time, status) ~ trt + karno + diagtime + age + prior +
          smallcell + adeno + large, veteran)

# MARK: - Concordance (higher score = higher risk, hence reverse = TRUE)
conc <- function(key, formula, data) {
  cc <- concordance(formula, data = data, reverse = TRUE)
  put(paste0(key, ".cindex"), cc$concordance)
  put(paste0(key, ".concordant"), cc$count[["concordant"]])
  put(paste0(key, ".discordant"), cc$count[["discordant"]])
  put(paste0(key, ".tied_risk"), cc$count[["tied.x"]])
}
conc("cindex.lung_age", Surv(time, status) ~ age, lung)
conc("cindex.lung_ecog", Surv(time, status) ~ ph.ecog, lung)
conc("cindex.veteran_karno", Surv(time, status) ~ karno, veteran)

writeLines(c("key,value", out), "reference.csv")
