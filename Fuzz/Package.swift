// swift-tools-version:6.0
//
// Strainer's fuzz targets: one libFuzzer executable per reader of untrusted input (HostileInput.InputReader), built
// with coverage instrumentation and AddressSanitizer by `make fuzz` only, so the main package never needs libFuzzer.
// Seeds: corpus/<reader>/ (made by make_corpus.py); every input that once crashed a target: regressions/<reader>/.
// `make test` replays both without instrumentation (Tests/HostileInputTests).

import PackageDescription

let readers = ["png", "tiff", "netpbm", "jpeg", "safetensors", "problem", "operator-spec"]

let package = Package(
    name: "StrainerFuzz",
    dependencies: [.package(name: "Strainer", path: "..")],
    targets: [
        // libFuzzer's driver entry point (the library comes with `-sanitize=fuzzer`).
        .systemLibrary(name: "CLibFuzzer"),
        .target(name: "FuzzDriver", dependencies: ["CLibFuzzer", .product(name: "HostileInput", package: "Strainer")]),
    ] + readers.map { .executableTarget(name: "fuzz-\($0)", dependencies: ["FuzzDriver"]) }
)
