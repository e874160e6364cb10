import Foundation
import Reporting
import Runs
import XCTest

/// A small comparison run in-process: the bundled problem `denoise-faces-s01` on its first two faces at 32×32,
/// 40 steps from a random SIREN, with its three baselines (the noisy image, TV and BM3D).
enum SmallComparison {
    /// The request, its learned priors left out (`--prior random`), its trained files, journal and report under `out`.
    static func request(under out: URL) -> ProblemRunRequest {
        var request = ProblemRunRequest(problemID: "denoise-faces-s01")
        request.priors = ["random"]
        request.overrides.images = 2
        request.overrides.size = 32
        request.overrides.iterations = 40
        request.overrides.evaluateEvery = 10
        request.out = out.path
        return request
    }

    /// The prepared run of ``request(under:)``.
    static func prepared(under out: URL) throws -> PreparedRun {
        try request(under: out).prepare()
    }

    /// A run of `prepared` with `jobs` fits at once, keeping its fits in `journal` (taking the ones it holds when
    /// `reusing`), a running fit's state kept after every step.
    static func run(_ prepared: PreparedRun, jobs: Int = 1, journal: RunJournal? = nil, reusing: Bool = false) throws -> ComparisonRun.Outcome {
        let run = ComparisonRun(problem: prepared.name, architecture: prepared.architecture, options: prepared.options,
                                journal: journal, reusesJournal: reusing, checkpointSeconds: 0, jobs: jobs)
        return try run.run(images: prepared.images, priors: prepared.priors, baselines: prepared.baselines)
    }

    /// A journal for `prepared`'s fits under `out` (its configuration and build stand for a real run's).
    static func journal(under out: URL) -> RunJournal {
        RunJournal(results: out, problem: "denoise-faces-s01", configuration: "in-process test", build: "test")
    }
}

/// Every point of every curve, as the bits of its numbers; `seconds` too only when `timed`.
func bits(of outcome: ComparisonRun.Outcome, timed: Bool = false) -> [String] {
    outcome.curves.flatMap { curve in
        curve.points.map { point in
            "\(curve.image) \(curve.method) \(point.iteration) \(point.psnr.bitPattern) \(point.ssim.map { "\($0.bitPattern)" } ?? "-") "
                + "\(point.loss.map { "\($0.bitPattern)" } ?? "-")" + (timed ? " \(point.seconds.bitPattern)" : "")
        } + ["\(curve.image) \(curve.method) stop \(curve.discrepancyStop.map(String.init) ?? "-")"]
    }
}

/// Every reconstruction's pixels, as bits, by image and method.
func pixels(of outcome: ComparisonRun.Outcome) -> [String: [UInt32]] {
    Dictionary(uniqueKeysWithValues: outcome.reconstructions.map { ("\($0.image) \($0.method)", $0.reconstruction.pixels.map(\.bitPattern)) })
}

extension XCTestCase {
    /// A new empty folder in the temporary directory, removed when the test ends.
    func scratchFolder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("strainer-runs-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(at: folder) }
        return folder
    }
}
