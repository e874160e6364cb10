/// One evaluation of a reconstruction during a fit.
public struct CurvePoint: Codable, Equatable, Sendable {
    /// Optimiser steps taken before this evaluation (0 = the initialisation).
    public var iteration: Int
    /// PSNR against the ground truth, in dB (peak 1).
    public var psnr: Double
    /// SSIM against the ground truth, when measured.
    public var ssim: Double?
    /// The data-fidelity loss at this iteration, when the method has one.
    public var loss: Double?
    /// Wall-clock seconds of fitting spent up to this iteration (evaluation time excluded).
    public var seconds: Double

    public init(iteration: Int, psnr: Double, ssim: Double? = nil, loss: Double? = nil, seconds: Double) {
        self.iteration = iteration
        self.psnr = psnr
        self.ssim = ssim
        self.loss = loss
        self.seconds = seconds
    }
}

/// How a curve was produced: an INR fitted from a prior, or a classical baseline.
public enum MethodKind: String, Codable, Sendable {
    case prior
    case baseline
}

/// The evaluations of one method (a prior or a baseline) on one image of one problem, in iteration order.
///
/// A classical baseline that runs no iterations is a single point; an iterative one (plug-and-play) has a point per
/// iterate, its result last.
public struct MethodCurve: Codable, Equatable, Sendable {
    public var problem: String
    public var image: String
    public var method: String
    public var kind: MethodKind
    public var points: [CurvePoint]
    /// The step at which the fit's discrepancy first fell to its target (the no-reference stopping point of the
    /// discrepancy principle; its evaluation is among `points`), when it did.
    public var discrepancyStop: Int?

    public init(problem: String, image: String, method: String, kind: MethodKind, points: [CurvePoint], discrepancyStop: Int? = nil) {
        self.problem = problem
        self.image = image
        self.method = method
        self.kind = kind
        self.points = points
        self.discrepancyStop = discrepancyStop
    }

    /// The evaluation at the discrepancy stop, when there is one.
    public var discrepancyStopPoint: CurvePoint? {
        discrepancyStop.flatMap { stop in points.first { $0.iteration == stop } }
    }

    /// The point of highest PSNR (the best iterate a solver keeps); for a baseline its result, the last point: a
    /// baseline's answer does not depend on the ground truth, whichever of its iterates came closest to it.
    public var best: CurvePoint? { kind == .baseline ? points.last : points.max { $0.psnr < $1.psnr } }

    /// What the fit had reached after `iteration` steps: the last evaluation at or before it, provided the
    /// fit ran that far (`nil` for an iteration beyond the curve's end).
    public func point(at iteration: Int) -> CurvePoint? {
        guard let last = points.last, last.iteration >= iteration else { return nil }
        return points.last { $0.iteration <= iteration }
    }

    /// The first evaluation whose PSNR reaches `target` dB.
    public func firstPoint(reaching target: Double) -> CurvePoint? {
        points.first { $0.psnr >= target }
    }
}

extension Array where Element == MethodCurve {
    /// The methods of these curves, each once, in order of first appearance (the order of a table's rows).
    public var methodsInOrder: [String] {
        var methods: [String] = []
        for curve in self where !methods.contains(curve.method) { methods.append(curve.method) }
        return methods
    }
}
