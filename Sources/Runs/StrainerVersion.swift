import INR

/// The suite's version, printed by `strainer --version` and recorded in every result and prior file.
public enum StrainerVersion {
    public static let current = "0.1.0"

    /// What `strainer --version` prints: the version, then the machine facts that decide a result's last bits
    /// (the CPU and OpenBLAS's kernel family in use, as a run's `platform` records them) and the kernel families
    /// this CPU can run (what `make test-kernels` goes through).
    public static var description: String {
        """
        \(current)
        CPU: \(RunPlatform.cpuModel)
        OpenBLAS kernels: \(BLASRuntime.coreName) (\(BLASRuntime.configuration))
        Kernel families this CPU runs: \(BLASRuntime.executableFamilies().map(\.name).joined(separator: " "))
        """
    }
}
