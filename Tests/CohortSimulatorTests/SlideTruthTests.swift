import Foundation
import Testing
@testable import CohortSimulator

/// The cells of the truth reproduce the configured densities and phenotypes.
@Suite struct SlideTruthTests {
    /// Observed count within 4 Poisson SDs + 10 % of the expected count.
    func close(_ observed: Int, _ expected: Double) -> Bool {
        abs(Double(observed) - expected) <= 4 * expected.squareRoot() + 0.1 * expected + 1
    }

    @Test func classDensitiesPerPhenotypeMatchConfig() throws {
        let config = try TestConfig.small(patients: 300, side: 1536)
        let patients = try CohortGenerator(config: config).patients()
        var nestLymphocyteShare: [ImmunePhenotype: Double] = [:]
        for phenotype in ImmunePhenotype.allCases {
            let chosen = patients.filter { $0.phenotype == phenotype }.prefix(3)
            #expect(chosen.count == 3, "cohort has three \(phenotype) patients")
            var lymphInNests = 0, cellsInNests = 0
            for p in chosen {
                let tissue = SlideTissue(patient: p, config: config)
                let pop = tissue.population, cells = pop.cells
                let at = pop.tumorAreaSquareMillimetres, as_ = pop.stromaAreaSquareMillimetres
                func count(_ c: SimulatedCellClass, _ r: TissueRegion) -> Int { cells.filter { $0.cellClass == c && $0.region == r }.count }
                let tumor = count(.tumor, .tumor)
                #expect(abs(Double(tumor) / at / config.slides.tumorCellDensity - 1) < 0.1, "tumor cell density \(Double(tumor) / at)")
                #expect(close(count(.lymphocyte, .tumor), p.lymphocyteDensity.tumor * at), "\(phenotype) nest lymphocytes")
                #expect(close(count(.lymphocyte, .stroma), p.lymphocyteDensity.stroma * as_), "\(phenotype) stromal lymphocytes")
                #expect(close(count(.stroma, .stroma), config.slides.fibroblastDensity * as_), "fibroblasts")
                #expect(close(count(.macrophage, .stroma), config.slides.macrophageDensity.stroma * as_), "macrophages")
                // Every cell lies in the compartment it is labelled with.
                #expect(cells.allSatisfy { tissue.layout.region(x: $0.x, y: $0.y) == $0.region })
                if phenotype == .excluded {
                    let far = cells.filter { $0.cellClass == .lymphocyte && $0.region == .stroma
                        && tissue.layout.marginDistance(x: $0.x, y: $0.y) > Float(config.slides.marginMicrons) + 1 }
                    #expect(far.isEmpty, "excluded: stromal lymphocytes stay within the margin")
                }
                lymphInNests += count(.lymphocyte, .tumor); cellsInNests += cells.filter { $0.region == .tumor }.count
            }
            nestLymphocyteShare[phenotype] = Double(lymphInNests) / Double(max(cellsInNests, 1))
        }
        let share = nestLymphocyteShare
        #expect(share[.inflamed]! > 3 * share[.excluded]!, "inflamed nests hold lymphocytes: \(share)")
        #expect(share[.excluded]! >= share[.desert]!, "\(share)")
    }

    @Test func morphologyMatchesCellClasses() throws {
        let config = try TestConfig.small(patients: 40, side: 1024)
        let p = try #require(try CohortGenerator(config: config).patients().first { $0.phenotype == .inflamed })
        let cells = SlideTissue(patient: p, config: config).population.cells
        func meanArea(_ c: SimulatedCellClass) -> Float {
            let s = cells.filter { $0.cellClass == c }
            return s.map { Float.pi * $0.radiusA * $0.radiusB }.reduce(0, +) / Float(max(s.count, 1))
        }
        #expect(meanArea(.lymphocyte) < meanArea(.macrophage))
        #expect(meanArea(.macrophage) < meanArea(.tumor))
        let fib = cells.filter { $0.cellClass == .stroma }
        #expect(fib.allSatisfy { $0.radiusA / $0.radiusB > 2.5 }, "stromal nuclei are spindles")
        #expect(cells.filter { $0.cellClass == .lymphocyte }.allSatisfy { $0.radiusB / $0.radiusA > 0.8 }, "lymphocytes are round")
    }
}
