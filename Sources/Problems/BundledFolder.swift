import Foundation
import Imaging

/// Where the suite finds a folder it ships with (`Datasets/`, `Problems/`): the folder an environment variable
/// names if it is set, else `name/` in the working directory or one of its parents, else `name/` beside or above
/// the running executable (a build inside the repository, such as `.build/release/strainer`).
struct BundledFolder {
    /// The folder's name, `Datasets` or `Problems`.
    let name: String
    /// The variable that overrides the search, `STRAINER_DATASETS` or `STRAINER_PROBLEMS`.
    let variable: String

    /// The folder, or a ``Imaging/FileError`` that says where it was looked for and how to name it.
    func locate(environment: [String: String], workingDirectory: URL, executable: URL) throws -> URL {
        if let explicit = environment[variable] {
            guard Self.isDirectory(URL(fileURLWithPath: explicit)) else {
                throw FileError(file: explicit, problem: "\(variable) names no folder")
            }
            return URL(fileURLWithPath: explicit)
        }
        for start in [workingDirectory, executable.resolvingSymlinksInPath().deletingLastPathComponent()] {
            var folder = start.standardizedFileURL
            while true {
                let candidate = folder.appendingPathComponent(name)
                if Self.isDirectory(candidate) { return candidate }
                let parent = folder.deletingLastPathComponent()
                if parent.path == folder.path { break }
                folder = parent
            }
        }
        throw FileError(file: workingDirectory.path,
                        problem: "no \(name)/ folder here or above; run inside the repository or set \(variable)")
    }

    /// Whether `url` names an existing folder.
    static func isDirectory(_ url: URL) -> Bool {
        var directory: ObjCBool = false
        return FileManager.default.fileExists(atPath: url.path, isDirectory: &directory) && directory.boolValue
    }
}
