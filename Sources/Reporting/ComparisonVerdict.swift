import Foundation

/// What a comparison found, in plain sentences computed from its curves — never written in advance.
///
/// For every learned prior against the reference start (random initialisation in the paper's comparisons), over the
/// images both fitted:
/// - **who won and by how much**: the mean best PSNR of each, and the step of the table's iterations at which the
///   winner led by the most (mean PSNR after t steps, the last evaluation at or before t);
/// - **how many steps each needed to reach the other's best**: per image, the first evaluation whose PSNR reaches the
///   other start's best on that image, averaged over the images where it did;
/// - **for a prior that lost, the reason the curves show**: when both fits peak and then fall by ≥ 0.5 dB (a noisy
///   measurement being fitted, noise and all), the prior's earlier and lower peak; otherwise its data loss
///   ‖A x̂ − y‖²/m at the last step against the winner's — no larger means it explains y at least as well, so the
///   gap lies in the part of x the measurement leaves open (for an exact fit of both, x̂₁ − x̂₂ ∈ null(A)), which the
///   prior fills less well; larger means it fits y less closely.
///
/// Then, when the run has classical baselines, how the best of them stands against the best INR start. Two best
/// PSNRs within 0.1 dB are called a tie.
public struct ComparisonVerdict: Codable, Equatable, Sendable {
    public var sentences: [String]

    /// Below this difference in mean best PSNR (dB), two methods tie.
    static let tie = 0.1
    /// A fall from the best PSNR to the last of at least this much (dB) marks a fit that went on to fit the noise.
    static let overfitFall = 0.5

    /// The sentences as one paragraph.
    public var paragraph: String { sentences.joined(separator: " ") }

    public init(sentences: [String]) {
        self.sentences = sentences
    }

    /// The verdict of `problem`'s curves, each learned prior set against `reference`.
    ///
    /// - Parameter iterations: the table's columns, where the largest lead is looked for.
    public init(problem: String, curves: [MethodCurve], iterations: [Int], reference: String) {
        let mine = curves.filter { $0.problem == problem && !$0.points.isEmpty }
        var sentences: [String] = []
        let references = mine.filter { $0.method == reference && $0.kind == .prior }
        for method in mine.methodsInOrder where method != reference {
            let challengers = mine.filter { $0.method == method && $0.kind == .prior }
            let pairs = challengers.compactMap { challenger in
                references.first { $0.image == challenger.image }.map { (challenger: challenger, reference: $0) }
            }
            guard !pairs.isEmpty else { continue }
            sentences += Self.duel(pairs, challenger: method, reference: reference, iterations: iterations)
        }
        if let baseline = Self.bestBaseline(mine), let start = Self.bestStart(mine) {
            sentences.append(Self.baselineSentence(baseline: baseline, start: start))
        }
        self.sentences = sentences
    }

    /// The sentences of one learned prior against the reference, over the images both fitted.
    static func duel(_ pairs: [(challenger: MethodCurve, reference: MethodCurve)], challenger: String, reference: String,
                     iterations: [Int]) -> [String] {
        let ours = pairs.map(\.challenger), theirs = pairs.map(\.reference)
        let ourBest = mean(ours.compactMap { $0.best?.psnr }), theirBest = mean(theirs.compactMap { $0.best?.psnr })
        let difference = ourBest - theirBest
        let lastStep = pairs.map { min($0.challenger.points.last!.iteration, $0.reference.points.last!.iteration) }.min()!
        var sentences: [String] = []

        let steps = reachSentence(pairs, challenger: challenger, reference: reference, lastStep: lastStep)
        guard abs(difference) >= tie else {
            sentences.append(String(format: "%@ and %@ tie on their best PSNR (%.2f and %.2f dB); ", challenger, reference, ourBest, theirBest) + steps)
            return sentences
        }
        let (winner, loser) = difference > 0 ? (challenger, reference) : (reference, challenger)
        let (winning, losing) = difference > 0 ? (ours, theirs) : (theirs, ours)
        var opening = String(format: "%@'s best PSNR is %.2f dB above %@'s (%.2f against %.2f dB)", winner, abs(difference), loser,
                             max(ourBest, theirBest), min(ourBest, theirBest))
        if let lead = largestLead(of: winning, over: losing, at: iterations.filter { $0 > 0 && $0 <= lastStep }) {
            opening += String(format: " and leads by %.2f dB at step %d", lead.gap, lead.iteration)
        }
        sentences.append(opening + "; " + steps)
        if loser == challenger {
            sentences.append(reason(loser: loser, losing: losing, winner: winner, winning: winning, lastStep: lastStep))
        }
        return sentences
    }

