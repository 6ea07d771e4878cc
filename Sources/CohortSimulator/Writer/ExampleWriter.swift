import Foundation
import SlideIO

/// Writes the 1:1 example tiles (one per immune phenotype, plus a PD-L1 IHC one) as PNG with the truth overlaid.
public enum ExampleWriter {
    /// Writes `example_<phenotype>_<stain>.png` files into `directory`; returns their paths.
    @discardableResult
    public static func write(config: CohortConfig, directory: String, size: Int = 512) throws -> [String] {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let patients = try CohortGenerator(config: config).patients()
        let textures = Textures()
        var paths: [String] = []
        var wanted: [(ImmunePhenotype, SlideStain)] = ImmunePhenotype.allCases.map { ($0, .he) }
        wanted.append((.inflamed, .pdl1))
        for (phenotype, stain) in wanted {
            // The patient of this phenotype with the median TIL density (a typical case).
            let candidates = patients.filter { $0.phenotype == phenotype }.sorted { $0.covariates.log10TILDensity < $1.covariates.log10TILDensity }
            guard let patient = stain == .pdl1 ? candidates.max(by: { $0.pdl1TPS < $1.pdl1TPS }) : candidates.dropFirst(candidates.count / 2).first
            else { continue }
            let tissue = SlideTissue(patient: patient, config: config)
            let renderer = SlideRenderer(tissue: tissue, stain: stain, config: config, textures: textures,
                                         slideSeed: CohortPlan.slideSeed(config: config, patient: patient.index, stain: stain))
            let tile = ExampleTile.render(renderer: renderer, size: size)
            let path = directory + "/example_\(phenotype.rawValue)_\(stain.fileTag).png"
            let png = PNGEncoder.encode(width: 2 * size, height: size, channels: 3, pixels: tile.rgb)
            guard FileManager.default.createFile(atPath: path, contents: Data(png)) else {
                throw SimulatorError.writeFailed(path: path, reason: "cannot create file")
            }
            paths.append(path)
        }
        return paths
    }
}
