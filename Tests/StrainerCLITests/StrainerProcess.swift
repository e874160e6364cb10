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

    /// Runs `strainer arguments…` to completion and collects its exit status and both output streams.
    static func run(_ arguments: [String], workingDirectory: URL? = nil) throws -> Result {
        let executable = productsDirectory.appendingPathComponent("strainer")
        guard FileManager.default.isExecutableFile(atPath: executable.path) else {
            throw MissingExecutable(path: executable.path)
        }
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        if let workingDirectory { process.currentDirectoryURL = workingDirectory }
        // stderr goes to a file: with two pipes, a long progress log could fill one while we wait on the other.
        let errorFile = FileManager.default.temporaryDirectory.appendingPathComponent("strainer-stderr-\(UUID().uuidString)")
        _ = FileManager.default.createFile(atPath: errorFile.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: errorFile) }
        let output = Pipe()
        process.standardOutput = output
        process.standardError = try FileHandle(forWritingTo: errorFile)
        try process.run()
        let outputData = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let errorData = try Data(contentsOf: errorFile)
        return Result(status: process.terminationStatus, standardOutput: String(decoding: outputData, as: UTF8.self),
                      standardError: String(decoding: errorData, as: UTF8.self))
    }
}
