import Foundation
import INR
import Operators

/// The machine a run ran on, as far as it decides the run's last bits or its timings.
///
/// Every draw is seeded and every sum over pixels is taken in a fixed order, so a run repeats bit for bit on any
/// number of threads. What can still change the last bits is the code the libraries pick for the CPU: OpenBLAS's
/// kernel family (its products accumulate in a kernel-specific order) and FFTW's SIMD codelets. Runs on two CPU
/// models agree to rounding, not to the bit; `platform` in config.yaml says which kernels produced a result.
public enum RunPlatform {
    /// The CPU model, OpenBLAS's build and its kernel family in use, FFTW's build: `platform:` of a run's config.yaml and the
    /// `platform.*` fields of a prior file. Part of a run journal's and a training checkpoint's identity (resumed
    /// on another CPU, a result would mix two machines' bits); free to differ in `merge` and when a prior is reused.
    public static var recorded: [String: String] {
        ["cpu": cpuModel, "blas": BLASRuntime.configuration, "blas_kernels": BLASRuntime.coreName, "fft": FFTWLibrary.version]
    }

    /// The report's "machine" fact: CPU model, the threads of each fit when `jobs` fits ran at once (what the
    /// seconds columns depend on) and the BLAS kernels.
    public static func fact(jobs: Int) -> (name: String, value: String) {
        let threads = jobs > 1 ? "\(max(1, ComputeThreads.available / jobs)) thread(s) per fit (--jobs \(jobs))"
                               : "\(ComputeThreads.available) thread(s)"
        return ("machine", "\(cpuModel), \(threads), OpenBLAS \(BLASRuntime.coreName) kernels")
    }

    /// The `config.yaml` of a reconstruction's report folder: its facts, the suite's version and ``recorded``, a line each.
    public static func reconstructionConfiguration(_ facts: [(name: String, value: String)]) -> String {
        (facts.map { "\($0.name): \($0.value)" } + ["suite_version: \(StrainerVersion.current)"]
            + recorded.sorted { $0.key < $1.key }.map { "platform.\($0.key): \($0.value)" }).joined(separator: "\n") + "\n"
    }

    /// The CPU's model name from `/proc/cpuinfo` with its family and model numbers (virtual machines often
    /// report a bare "AMD EPYC", which says neither Zen 2 nor Zen 4), or "unknown".
    public static let cpuModel: String = {
        let cpuinfo = (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8)) ?? ""
        func field(_ key: String) -> String? {
            let line = cpuinfo.split(separator: "\n").first { $0.split(separator: ":").first?.trimmingCharacters(in: .whitespaces) == key }
            return line?.split(separator: ":", maxSplits: 1).last?.trimmingCharacters(in: .whitespaces)
        }
        guard let name = field("model name") else { return "unknown" }
        guard let family = field("cpu family"), let model = field("model") else { return name }
        return "\(name) (family \(family), model \(model))"
    }()
}
