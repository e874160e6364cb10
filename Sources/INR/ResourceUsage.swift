import Foundation

/// What the process has used so far, for reports and benchmarks.
public enum ResourceUsage {
    /// Peak resident set size in bytes (`getrusage` reports KiB on Linux, bytes on macOS).
    public static var peakResidentBytes: Int {
        var usage = rusage()
        #if os(Linux)
        getrusage(Int32(RUSAGE_SELF.rawValue), &usage)
        return usage.ru_maxrss * 1024
        #else
        getrusage(RUSAGE_SELF, &usage)
        return usage.ru_maxrss
        #endif
    }
}
