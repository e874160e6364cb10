import XCTest
import SeededRandom

/// The generator against an independent implementation of the published algorithms (SplitMix64 seeding,
/// xoshiro256** of Blackman & Vigna, written from the paper in Python; SplitMix64(0) starts 0xe220a8397b1dcdaf,
/// the reference value), and the distributions built on it.
final class RandomSourceTests: XCTestCase {
    func testStreamsMatchTheReferenceAlgorithm() {
        var zero = RandomSource(seed: 0)
        XCTAssertEqual((0..<4).map { _ in zero.next() },
                       [0x99ec_5f36_cb75_f2b4, 0xbf6e_1f78_4956_452a, 0x1a5f_849d_4933_e6e0, 0x6aa5_94f1_262d_2d2c])
        var fortyTwo = RandomSource(seed: 42)
        XCTAssertEqual((0..<4).map { _ in fortyTwo.next() },
                       [0x1578_0b2e_0c2e_c716, 0x6104_d986_6d11_3a7e, 0xae17_5332_39e4_99a1, 0xecb8_ad47_03b3_60a1])
    }

    func testDistributionsHaveTheirMoments() {
        var random = RandomSource(seed: 7)
        let count = 200_000
        let uniform = (0..<count).map { _ in random.unitInterval() }
        XCTAssertTrue(uniform.allSatisfy { $0 >= 0 && $0 < 1 })
        XCTAssertEqual(uniform.reduce(0, +) / Double(count), 0.5, accuracy: 5 * (1 / 12.0 / Double(count)).squareRoot())
        let normal = (0..<count).map { _ in random.standardNormal() }
        let mean = normal.reduce(0, +) / Double(count)
        let variance = normal.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(count - 1)
        XCTAssertEqual(mean, 0, accuracy: 5 / Double(count).squareRoot())
        XCTAssertEqual(variance, 1, accuracy: 5 * (2 / Double(count)).squareRoot())
        let bounded = (0..<1000).map { _ in random.uniform(-0.25, 0.75) }
        XCTAssertTrue(bounded.allSatisfy { $0 >= -0.25 && $0 < 0.75 })
        for lambda in [0.5, 4.0, 30.0] {
            let draws = (0..<50_000).map { _ in random.poisson(mean: lambda) }
            let m = draws.reduce(0, +) / 50_000
            let v = draws.map { ($0 - m) * ($0 - m) }.reduce(0, +) / 49_999
            XCTAssertEqual(m, lambda, accuracy: 5 * (lambda / 50_000).squareRoot(), "mean, λ = \(lambda)")
            XCTAssertEqual(v, lambda, accuracy: 0.05 * lambda + 0.02, "variance, λ = \(lambda)")
        }
    }

    func testDerivedSeedsAreDistinctAndDeterministic() {
        let seeds = (0..<1000).map { SeedSequence.derive(9, stream: UInt64($0)) }
        XCTAssertEqual(Set(seeds).count, 1000)
        XCTAssertEqual(SeedSequence.derive(9, stream: 3), seeds[3])
        XCTAssertNotEqual(SeedSequence.derive(10, stream: 3), seeds[3])
    }
}
