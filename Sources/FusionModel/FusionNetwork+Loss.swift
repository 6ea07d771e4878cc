extension FusionNetwork {
    /// Training loss of a batch of (standardised) patients:
    ///
    ///     L = w_r · BCE(response logits, CR/PR labels) + w_s · CoxNLL(η, times, events)
    ///
    /// BCE is averaged over patients with an evaluable response; the Cox term is the Breslow negative
    /// log partial likelihood over the batch's risk sets divided by its number of events (see
    /// `Tape.coxPartialLikelihood`). A term without labels in the batch is left out.
    public func loss(_ samples: [PatientSample], _ pass: inout ForwardPass,
                     responseWeight: Float, survivalWeight: Float) throws -> Variable {
        let t = pass.tape
        var logits: [Variable] = [], labels: [Float] = []
        var risks: [Variable] = [], times: [Double] = [], events: [Bool] = []
        for (i, s) in samples.enumerated() {
            let out = try forward(s, index: i, &pass)
            if let r = s.response {
                logits.append(out.responseLogit)
                labels.append(r ? 1 : 0)
            }
            if let o = s.survival {
                risks.append(out.risk)
                times.append(o.timeMonths)
                events.append(o.event)
            }
        }
        var terms: [Variable] = []
        if !logits.isEmpty && responseWeight > 0 {
            terms.append(t.scale(try t.binaryCrossEntropy(logits: t.concatRows(logits), labels: labels), by: responseWeight))
        }
        if !risks.isEmpty && survivalWeight > 0 {
            terms.append(t.scale(try t.coxPartialLikelihood(risk: t.concatRows(risks), times: times, events: events),
                                 by: survivalWeight))
        }
        guard let first = terms.first else { return t.constant(Matrix(scalar: 0)) }
        return try terms.dropFirst().reduce(first) { try t.add($0, $1) }
    }
}
