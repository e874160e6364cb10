import CBLAS
import Foundation

/// How the process uses OpenBLAS: on the calling thread only, with a kernel family the CPU can run.
///
/// **Threads.** The network passes parallelise over shards of rows themselves (``Workspace``) and call sgemm from
/// several threads at once, each on its own block. OpenBLAS is therefore held at one thread for the whole process,
/// set once before the first product and never changed back: its thread count is process-wide, so saving and
/// restoring it around a pass would let one pass change the count while another is inside sgemm — a data race in
/// OpenBLAS and, on kernels whose tile shapes depend on how a call is split, other bits.
///
/// **Kernels.** OpenBLAS built with DYNAMIC_ARCH picks its kernels from the CPU model when the library loads.
/// Version 0.3.21 (Debian 12) does not know Sapphire/Emerald Rapids Xeons and falls back to its generic SSE3
/// "Prescott" kernels, 5–15× slower on these products than its AVX-512 "SkylakeX" ones. The choice can only be
/// overridden by the `OPENBLAS_CORETYPE` environment variable, read when the library loads — hence the
/// re-execution below.
///
/// **Reproducibility contract.** The same build, the same kernel family and the same chunk and block layout give
/// the same bits on any number of cores and any `--jobs`. Families accumulate an inner product in different
/// orders (Haswell/Zen's tiles add even and odd terms apart, and their split depends on a call's row count), so
/// two families, or two layouts on one family, agree to float rounding, not to the bit.
public enum BLASRuntime {
    /// An OpenBLAS kernel family and the CPU features (as `/proc/cpuinfo` names them) its kernels execute.
    public struct KernelFamily: Sendable, Equatable {
        /// OpenBLAS's name, as `OPENBLAS_CORETYPE` takes it and `openblas_get_corename` returns it.
        public let name: String
        /// Every flag the family's code needs.
        public let requiredFlags: Set<String>
    }

    /// The x86-64 families of OpenBLAS 0.3.21 a current CPU can run, oldest first (`pni` is SSE3). The 32-bit,
    /// Atom and pre-Zen AMD (FMA4/XOP) families are left out.
    public static let kernelFamilies: [KernelFamily] = {
        let avx512: Set<String> = ["avx512f", "avx512cd", "avx512bw", "avx512dq", "avx512vl"]
        return [
            KernelFamily(name: "Prescott", requiredFlags: ["pni"]),
            KernelFamily(name: "Core2", requiredFlags: ["pni", "ssse3"]),
            KernelFamily(name: "Nehalem", requiredFlags: ["pni", "ssse3", "sse4_1", "sse4_2"]),
            KernelFamily(name: "Sandybridge", requiredFlags: ["pni", "ssse3", "sse4_2", "avx"]),
            KernelFamily(name: "Haswell", requiredFlags: ["avx", "avx2", "fma"]),
            KernelFamily(name: "Zen", requiredFlags: ["avx", "avx2", "fma"]),
            KernelFamily(name: "SkylakeX", requiredFlags: avx512.union(["avx2", "fma"])),
            KernelFamily(name: "Cooperlake", requiredFlags: avx512.union(["avx2", "fma", "avx512_bf16"])),
        ]
    }()

    /// The kernel family in use ("Haswell", "SkylakeX", "Zen", …; "Prescott" is the generic fallback).
    public static var coreName: String { String(cString: openblas_get_corename()) }

    /// OpenBLAS's version, build options and kernel family in one line
    /// ("OpenBLAS 0.3.21 NO_LAPACKE DYNAMIC_ARCH NO_AFFINITY SkylakeX MAX_THREADS=64").
    public static var configuration: String {
        String(cString: openblas_get_config()).trimmingCharacters(in: .whitespaces)
    }

    /// OpenBLAS's own thread count, process-wide (1 once ``useCallingThreadOnly()`` has run).
    public static var threads: Int { Int(openblas_get_num_threads()) }

    /// Holds OpenBLAS at one thread (the caller's) for the rest of the process. The first call sets it, under
    /// Swift's once-only initialisation of a static, so a product that starts after any call returns sees one
    /// thread; later calls do nothing. ``Workspace`` calls it, so every pass of the network runs after it.
    public static func useCallingThreadOnly() { _ = callingThreadOnly }

    private static let callingThreadOnly: Void = { openblas_set_num_threads(1) }()

    /// The CPU's feature flags from `/proc/cpuinfo` (empty when unreadable).
    public static var cpuFlags: Set<String> {
        guard let cpuinfo = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8),
            let flagLine = cpuinfo.split(separator: "\n").first(where: { $0.hasPrefix("flags") })
        else { return [] }
        return Set(flagLine.split(separator: ":", maxSplits: 1).last?.split(separator: " ").map(String.init) ?? [])
    }

    /// The families whose every required flag is in `flags`, oldest first.
    public static func executableFamilies(flags: Set<String> = cpuFlags) -> [KernelFamily] {
        kernelFamilies.filter { flags.isSuperset(of: $0.requiredFlags) }
    }

    /// The best family to ask for when OpenBLAS does not recognise the CPU: SkylakeX where AVX-512 runs, else
    /// Haswell where AVX2 and FMA run, else nil. (Cooperlake adds bf16 routines only; Zen's sgemm is Haswell's.)
    public static func bestSupportedCore(flags: Set<String> = cpuFlags) -> String? {
        let executable = Set(executableFamilies(flags: flags).map(\.name))
        return ["SkylakeX", "Haswell"].first { executable.contains($0) }
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
            genericCores.contains(coreName), let best = bestSupportedCore()
        else { return }
        setenv("OPENBLAS_CORETYPE", best, 1)
        execv("/proc/self/exe", CommandLine.unsafeArgv)  // returns only on failure: then run on, slower
    }
}
