// swift-tools-version:6.0
//
// Strainer: imaging inverse problems with implicit neural representations and learned priors.
// Module layout and dependency direction: README.md, section "Layout".

import PackageDescription

// The INR hot loops (SIMD sine/cosine, fused passes) need AVX2 + FMA code generation (Haswell, 2013, or newer): the default x86-64
// baseline (SSE2) turns every fused multiply-add and rounding into a library call.
#if arch(x86_64)
let vectorCodegen: [SwiftSetting] = [.unsafeFlags(["-target-cpu", "haswell"])]
let avx512Codegen: [SwiftSetting] = [.unsafeFlags(["-target-cpu", "skylake-avx512"])]
#else
let vectorCodegen: [SwiftSetting] = []
let avx512Codegen: [SwiftSetting] = []
#endif

let package = Package(
    name: "Strainer",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "strainer", targets: ["strainer"]),
        .library(name: "Imaging", targets: ["Imaging"]),
        .library(name: "INR", targets: ["INR"]),
        .library(name: "Operators", targets: ["Operators"]),
        .library(name: "Baselines", targets: ["Baselines"]),
        .library(name: "Priors", targets: ["Priors"]),
        .library(name: "Problems", targets: ["Problems"]),
        .library(name: "Reporting", targets: ["Reporting"]),
        .library(name: "Solver", targets: ["Solver"]),
        .library(name: "Reconstruction", targets: ["Reconstruction"]),
        .library(name: "HostileInput", targets: ["HostileInput"]),
        .library(name: "Runs", targets: ["Runs"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        .package(url: "https://github.com/swiftlang/swift-subprocess", from: "1.0.2"),
    ],
    targets: [
        // System libraries (Debian packages); `make deps` installs them.
        .systemLibrary(name: "CBLAS", pkgConfig: "openblas", providers: [.apt(["libopenblas-dev"])]),
        .systemLibrary(name: "CFFTW", pkgConfig: "fftw3f", providers: [.apt(["libfftw3-dev"])]),
        .systemLibrary(name: "CTIFF", pkgConfig: "libtiff-4", providers: [.apt(["libtiff-dev"])]),
        .systemLibrary(name: "CPNG", pkgConfig: "libpng", providers: [.apt(["libpng-dev"])]),
        .systemLibrary(name: "CJPEG", pkgConfig: "libjpeg", providers: [.apt(["libjpeg-dev"])]),
        .systemLibrary(name: "CCrypto", pkgConfig: "libcrypto", providers: [.apt(["libssl-dev"])]),

        // Library modules, in dependency order.
        // Seeded, portable random draws shared by every module that draws (same seed, same bits).
        .target(name: "SeededRandom", exclude: ["README.md"]),
        // Running a loop's iterations or a pass's parts and shards on the cores, the same bits on any number of them.
        .target(name: "Parallelism", exclude: ["README.md"]),
        // C shims for libraries whose error paths Swift cannot follow (libpng's and libjpeg's longjmp).
        .target(name: "_ImagingShims", dependencies: ["CPNG", "CJPEG"], exclude: ["README.md"]),
        .target(name: "Imaging", dependencies: ["CTIFF", "CPNG", "CCrypto", "_ImagingShims"], exclude: ["README.md"]),
        .target(name: "INR", dependencies: ["CBLAS", "Imaging", "Parallelism", "SeededRandom"], exclude: ["README.md"], swiftSettings: vectorCodegen),
        .target(name: "Operators", dependencies: ["Imaging", "CFFTW", "Parallelism", "SeededRandom"], exclude: ["README.md"]),
        .target(name: "Baselines", dependencies: ["Operators", "Imaging", "Parallelism"], exclude: ["README.md"]),
        .target(name: "Priors", dependencies: ["INR", "Imaging", "SeededRandom"], exclude: ["README.md"]),
        .target(name: "Problems", dependencies: ["Imaging", "INR", "Operators", "Baselines", "Priors", "SeededRandom", "Solver", .product(name: "Yams", package: "Yams")], exclude: ["README.md"]),
        .target(name: "Reporting", dependencies: ["Imaging"], exclude: ["README.md"]),
        // The generic INR solver: any operator × any noise model × any prior.
        .target(name: "Solver", dependencies: ["INR", "Operators", "Imaging", "SeededRandom"], exclude: ["README.md"]),
        // A user's own measurement: its grid, noise level and stopping rule, the fit and its report.
        .target(name: "Reconstruction", dependencies: ["SeededRandom", "Imaging", "INR", "Operators", "Baselines", "Priors", "Problems", "Solver", "Reporting"], exclude: ["README.md"]),
        // The readers of untrusted input called from raw bytes: shared by the fuzz targets (Fuzz/) and their corpus tests.
        .target(name: "HostileInput", dependencies: ["Imaging", "INR", "Operators", "Priors", "Problems"], exclude: ["README.md"]),
        // A comparison's plan and its run: the prepared problem, its fits, the journal that keeps them, resume and --jobs.
        .target(name: "Runs", dependencies: ["Baselines", "Imaging", "INR", "Operators", "Priors", "Problems", "Reporting", "SeededRandom", "Solver",
                                             .product(name: "Yams", package: "Yams"), .product(name: "Subprocess", package: "swift-subprocess")],
                exclude: ["README.md"]),

        // The command-line tool: one file per subcommand.
        .executableTarget(
            name: "strainer",
            dependencies: [
                "Baselines", "Imaging", "INR", "Operators", "Priors", "Problems", "Reconstruction", "Reporting", "Runs", "SeededRandom", "Solver",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Yams", package: "Yams"),
            ]),

        // Speed comparisons against the PyTorch peers (run by Benchmarks/run.sh).
        .executableTarget(name: "strainer-bench", dependencies: ["INR", "Imaging", "CBLAS", "AVX512Kernel"],
                          path: "Benchmarks/Sources", swiftSettings: vectorCodegen),
        // The 512-bit FMA peak kernel, compiled for AVX-512; strainer-bench calls it only on CPUs that have it.
        .target(name: "AVX512Kernel", path: "Benchmarks/AVX512Kernel", swiftSettings: avx512Codegen),

        // One test target per module; fixtures live beside the tests that read them.
        .testTarget(name: "ImagingTests", dependencies: ["Imaging"], resources: [.copy("Fixtures")]),
        .testTarget(name: "INRTests", dependencies: ["INR", "SeededRandom", "TestSupport"], resources: [.copy("Fixtures")]),
        .testTarget(name: "BaselinesTests", dependencies: ["Baselines", "Operators", "Imaging", "SeededRandom", "TestSupport"], resources: [.copy("Fixtures")]),
        // Helpers shared by test targets (seeded samples, relative errors).
        .target(name: "TestSupport", dependencies: ["SeededRandom"], path: "Tests/TestSupport"),
        .testTarget(name: "OperatorsTests", dependencies: ["Operators", "Imaging", "SeededRandom", "TestSupport"], resources: [.copy("Fixtures")]),
        .testTarget(name: "PriorsTests", dependencies: ["Priors", "INR", "Imaging", "SeededRandom", "TestSupport"], resources: [.copy("Fixtures")]),
        .testTarget(name: "ProblemsTests", dependencies: ["Problems", "Imaging", "Operators", "Priors", "SeededRandom"]),
        .testTarget(name: "ReportingTests", dependencies: ["Reporting", "Imaging"]),
        .testTarget(name: "ReconstructionTests", dependencies: ["Reconstruction", "Imaging", "INR", "Operators", "Priors", "Problems", "Solver", "SeededRandom"]),
        .testTarget(name: "SolverTests", dependencies: ["Solver", "INR", "Operators", "Priors", "Imaging", "SeededRandom"]),
        .testTarget(name: "SeededRandomTests", dependencies: ["SeededRandom"]),
        // In-process runs of a small comparison: --jobs and resume give the same bits.
        .testTarget(name: "RunsTests", dependencies: ["Runs", "Problems", "Reporting", "Solver"]),
        // Replays the fuzz corpus and every crash the fuzzers found (Fuzz/corpus, Fuzz/regressions) through HostileInput.
        .testTarget(name: "HostileInputTests", dependencies: ["HostileInput"]),
        // Runs the built `strainer` binary (so `swift test` must have built it) on temporary files.
        .testTarget(name: "StrainerCLITests", dependencies: ["Imaging", "INR", "Problems", "Reporting", "Runs", "Solver"]),
    ]
)
