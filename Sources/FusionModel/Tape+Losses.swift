import Foundation

extension Tape {
    /// Mean binary cross-entropy on logits: L = (1/n) Σᵢ [max(zᵢ, 0) − zᵢyᵢ + log(1 + e^(−|zᵢ|))],
    /// the numerically stable form of −[y log σ(z) + (1 − y) log(1 − σ(z))].
    /// ∂L/∂zᵢ = (σ(zᵢ) − yᵢ) / n. `logits` is n×1; `labels` are 0/1. An empty batch gives 0.
    public func binaryCrossEntropy(logits: Variable, labels: [Float]) throws -> Variable {
        let z = value(logits).values
        guard labels.count == z.count else {
            throw FusionModelError.shapeMismatch(operation: "binaryCrossEntropy", expected: "\(z.count) labels",
                                                 found: "\(labels.count)")
        }
        let n = Double(max(z.count, 1))
        var total = 0.0
        for (zi, yi) in zip(z.map(Double.init), labels.map(Double.init)) {
            total += LogisticLoss.value(logit: zi, target: yi)
        }
        return record(Matrix(scalar: Float(total / n)), inputs: [logits]) { tape, g in
            tape.accumulate(logits) { gz in
                for i in gz.indices {
                    let s = 1 / (1 + Foundation.exp(-Double(z[i])))
                    gz[i] += Float((s - Double(labels[i])) / n) * g.values[0]
                }
            }
        }
    }

    /// Negative Cox log partial likelihood with Breslow's handling of ties, divided by the number of
    /// events (Cox 1972; Breslow 1974):
    ///
    ///     L = −(1/D) Σ_{i: δᵢ=1} [ηᵢ − log Σ_{j: tⱼ ≥ tᵢ} e^(ηⱼ)]
    ///
    /// The risk set of each event is every patient *of this batch* still at risk (tⱼ ≥ tᵢ, so tied
    /// times share one denominator). ∂L/∂ηₖ = (1/D) [−δₖ + Σ_{i: δᵢ=1, tᵢ ≤ tₖ} e^(ηₖ)/Sᵢ].
    /// `risk` is n×1 (η, the log hazard ratio). With no event (D = 0) the loss and gradient are 0.
    /// Accumulation is in Double with η shifted by its maximum for stability.
    public func coxPartialLikelihood(risk: Variable, times: [Double], events: [Bool]) throws -> Variable {
        let eta = value(risk).values.map(Double.init)
        guard times.count == eta.count, events.count == eta.count else {
            throw FusionModelError.shapeMismatch(operation: "coxPartialLikelihood",
                                                 expected: "\(eta.count) times and events",
                                                 found: "\(times.count) times, \(events.count) events")
        }
        let d = Double(events.filter { $0 }.count)
        guard d > 0 else {
            return record(Matrix(scalar: 0), inputs: [risk]) { _, _ in }
        }
        let shift = eta.max() ?? 0
        let w = eta.map { Foundation.exp($0 - shift) }
        // Risk-set sums Sᵢ = Σ_{tⱼ ≥ tᵢ} wⱼ, by a descending-time sweep that adds tied times together.
        let order = times.indices.sorted { times[$0] > times[$1] }
        var riskSum = [Double](repeating: 0, count: eta.count)
        var running = 0.0, start = 0
        while start < order.count {
            var end = start
            while end < order.count && times[order[end]] == times[order[start]] { running += w[order[end]]; end += 1 }
            for p in start..<end { riskSum[order[p]] = running }
            start = end
        }
        var loss = 0.0
        for i in eta.indices where events[i] { loss -= eta[i] - (shift + Foundation.log(riskSum[i])) }
        return record(Matrix(scalar: Float(loss / d)), inputs: [risk]) { tape, g in
            // Σ_{i: δᵢ=1, tᵢ ≤ tₖ} 1/Sᵢ, by an ascending sweep over distinct times.
            let ascending = times.indices.sorted { times[$0] < times[$1] }
            var inverseSums = [Double](repeating: 0, count: eta.count)
            var cumulative = 0.0, s = 0
            while s < ascending.count {
                var e = s
                while e < ascending.count && times[ascending[e]] == times[ascending[s]] {
                    if events[ascending[e]] { cumulative += 1 / riskSum[ascending[e]] }
                    e += 1
                }
                for p in s..<e { inverseSums[ascending[p]] = cumulative }
                s = e
            }
            tape.accumulate(risk) { gr in
                for k in gr.indices {
                    let dk = (events[k] ? -1.0 : 0.0) + w[k] * inverseSums[k]
                    gr[k] += Float(dk / d) * g.values[0]
                }
            }
        }
    }
}
