import Foundation
import Testing
import TMECore

/// The project's generators against independent references: SplitMix64's first output for seed 0 is the
/// one the reference implementation gives; xoshiro256** values come from a Python transcription of
/// Blackman & Vigna's C code (seeded by four SplitMix64 steps, as the authors recommend).
@Suite struct RandomTests {
    @Test func splitMix64MatchesTheReference() {
        var zero = SplitMix64(seed: 0)
        #expect(zero.next() == 0xE220_A839_7B1D_CDAF)
        var seven = SplitMix64(seed: 7)
        #expect([seven.next(), seven.next(), seven.next()] == [0x63CB_E1E4_5932_0DD7, 0x044C_3CD7_F43C_661C, 0xE698_4080_BAB1_2A02])
        #expect(SplitMix64.finalise(7 &+ 0x9E37_79B9_7F4A_7C15) == 0x63CB_E1E4_5932_0DD7)
    }

    @Test func xoshiro256StarStarMatchesTheReference() {
        let expected: [UInt64: [UInt64]] = [
            0: [0x99EC_5F36_CB75_F2B4, 0xBF6E_1F78_4956_452A, 0x1A5F_849D_4933_E6E0, 0x6AA5_94F1_262D_2D2C],
            42: [0x1578_0B2E_0C2E_C716, 0x6104_D986_6D11_3A7E, 0xAE17_5332_39E4_99A1, 0xECB8_AD47_03B3_60A1],
            0xDEAD_BEEF: [0xC555_5444_A74D_7E83, 0x65C3_0D37_B4B1_6E38, 0x54F7_7320_0A4E_FA23, 0x429A_ED75_FB95_8AF7],
        ]
        for (seed, values) in expected {
            var generator = Xoshiro256StarStar(seed: seed)
            #expect((0..<4).map { _ in generator.next() } == values, "seed \(seed)")
        }
    }

    @Test func stateRoundTripsThroughJSONAndContinuesTheStream() throws {
        var generator = Xoshiro256StarStar(seed: 42)
        _ = generator.next()
        let data = try JSONEncoder().encode(generator)
        var restored = try JSONDecoder().decode(Xoshiro256StarStar.self, from: data)
        #expect(restored == generator)
        #expect(restored.next() == 0x6104_D986_6D11_3A7E)
        let keys = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any]).keys.sorted()
        #expect(keys == ["s0", "s1", "s2", "s3"])
    }
}
