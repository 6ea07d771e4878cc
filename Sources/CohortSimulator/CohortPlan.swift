import Foundation

/// Which slides each patient gets and the seeds they are rendered with.
///
/// Every patient gets one H&E slide; PD-L1, CD8 and CD68 IHC slides are drawn per patient with the configured
/// fractions from the patient's own stream, so adding patients never changes earlier patients' slides.
public enum CohortPlan {
    public static func slides(config: CohortConfig, patients: [Patient]) -> [SlideJob] {
        var jobs: [SlideJob] = []
        for p in patients {
            var rng = SimulatorRandom(seed: config.seed, stream: 0x534C_4944_0000_0000 | UInt64(p.index))
            let s = config.slides
            var stains: [SlideStain] = [.he]
            if rng.bernoulli(s.pdl1Fraction) { stains.append(.pdl1) }
            if rng.bernoulli(s.cd8Fraction) { stains.append(.cd8) }
            if rng.bernoulli(s.cd68Fraction) { stains.append(.cd68) }
            for stain in stains {
                let id = "\(p.sampleID)-\(stain.fileTag)"
                jobs.append(SlideJob(slideID: id, patientIndex: p.index, stain: stain, fileName: id + ".tiff"))
            }
        }
        return jobs
    }

    /// Seed of one slide's optics and noise.
    public static func slideSeed(config: CohortConfig, patient: Int, stain: SlideStain) -> UInt64 {
        SimulatorRandom.mix(config.seed, 0x0051_1DE0_0000 | UInt64(patient) << 4 | UInt64(SlideStain.allCases.firstIndex(of: stain)!))
    }
}
