import Foundation

/// Runs the `strainer` executable built alongside this test bundle.
enum StrainerProcess {
    struct Result {
        let status: Int32
        let standardOutput: String
        let standardError: String
    }

    struct MissingExecutable: Error, CustomStringConvertible {
        let path: String
        var description: String { "strainer is not built at \(path); expected `swift test` to build it" }
    }

    /// The products directory of the current build (where `swift test` put `strainer` and the test bundle).
    static var productsDirectory: URL {
        #if os(macOS)
        if let bundle = Bundle.allBundles.first(where: { $0.bundlePath.hasSuffix(".xctest") }) {
            return bundle.bundleURL.deletingLastPathComponent()
        }
        #endif
        return Bundle.main.bundleURL
    }

    /// Runs `strainer arguments…` to completion and collects its exit status and both output streams;
    /// `environment` adds to (or overrides) the test's own environment variables. With `timeout`, a process still
    /// running after that many seconds is killed (SIGKILL, status 9 by signal), so a hang fails the test instead
    /// of stalling the suite. With `addressSpaceBytes`, the process runs under that address-space limit (`ulimit -v`).
    static func run(_ arguments: [String], workingDirectory: URL? = nil, environment: [String: String] = [:],
                    timeout: TimeInterval? = nil, addressSpaceBytes: Int? = nil) throws -> Result {
        let process = try process(arguments, workingDirectory: workingDirectory, environment: environment)
        if let addressSpaceBytes, let executable = process.executableURL {
            // The shell sets the limit on itself, then becomes strainer ($0) with its arguments ($@).
            process.executableURL = URL(fileURLWithPath: "/bin/sh")
            process.arguments = ["-c", "ulimit -v \(addressSpaceBytes / 1024) && exec \"$0\" \"$@\"", executable.path]
                + (process.arguments ?? [])
        }
        guard let timeout else { return try run(process) }
        let watcher = Thread {
            let deadline = Date(timeIntervalSinceNow: timeout)
            while process.isRunning && Date() < deadline { usleep(5000) }
            if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        }
        return try run(process) { watcher.start() }
    }

    /// Runs `strainer arguments…` and interrupts it as Ctrl-C would (SIGINT) as soon as `condition` holds
    /// (checked every 5 ms), then collects what it left. The status tells whether the signal came in time.
    /// `executable` replaces the built `strainer` (a copy standing for another build, say).
    static func interrupt(_ arguments: [String], workingDirectory: URL? = nil, executable: URL? = nil,
                          when condition: @escaping @Sendable () -> Bool) throws -> Result
    {
        let process = try process(arguments, workingDirectory: workingDirectory, executable: executable)
        let watcher = Thread {
            while process.isRunning && !condition() { usleep(5000) }
            if process.isRunning { process.interrupt() }
        }
        return try run(process) { watcher.start() }
    }

    private static func process(_ arguments: [String], workingDirectory: URL?, environment: [String: String] = [:],
                                executable: URL? = nil) throws -> Process {
        let executable = executable ?? productsDirectory.appendingPathComponent("strainer")
        guard FileManager.default.isExecutableFile(atPath: executable.path) else {
            throw MissingExecutable(path: executable.path)
        }
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        if let workingDirectory { process.currentDirectoryURL = workingDirectory }
        if !environment.isEmpty {
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
        }
        return process
    }

    /// Runs `process` to completion (calling `started` once it runs) and collects its status and output.
    private static func run(_ process: Process, started: () -> Void = {}) throws -> Result {
        // stderr goes to a file: with two pipes, a long progress log could fill one while we wait on the other.
        let errorFile = FileManager.default.temporaryDirectory.appendingPathComponent("strainer-stderr-\(UUID().uuidString)")
        _ = FileManager.default.createFile(atPath: errorFile.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: errorFile) }
        let output = Pipe()
        process.standardOutput = output
        process.standardError = try FileHandle(forWritingTo: errorFile)
        try process.run()
        started()
        let outputData = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let errorData = try Data(contentsOf: errorFile)
        return Result(status: process.terminationStatus, standardOutput: String(decoding: outputData, as: UTF8.self),
                      standardError: String(decoding: errorData, as: UTF8.self))
    }
}
