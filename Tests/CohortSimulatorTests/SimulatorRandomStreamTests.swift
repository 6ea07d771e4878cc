import CohortSimulator
import Testing

/// Simulated cohorts are reproducible only if the generator's stream never changes: the first draws for
/// seed 2026 from an independent Python implementation of xoshiro256** seeded by SplitMix64 (Blackman &
/// Vigna's C code transcribed; Box–Muller with the same floor and glibc's log/cos), compared bit for bit.
@Suite struct SimulatorRandomStreamTests {
    @Test func seed2026GivesTheReferenceStream() {
        var random = SimulatorRandom(seed: 2026)
        #expect([random.next(), random.next(), random.next()] == [0x92E0_1159_2E98_AE15, 0x489F_3794_6D6D_18D8, 0xD000_9E27_9D9C_DEDA])
        #expect([random.uniform(), random.uniform()] == [0x1.c98fb94f0daacp-1, 0x1.9fc316f382447p-1])
        #expect([random.normal(), random.normal(), random.normal()] == [0x1.6226db6349413p-2, 0x1.92f4baccfa594p-2, 0x1.a7f66984f8946p+0])
    }

    @Test func substreamsAndTheHashAreStable() {
        // SplitMix64 from seed 7: 0x63CBE1E459320DD7, 0x044C3CD7F43C661C (Python reference).
        var state: UInt64 = 7
        #expect([SimulatorRandom.splitMix(&state), SimulatorRandom.splitMix(&state)] == [0x63CB_E1E4_5932_0DD7, 0x044C_3CD7_F43C_661C])
        #expect(SimulatorRandom(seed: 2026, stream: 3) == SimulatorRandom(seed: SimulatorRandom.mix(2026, 3)))
    }
}
