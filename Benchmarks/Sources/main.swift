import Foundation
import INR

/// `strainer-bench`: speed measurements of the INR module (run by Benchmarks/run.sh).
///
///     strainer-bench step [--channels C] [--size S] [--iterations N] [--warmup W] [--json]
///     strainer-bench products [--rows N] [--repeats R]
///     strainer-bench peak
///     strainer-bench sincos
BLASRuntime.reexecuteWithOptimisedKernelsIfNeeded()  // the passes hold OpenBLAS to one thread (Workspace)
let arguments = Array(CommandLine.arguments.dropFirst())
let options = BenchOptions(arguments.dropFirst())
do {
    switch arguments.first {
    case "step": try StepBenchmark(options).run()
    case "products": ProductBenchmark(options).run()
    case "peak": PeakBenchmark().run()
    case "sincos": SineCosineBenchmark().run()
    default:
        FileHandle.standardError.write(Data("usage: strainer-bench step|products|peak|sincos [options]\n".utf8))
        exit(2)
    }
} catch {
    FileHandle.standardError.write(Data("error: \(error)\n".utf8))
    exit(1)
}
