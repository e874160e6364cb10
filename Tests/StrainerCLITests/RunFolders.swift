import Foundation
import XCTest

/// What a comparison leaves under its results folder: its run folder, or its journal while it is unfinished.
enum RunFolders {
    /// The only journal under `out`, if there is one.
    static func journal(under out: URL) -> URL? {
        let journals = out.appendingPathComponent(".journal")
        return ((try? FileManager.default.contentsOfDirectory(at: journals, includingPropertiesForKeys: nil)) ?? []).first
    }

    /// The finished fits (their entries) in the journals under `out`.
    static func journalEntries(under out: URL) -> [URL] {
        journalFiles(under: out).filter { $0.pathExtension == "json" }
    }

    /// The kept states of unfinished fits in the journals under `out`.
    static func unfinishedStates(under out: URL) -> [URL] {
        journalFiles(under: out).filter { $0.lastPathComponent.hasSuffix(".unfinished.safetensors") }
    }

    /// Every file of the journals under `out`.
    static func journalFiles(under out: URL) -> [URL] {
        let journals = out.appendingPathComponent(".journal")
        let runs = (try? FileManager.default.contentsOfDirectory(at: journals, includingPropertiesForKeys: nil)) ?? []
        return runs.flatMap { run in (try? FileManager.default.contentsOfDirectory(at: run, includingPropertiesForKeys: nil)) ?? [] }
    }

    /// The run folders under `out` (its trained priors and journals aside).
    static func runs(under out: URL) -> [URL] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: out.path)) ?? []
        return names.filter { !$0.hasPrefix(".") && $0 != "priors" }.sorted().map { out.appendingPathComponent($0) }
    }

    /// metrics.csv of the only run folder under `out`, each row without its wall-clock column.
    static func metricsWithoutTimes(under out: URL, file: StaticString = #filePath, line: UInt = #line) throws -> [String] {
        let runs = runs(under: out)
        XCTAssertEqual(runs.count, 1, "\(runs)", file: file, line: line)
        let csv = try String(contentsOf: try XCTUnwrap(runs.first).appendingPathComponent("metrics.csv"), encoding: .utf8)
        let seconds = 8  // the wall-clock column
        return csv.split(separator: "\n").map { line in
            var cells = line.split(separator: ",", omittingEmptySubsequences: false)
            cells.remove(at: seconds)
            return cells.joined(separator: ",")
        }
    }
}
