import ArgumentParser
import Foundation
import Operators

extension OperatorsCommand {
    /// `strainer operators bench`: apply and adjoint times of the operators the speed comparison names, on the
    /// same synthetic data `Benchmarks/operators_peer.py` builds (see `Benchmarks/operators.sh`).
    struct Bench: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Time blur (512×512, Gaussian σ=3, zero boundary; FFTW estimate and measure plans) and Radon (256×256, 180 angles): apply, adjoint, FBP.",
            discussion: "Prints one JSON object per measurement: {\"name\", \"seconds\"} (the fastest of --repeats runs after one warm-up, the statistic least disturbed by other load).")

        @Option(help: "Timed repetitions per measurement.")
        var repeats = 10

        /// The benchmark image: `0.5 + 0.25 sin(0.031 i) cos(0.047 j) + 0.25 ((7i + 13j) mod 17)/17`, as in the peer script.
        static func pattern(size: Int) -> [Float] {
            (0..<size * size).map { index in
                let i = Double(index / size), j = Double(index % size)
                return Float(0.5 + 0.25 * sin(0.031 * i) * cos(0.047 * j) + 0.25 * Double((7 * (index / size) + 13 * (index % size)) % 17) / 17)
            }
        }

        func validate() throws {
            guard repeats >= 1 else { throw ValidationError("--repeats must be ≥ 1, got \(repeats)") }
        }

        func run() throws {
            let blurShape = ImageShape(height: 512, width: 512)
            for (suffix, planning) in [("", FFTPlanning.estimate), ("_measure", .measure)] {
                let start = Date()
                let blur = try BlurOperator(shape: blurShape, kernel: .gaussian(sigma: 3), boundary: .zero, planning: planning)
                report("blur512\(suffix)_plan", Date().timeIntervalSince(start))
                try time("blur512\(suffix)_apply", "blur512\(suffix)_adjoint", blur, input: Self.pattern(size: 512))
            }

            let radonShape = ImageShape(height: 256, width: 256)
            let start = Date()
            let radon = try RadonOperator(shape: radonShape, angleCount: 180)
            report("radon256_plan", Date().timeIntervalSince(start))
            let sinogram = try time("radon256_apply", "radon256_adjoint", radon, input: Self.pattern(size: 256))
            let fbp = FilteredBackProjection(geometry: radon, filter: .ramp)
            report("radon256_fbp", fastest { _ = try? fbp.reconstruct(sinogram) })
        }

        /// Times `apply` on `input` and `adjoint` on its result through the allocation-free entry points;
        /// returns `A input`.
        @discardableResult
        private func time(_ applyName: String, _ adjointName: String, _ op: any LinearOperator, input: [Float]) throws -> [Float] {
            var output = [Float](repeating: 0, count: op.outputShape.count)
            var back = [Float](repeating: 0, count: op.inputShape.count)
            input.withUnsafeBufferPointer { x in
                output.withUnsafeMutableBufferPointer { y in report(applyName, fastest { op.apply(x, into: y) }) }
            }
            output.withUnsafeBufferPointer { y in
                back.withUnsafeMutableBufferPointer { x in report(adjointName, fastest { op.adjoint(y, into: x) }) }
            }
            return output
        }

        /// Shortest wall time of `repeats` runs of `body` after one warm-up run.
        private func fastest(_ body: () -> Void) -> Double {
            body()
            let times = (0..<repeats).map { _ -> Double in
                let start = DispatchTime.now().uptimeNanoseconds
                body()
                return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
            }.sorted()
            return times[0]
        }

        private func report(_ name: String, _ seconds: Double) {
            print("{\"name\": \"\(name)\", \"seconds\": \(String(format: "%.6f", seconds))}")
        }
    }
}
