/// A method's PSNR averaged over the images of a problem, for plotting.
public struct MeanCurve: Equatable, Sendable {
    public var method: String
    public var kind: MethodKind
    /// (iteration, mean PSNR in dB), at the iterations evaluated on every image.
    public var points: [(iteration: Int, psnr: Double)]

    public static func == (lhs: MeanCurve, rhs: MeanCurve) -> Bool {
        lhs.method == rhs.method && lhs.kind == rhs.kind
            && lhs.points.map(\.iteration) == rhs.points.map(\.iteration) && lhs.points.map(\.psnr) == rhs.points.map(\.psnr)
    }

    /// One mean curve per method, in order of first appearance.
    public static func of(_ curves: [MethodCurve]) -> [MeanCurve] {
        curves.methodsInOrder.map { method in
            let runs = curves.filter { $0.method == method }
            let common = runs.dropFirst().reduce(Set(runs.first?.points.map(\.iteration) ?? [])) {
                $0.intersection($1.points.map(\.iteration))
            }
            let points = common.sorted().map { iteration -> (iteration: Int, psnr: Double) in
                let values = runs.compactMap { run in run.points.first { $0.iteration == iteration }?.psnr }
                return (iteration, values.reduce(0, +) / Double(values.count))
            }
            return MeanCurve(method: method, kind: runs.first?.kind ?? .prior, points: points)
        }
    }
}
