import Operators

/// Throws unless `sigma` is a finite number `> 0`; `owner` names the method in the message.
func checkNoiseLevel(_ sigma: Double, owner: String, parameter: String = "sigma") throws {
    guard sigma > 0, sigma.isFinite else {
        throw OperatorError.invalidParameter(
            owner: owner, parameter: parameter,
            message: "must be a finite noise standard deviation > 0 (intensities in [0, 1]), got \(sigma)")
    }
}

/// Throws unless `value ≥ 1` (a count of iterations or steps).
func checkAtLeastOne(_ value: Int, owner: String, parameter: String) throws {
    guard value >= 1 else {
        throw OperatorError.invalidParameter(owner: owner, parameter: parameter, message: "must be ≥ 1, got \(value)")
    }
}