    /// "A reaches B's best in n steps on average (k of N images); B does not reach A's best within T steps."
    static func reachSentence(_ pairs: [(challenger: MethodCurve, reference: MethodCurve)], challenger: String, reference: String,
                              lastStep: Int) -> String {
        func reach(_ name: String, _ target: String, _ runs: [(MethodCurve, MethodCurve)]) -> String {
            let reached = runs.compactMap { run, other in other.best.flatMap { run.firstPoint(reaching: $0.psnr) } }
            guard !reached.isEmpty else { return "\(name) does not reach \(target)'s best within \(lastStep) steps" }
            let steps = mean(reached.map { Double($0.iteration) })
            return String(format: "%@ reaches %@'s best in %.0f steps on average (%d of %d images)", name, target, steps,
                          reached.count, runs.count)
        }
        let forward = reach(challenger, reference, pairs.map { ($0.challenger, $0.reference) })
        let backward = reach(reference, challenger, pairs.map { ($0.reference, $0.challenger) })
        return "\(forward); \(backward)."
    }

    /// Why the loser's best stays below the winner's, from what the curves recorded.
    static func reason(loser: String, losing: [MethodCurve], winner: String, winning: [MethodCurve], lastStep: Int) -> String {
        let loserFall = mean(losing.map { ($0.best?.psnr ?? 0) - $0.points.last!.psnr })
        let winnerFall = mean(winning.map { ($0.best?.psnr ?? 0) - $0.points.last!.psnr })
        if loserFall >= overfitFall && winnerFall >= overfitFall {
            let loserPeak = mean(losing.compactMap { $0.best.map { Double($0.iteration) } })
            let winnerPeak = mean(winning.compactMap { $0.best.map { Double($0.iteration) } })
            return String(format: "Both fits go on to fit the noise (%.2f and %.2f dB below their best by step %d); %@ peaks at step "
                          + "%.0f on average against %.0f for %@, %@ the image is in place.", loserFall, winnerFall, lastStep, loser,
                          loserPeak, winnerPeak, winner, loserPeak < winnerPeak ? "fitting the noise before" : "and still lower once")
        }
        let loserLoss = losing.compactMap { $0.point(at: lastStep)?.loss }
        let winnerLoss = winning.compactMap { $0.point(at: lastStep)?.loss }
        guard loserLoss.count == losing.count, winnerLoss.count == winning.count else {
            return "The curves record no data loss to tell why."
        }
        let (ours, theirs) = (mean(loserLoss), mean(winnerLoss))
        if ours <= theirs {
            return String(format: "%@ explains the measurement at least as well (data loss %.1e against %.1e at step %d), so the gap "
                          + "lies in what the measurement leaves open, which its start fills less well than %@'s.",
                          loser, ours, theirs, lastStep, winner)
        }
        return String(format: "%@ fits the measurement less closely (data loss %.1e against %.1e at step %d).", loser, ours, theirs, lastStep)
    }

    /// The winner's largest lead in mean PSNR over the loser at one of `iterations`, when it leads anywhere.
    static func largestLead(of winning: [MethodCurve], over losing: [MethodCurve], at iterations: [Int]) -> (iteration: Int, gap: Double)? {
        let gaps = iterations.compactMap { iteration -> (iteration: Int, gap: Double)? in
            let ours = winning.map { $0.point(at: iteration)?.psnr }, theirs = losing.map { $0.point(at: iteration)?.psnr }
            guard !ours.contains(nil), !theirs.contains(nil) else { return nil }
            return (iteration, mean(ours.compactMap { $0 }) - mean(theirs.compactMap { $0 }))
        }
        return gaps.filter { $0.gap > 0 }.max { $0.gap < $1.gap }
    }

    /// The baseline of highest mean best PSNR.
    static func bestBaseline(_ curves: [MethodCurve]) -> (method: String, psnr: Double)? {
        best(of: curves.filter { $0.kind == .baseline })
    }

    /// The INR start of highest mean best PSNR.
    static func bestStart(_ curves: [MethodCurve]) -> (method: String, psnr: Double)? {
        best(of: curves.filter { $0.kind == .prior })
    }

    static func best(of curves: [MethodCurve]) -> (method: String, psnr: Double)? {
        curves.methodsInOrder.map { method in (method, mean(curves.filter { $0.method == method }.compactMap { $0.best?.psnr })) }
            .max { $0.1 < $1.1 }
    }

    static func baselineSentence(baseline: (method: String, psnr: Double), start: (method: String, psnr: Double)) -> String {
        let difference = baseline.psnr - start.psnr
        if abs(difference) < tie {
            return String(format: "The best classical baseline, %@, ties with the best INR start, %@ (%.2f and %.2f dB).",
                          baseline.method, start.method, baseline.psnr, start.psnr)
        }
        return String(format: "The best classical baseline, %@, reaches %.2f dB: %.2f dB %@ the best INR start, %@ (%.2f dB).",
                      baseline.method, baseline.psnr, abs(difference), difference > 0 ? "above" : "below", start.method, start.psnr)
    }

    /// The arithmetic mean, NaN for no values.
    static func mean(_ values: [Double]) -> Double { ComparisonTable.mean(values) ?? .nan }
}
