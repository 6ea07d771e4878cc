import Foundation

/// Cross-entropy of a logistic output, from its logit: −[y log σ(z) + (1 − y) log(1 − σ(z))]
/// = max(z, 0) − z·y + log(1 + e^(−|z|)), the form that neither overflows nor loses the small terms.
/// Shared by the response loss (`Tape.binaryCrossEntropy`) and the recalibration fit (`PlattScaling`).
enum LogisticLoss {
    static func value(logit z: Double, target y: Double) -> Double {
        max(z, 0) - z * y + Foundation.log1p(Foundation.exp(-abs(z)))
    }
}
