import Foundation
import XCTest
@testable import INR

final class BLASRuntimeTests: XCTestCase {
    /// OpenBLAS stays at one thread for the process once a workspace exists: two gradient passes running at once
    /// (each sharing its shards over two threads) while a third thread reads OpenBLAS's thread count without pause
    /// never see another count, and each gives the bits of the same pass run alone. (Saving and restoring the count
    /// around a pass, as the suite once did, lets one pass restore OpenBLAS's default while the other is inside
    /// sgemm: the watcher sees it, and on Haswell/Zen kernels the bits change.)
    func testPassesRunningAtOnceSeeOneOpenBLASThread() throws {
        let network = try Network(architecture: Architecture.siren(outputs: 3, width: 48, layers: 4), seed: 9)
        let x = grid(side: 40)  // 1600 rows in blocks of 32: 13 shards
        let t = try Matrix(rows: 1600, columns: 3, values: (0..<4800).map { Float(sin(Double($0) * 0.13)) })
        let alone = try meanSquaredErrorGradient(network, x, t, blockRows: 32, threads: 2)
        XCTAssertEqual(BLASRuntime.threads, 1, "a workspace holds OpenBLAS to the calling thread")

        let seen = Watch()
        let passes = DispatchGroup()
        let outcomes = Outcomes()
        for _ in 0..<2 {
            passes.enter()
            Thread {
                defer { passes.leave() }
                for _ in 0..<6 {
                    let gradient = try? meanSquaredErrorGradient(network, x, t, blockRows: 32, threads: 2).1
                    outcomes.add(gradient?.map(\.bitPattern) == alone.1.map(\.bitPattern))
                }
            }.start()
        }
        Thread { while !seen.stopped { seen.record(BLASRuntime.threads) } }.start()
        passes.wait()
        seen.stop()
        XCTAssertEqual(seen.counts, [1], "OpenBLAS thread counts seen while two passes ran")
        XCTAssertEqual(outcomes.tally, [true: 12], "passes run at once with the bits of the pass run alone")
    }

    /// The families a CPU can run follow from its flags: a Zen 2 (AVX2, FMA, no AVX-512) runs up to Zen and is
    /// given Haswell; a Sapphire Rapids (AVX-512 with bf16) runs every family and is given SkylakeX; a CPU
    /// without AVX2 gets no better kernels than OpenBLAS's own choice.
    func testKernelFamiliesFollowTheCPUFlags() {
        let sse = Set(["pni", "ssse3", "sse4_1", "sse4_2"])
        let zen2 = sse.union(["avx", "avx2", "fma"])
        XCTAssertEqual(BLASRuntime.executableFamilies(flags: zen2).map(\.name),
                       ["Prescott", "Core2", "Nehalem", "Sandybridge", "Haswell", "Zen"])
        XCTAssertEqual(BLASRuntime.bestSupportedCore(flags: zen2), "Haswell")
        let sapphireRapids = zen2.union(["avx512f", "avx512cd", "avx512bw", "avx512dq", "avx512vl", "avx512_bf16"])
        XCTAssertEqual(BLASRuntime.executableFamilies(flags: sapphireRapids).map(\.name),
                       BLASRuntime.kernelFamilies.map(\.name))
        XCTAssertEqual(BLASRuntime.bestSupportedCore(flags: sapphireRapids), "SkylakeX")
        let ivyBridge = sse.union(["avx"])
        XCTAssertEqual(BLASRuntime.executableFamilies(flags: ivyBridge).last?.name, "Sandybridge")
        XCTAssertNil(BLASRuntime.bestSupportedCore(flags: ivyBridge))
        XCTAssertEqual(BLASRuntime.executableFamilies(flags: []), [])
    }

    /// On this CPU: the family a restart would ask for is one the CPU runs, and so is the one in use, when it is a
    /// listed family (`OPENBLAS_CORETYPE` of `make test-kernels` included).
    func testThisCPURunsTheFamiliesItIsGiven() {
        let executable = BLASRuntime.executableFamilies().map(\.name)
        XCTAssertTrue(executable.contains("Prescott"), "every x86-64 CPU the suite builds for has SSE3: \(executable)")
        if let best = BLASRuntime.bestSupportedCore() { XCTAssertTrue(executable.contains(best), best) }
        if BLASRuntime.kernelFamilies.contains(where: { $0.name == BLASRuntime.coreName }) {
            XCTAssertTrue(executable.contains(BLASRuntime.coreName), BLASRuntime.coreName)
        }
    }
}

/// How many concurrent passes matched the lone pass, and how many did not.
private final class Outcomes: @unchecked Sendable {
    private let lock = NSLock()
    private var counts: [Bool: Int] = [:]

    func add(_ matched: Bool) { lock.withLock { counts[matched, default: 0] += 1 } }
    var tally: [Bool: Int] { lock.withLock { counts } }
}

/// The distinct values a watcher thread saw, until told to stop.
private final class Watch: @unchecked Sendable {
    private let lock = NSLock()
    private var values = Set<Int>()
    private var done = false

    func record(_ value: Int) { lock.withLock { _ = values.insert(value) } }
    func stop() { lock.withLock { done = true } }
    var stopped: Bool { lock.withLock { done } }
    var counts: [Int] { lock.withLock { values.sorted() } }
}
