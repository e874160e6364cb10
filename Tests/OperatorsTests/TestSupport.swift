import Foundation
@testable import Operators
import SeededRandom

@_exported import TestSupport

/// The package root (holding `Datasets/`), found from this file's path.
let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// A registry specification.
func spec(_ name: String, _ parameters: [String: ParameterValue] = [:]) -> ParameterMap {
    parameters.merging(["name": .string(name)]) { $1 }
}

/// The error message thrown by `body`, or nil.
func errorMessage(_ body: () throws -> Any) -> String? {
    do { _ = try body(); return nil } catch { return "\(error)" }
}
