import CBLAS
import Foundation

/// Which OpenBLAS kernels run the matrix products, and a remedy when OpenBLAS does not recognise the CPU.
///
/// OpenBLAS built with DYNAMIC_ARCH picks its kernels from the CPU model when the library loads. Version 0.3.21
/// (Debian 12) does not know Sapphire/Emerald Rapids Xeons and falls back to its generic SSE3 "Prescott" kernels,
/// 5–15× slower on these products than its AVX-512 "SkylakeX" ones. The choice can only be overridden by the
/// `OPENBLAS_CORETYPE` environment variable, read when the library loads — hence the re-execution below.
public enum BLASRuntime {
    /// The OpenBLAS kernel family in use ("Haswell", "SkylakeX", "Zen", …; "Prescott" is the generic fallback).
    public static var coreName: String { String(cString: openblas_get_corename()) }

    /// OpenBLAS's version, build options and kernel family in one line
    /// ("OpenBLAS 0.3.21 NO_LAPACKE DYNAMIC_ARCH NO_AFFINITY SkylakeX MAX_THREADS=64").
    public static var configuration: String {
        String(cString: openblas_get_config()).trimmingCharacters(in: .whitespaces)
    }

    /// The best OpenBLAS core type the CPU's instruction sets allow (from `/proc/cpuinfo`), or nil when unknown.
    public static var bestSupportedCore: String? {
        guard let cpuinfo = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8),
            let flagLine = cpuinfo.split(separator: "\n").first(where: { $0.hasPrefix("flags") })
        else { return nil }
        let flags = Set(flagLine.split(separator: " ").map(String.init))
        if flags.isSuperset(of: ["avx512f", "avx512dq", "avx512bw", "avx512vl"]) { return "SkylakeX" }
        if flags.isSuperset(of: ["avx2", "fma"]) { return "Haswell" }
        return nil
    }

    /// Kernel families OpenBLAS falls back to for CPUs it does not recognise.
    static let genericCores: Set<String> = ["Prescott", "Core2", "Penryn", "Nehalem", "Sandybridge", "Unknown"]

    /// When OpenBLAS fell back to generic kernels on a CPU that supports better ones and `OPENBLAS_CORETYPE` is
    /// not set, re-executes the running program (same arguments) with `OPENBLAS_CORETYPE` set to the best
    /// supported core (silently: the program's output must not change). Returns normally when nothing needs doing
    /// or re-execution fails.
    /// Call it first thing in an executable, before any work.
    public static func reexecuteWithOptimisedKernelsIfNeeded() {
        guard ProcessInfo.processInfo.environment["OPENBLAS_CORETYPE"] == nil,
            genericCores.contains(coreName), let best = bestSupportedCore
        else { return }
        setenv("OPENBLAS_CORETYPE", best, 1)
        execv("/proc/self/exe", CommandLine.unsafeArgv)  // returns only on failure: then run on, slower
    }
}
